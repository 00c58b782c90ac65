//! The URL model of a static site: which URL each file is served at, and which file a link
//! target written on a page reaches. Purely lexical: it works on the site's file list and the
//! pages' front matter, and never looks at the file system outside the root.
//!
//! Paths here are site-relative URL paths without the leading `/` and without the baseurl
//! (`es/donate.html`, `assets/x.png`, `es/donate/` for a directory).

use crate::discover::Corpus;
use crate::model::{Document, LiquidKind, Value};
use crate::site::generators::{
    Generator, GeneratorModel, PageFacts, normalise, output_for_url, parent_directory,
};
use crate::site::settings::SiteSettings;
use std::collections::HashMap;

/// Includes longer than this are templates, not URLs.
const INCLUDE_URL_MAX_BYTES: u64 = 2048;

/// Where files are served, and how targets resolve.
#[derive(Debug, Default)]
pub struct SiteUrls {
    /// Whether `/x` is also served from `x.md` or `x/README.md` (repository browsers).
    serves_sources: bool,
    /// Whether a link to a source file (`../guide.md`) reaches its page.
    resolves_file_links: bool,
    baseurl: String,
    /// What the generator writes (`es/donate.html`) → the file it comes from (`es/donate.md`).
    outputs: HashMap<String, String>,
    /// Each served file → what the generator writes for it.
    output_of: HashMap<String, String>,
    /// Small `_includes/<name>` files of plain text, by name (`standards-url` → `https://…`).
    plain_includes: HashMap<String, String>,
    /// `_posts` files by name without extension, for `{% post_url %}`.
    posts: HashMap<String, String>,
    /// For generators that localise links: each linted file's locale and key, and the file
    /// of each (locale, key).
    locale_of: HashMap<String, String>,
    key_of: HashMap<String, String>,
    translations: HashMap<(String, String), String>,
    /// Parallel to the linted documents: whether every id the page renders is in its model.
    ids_known: Vec<bool>,
}

/// What a link target written on a page points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another site, a `mailto:`, or anything with a scheme.
    External,
    /// `#fragment` on the page itself (`fragment` is percent-decoded, may be empty).
    SamePage { fragment: String },
    /// A path of this site.
    Local {
        resolution: Resolution,
        fragment: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The file served there.
    File(String),
    /// Nothing of the site is served at this URL path.
    Missing(String),
    /// The target climbs above the site root.
    EscapesRoot,
}

impl SiteUrls {
    pub fn new(corpus: &Corpus, documents: &[Document], settings: &SiteSettings) -> Self {
        let model = settings.model();
        let mut facts: HashMap<&str, PageFacts> = corpus
            .site_files
            .iter()
            .map(|file| (file.as_str(), PageFacts::file(file)))
            .collect();
        for (file, document) in corpus.files.iter().zip(documents) {
            facts.insert(
                &file.path,
                PageFacts {
                    path: &file.path,
                    locale: file.locale.as_deref(),
                    key: file.key.as_deref(),
                    front_matter: document.front_matter.parsed(),
                },
            );
        }
        let mut urls = Self::from_facts(
            corpus.site_files.iter().map(|file| facts[file.as_str()]),
            model,
            settings,
        );
        if model.locales().falls_back {
            urls.add_fallbacks(corpus, model);
        }
        if model.localizes_links() {
            for file in &corpus.files {
                if let (Some(locale), Some(key)) = (&file.locale, &file.key) {
                    urls.locale_of.insert(file.path.clone(), locale.clone());
                    urls.key_of.insert(file.path.clone(), key.clone());
                    urls.translations
                        .insert((locale.clone(), key.clone()), file.path.clone());
                }
            }
        }
        // jekyll-redirect-from (and Hugo's `aliases`) serve a redirect at each old URL.
        let redirect_key = match settings.generator {
            Generator::Hugo => "aliases",
            _ => "redirect_from",
        };
        for (file, document) in corpus.files.iter().zip(documents) {
            let Some(entry) = document
                .front_matter
                .parsed()
                .and_then(|front_matter| front_matter.get(redirect_key))
            else {
                continue;
            };
            let old_urls = match &entry.value {
                Value::List(items) => items.iter().filter_map(Value::as_str).collect(),
                value => value.as_str().into_iter().collect::<Vec<_>>(),
            };
            for old_url in old_urls {
                urls.outputs
                    .entry(output_for_url(old_url))
                    .or_insert_with(|| file.path.clone());
            }
        }
        if settings.generator == Generator::Jekyll {
            urls.plain_includes = read_plain_includes(corpus);
        }
        // Once per page: links into a page ask this for every fragment.
        urls.ids_known = documents
            .iter()
            .map(|document| urls.renders_only_known_ids(document))
            .collect();
        urls
    }

    /// Whether every id linted page `index` renders is in its model (`false` when unknown).
    pub fn ids_are_known(&self, index: usize) -> bool {
        self.ids_known.get(index).copied().unwrap_or(false)
    }

    /// Redirect stubs, headings whose text is Liquid and includes that insert markup have
    /// ids nobody can know before the site is built.
    fn renders_only_known_ids(&self, document: &Document) -> bool {
        let liquid_heading = document
            .headings
            .iter()
            .any(|heading| heading.explicit_id.is_none() && heading.has_liquid);
        let markup_include = document.liquid.iter().any(|tag| {
            tag.kind == LiquidKind::Tag
                && tag.name() == "include"
                && !tag
                    .content
                    .split_whitespace()
                    .nth(1)
                    .is_some_and(|name| self.include_is_plain_text(name))
        });
        document.redirect.is_none() && !liquid_heading && !markup_include
    }

    /// The URL model of the given files, without reading any file.
    fn from_facts<'a>(
        files: impl Iterator<Item = PageFacts<'a>>,
        model: &dyn GeneratorModel,
        settings: &SiteSettings,
    ) -> Self {
        let mut urls = SiteUrls {
            serves_sources: model.serves_sources(),
            resolves_file_links: model.resolves_file_links(),
            baseurl: settings.baseurl.trim_matches('/').to_owned(),
            ..SiteUrls::default()
        };
        for page in files {
            let file = page.path;
            let Some(output) = model.output(&page) else {
                continue;
            };
            urls.outputs
                .entry(output.clone())
                .or_insert_with(|| file.to_owned());
            urls.output_of.insert(file.to_owned(), output);
            if let Some(post) = file.strip_prefix("_posts/") {
                let name = post.rsplit('/').next().unwrap_or(post);
                let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
                urls.posts.insert(stem.to_owned(), file.to_owned());
            }
        }
        for output in model.generated() {
            // Served, though no file of the site is its source: it points at itself.
            urls.outputs
                .entry(output.to_owned())
                .or_insert_with(|| output.to_owned());
        }
        urls
    }

    /// Where a generator serves the source page for a missing translation, that URL reaches
    /// the source page.
    fn add_fallbacks(&mut self, corpus: &Corpus, model: &dyn GeneratorModel) {
        let locales = &model.locales().declared;
        let source = corpus.source_locale.as_str();
        let mut fallbacks = Vec::new();
        for file in &corpus.site_files {
            let facts = PageFacts::file(file);
            for locale in locales.iter().filter(|locale| *locale != source) {
                if let Some(output) = model.fallback_output(&facts, locale) {
                    fallbacks.push((output, file.clone()));
                }
            }
        }
        for (output, file) in fallbacks {
            self.outputs.entry(output).or_insert(file);
        }
    }

    /// Where `output` (as written by the generator) is served: `es/donate.html` → `es/donate`.
    pub fn served_url(&self, file: &str) -> Option<String> {
        let output = self.output_of.get(file)?;
        Some(pretty(output))
    }

    /// Every page's served URL path with the file it comes from, for suggestions.
    pub fn pages(&self) -> impl Iterator<Item = (String, &str)> {
        self.outputs
            .iter()
            .filter(|(output, _)| output.ends_with(".html"))
            .map(|(output, file)| (pretty(output), file.as_str()))
    }

    /// Every URL path the generator writes a file at (`assets/x.png`, `es/donate.html`).
    pub fn outputs(&self) -> impl Iterator<Item = &str> {
        self.outputs.keys().map(String::as_str)
    }

    /// What the generator writes for a served file.
    pub fn output_of(&self, file: &str) -> Option<&str> {
        self.output_of.get(file).map(String::as_str)
    }

    /// The baseurl with a leading `/`, or `""`.
    pub fn baseurl(&self) -> String {
        self.baseurl_prefix()
    }

    /// The URL directory relative targets on `page` start from: `es/` for `es/donate.md`
    /// served at `/es/donate`, `en/x/` for Hugo's `/en/x/`.
    pub fn base_directory(&self, page: &str) -> String {
        let output = self.output_of.get(page).map_or(page, String::as_str);
        parent_directory(output).to_owned()
    }

    /// Whether `{% include name %}` inserts only plain text (a URL, a fingerprint), so it
    /// adds no element or heading a fragment could name.
    pub fn include_is_plain_text(&self, name: &str) -> bool {
        self.plain_includes.contains_key(name)
    }

    /// Rewrites the Liquid in a target into the URL it renders, when that is known:
    /// `{% link x %}`, `{% post_url x %}`, `{{ 'x' | relative_url }}`, `{{ site.baseurl }}`
    /// and `{% include x %}` of an include holding a URL. `None` for anything else.
    pub fn expand_liquid(&self, target: &str) -> Option<String> {
        self.expand_templates(None, target)
    }

    /// Like [`SiteUrls::expand_liquid`], and Hugo's `{{< ref "x" >}}` / `{{< relref "x" >}}`
    /// resolved from `page`.
    pub fn expand_on_page(&self, page: &str, target: &str) -> Option<String> {
        self.expand_templates(Some(page), target)
    }

    fn expand_templates(&self, page: Option<&str>, target: &str) -> Option<String> {
        let mut expanded = String::new();
        let mut rest = target;
        while let Some(start) = rest.find(['{']) {
            let (open, close) = match rest[start..].get(..2) {
                Some("{%") => ("{%", "%}"),
                Some("{{") => ("{{", "}}"),
                _ => {
                    expanded.push_str(&rest[..=start]);
                    rest = &rest[start + 1..];
                    continue;
                }
            };
            expanded.push_str(&rest[..start]);
            let inner_start = start + open.len();
            let end = rest[inner_start..].find(close)? + inner_start;
            let content = rest[inner_start..end].trim_matches(['-', ' ', '\t', '\n']);
            let value = if open == "{%" {
                self.expand_tag(content)?
            } else {
                match (page, content.strip_prefix(['<', '%'])) {
                    (Some(page), Some(shortcode)) => {
                        self.expand_hugo_ref(page, shortcode.trim_end_matches(['>', '%']))?
                    }
                    _ => self.expand_output(content)?,
                }
            };
            expanded.push_str(&value);
            rest = &rest[end + close.len()..];
        }
        expanded.push_str(rest);
        Some(expanded)
    }

    fn expand_tag(&self, content: &str) -> Option<String> {
        let mut words = content.split_whitespace();
        let name = words.next()?;
        let argument = words.next()?;
        if words.next().is_some() {
            return None;
        }
        match name {
            "link" => Some(format!("/{}", argument.trim_start_matches('/'))),
            "post_url" => {
                let file = self.posts.get(argument.rsplit('/').next()?)?;
                Some(format!("/{}", self.output_of.get(file)?))
            }
            "include" => self
                .plain_includes
                .get(argument)
                .filter(|text| is_single_url(text))
                .cloned(),
            _ => None,
        }
    }

    /// `ref "guide/setup.md#x"`: the URL of the page Hugo finds for the path, looked up
    /// beside `page`, then from the content root of `page`'s language, then of any language.
    fn expand_hugo_ref(&self, page: &str, shortcode: &str) -> Option<String> {
        let mut words = shortcode.split_whitespace();
        if !matches!(words.next()?, "ref" | "relref") {
            return None;
        }
        let argument = words.next()?.trim_matches(['"', '\'', '`']);
        let (path, fragment) = argument.split_once('#').unwrap_or((argument, ""));
        let path = path.trim_end_matches('/');
        let directory = parent_directory(page);
        let wanted = |file: &str| {
            let stem = file.strip_suffix(".md").unwrap_or(file);
            let stem = stem
                .strip_suffix("/_index")
                .or_else(|| stem.strip_suffix("/index"))
                .unwrap_or(stem);
            stem.ends_with(&format!("/{}", path.trim_start_matches('/')))
                || stem == path.trim_start_matches('/')
        };
        let language_root = page.split('/').take(2).collect::<Vec<_>>().join("/");
        let found = self
            .output_of
            .keys()
            .filter(|file| file.ends_with(".md") && wanted(file))
            .max_by_key(|file| {
                (
                    !path.starts_with('/') && file.starts_with(directory),
                    file.starts_with(&language_root),
                    std::cmp::Reverse(file.len()),
                )
            })?;
        let url = pretty(self.output_of.get(found)?);
        let fragment = if fragment.is_empty() {
            String::new()
        } else {
            format!("#{fragment}")
        };
        Some(format!("{}/{url}{fragment}", self.baseurl_prefix()))
    }

    fn expand_output(&self, content: &str) -> Option<String> {
        if content == "site.baseurl" {
            return Some(self.baseurl_prefix());
        }
        let (value, filter) = content.split_once('|')?;
        let filter = filter.trim();
        if filter != "relative_url" && filter != "absolute_url" {
            return None;
        }
        let value = value.trim();
        let quoted = value
            .strip_prefix('\'')
            .and_then(|v| v.strip_suffix('\''))
            .or_else(|| value.strip_prefix('"').and_then(|v| v.strip_suffix('"')))?;
        Some(format!(
            "{}/{}",
            self.baseurl_prefix(),
            quoted.trim_start_matches('/')
        ))
    }

    fn baseurl_prefix(&self) -> String {
        if self.baseurl.is_empty() {
            String::new()
        } else {
            format!("/{}", self.baseurl)
        }
    }

    /// What `target`, written on `page`, points at. The target must be free of Liquid
    /// (see `expand_liquid`).
    pub fn classify(&self, page: &str, target: &str) -> Target {
        let target = target.trim();
        if has_scheme(target) || target.starts_with("//") {
            return Target::External;
        }
        let (without_fragment, fragment) = match target.split_once('#') {
            Some((path, fragment)) => (path, Some(percent_decode(fragment))),
            None => (target, None),
        };
        let path = without_fragment
            .split_once('?')
            .map_or(without_fragment, |(path, _)| path);
        if path.is_empty() {
            return match fragment {
                Some(fragment) => Target::SamePage { fragment },
                // `?query` alone reloads the page itself.
                None => Target::SamePage {
                    fragment: String::new(),
                },
            };
        }
        let path = percent_decode(path);
        let resolution = match self.resolve_path(page, &path) {
            Resolution::File(file) => Resolution::File(self.localized(page, file)),
            other => other,
        };
        Target::Local {
            resolution,
            fragment,
        }
    }

    /// The file a link to `file` on `page` reaches: its translation in the page's locale,
    /// for generators that localise links (mkdocs-static-i18n), else `file`.
    fn localized(&self, page: &str, file: String) -> String {
        let Some(page_locale) = self.locale_of.get(page) else {
            return file;
        };
        self.key_of
            .get(&file)
            .and_then(|key| self.translations.get(&(page_locale.clone(), key.clone())))
            .cloned()
            .unwrap_or(file)
    }

    /// The file served at an output path (`fr/water/index.html`), fallbacks included.
    pub fn file_at(&self, output: &str) -> Option<&str> {
        self.outputs.get(output).map(String::as_str)
    }

    fn resolve_path(&self, page: &str, path: &str) -> Resolution {
        let url_path = match path.strip_prefix('/') {
            Some(rooted) => {
                let within_base = if self.baseurl.is_empty() {
                    None
                } else {
                    rooted
                        .strip_prefix(self.baseurl.as_str())
                        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
                };
                normalise(within_base.unwrap_or(rooted).trim_start_matches('/'))
            }
            None => normalise(&format!("{}{path}", self.base_directory(page))),
        };
        let Some(url_path) = url_path else {
            return Resolution::EscapesRoot;
        };
        if let Some(file) = self.lookup(&url_path) {
            return Resolution::File(file);
        }
        // jekyll-relative-links and repository browsers resolve `help.md` from the file's
        // own folder, which differs from the URL folder under pretty URLs.
        if !path.starts_with('/') && self.resolves_file_links {
            let from_file = normalise(&format!("{}{path}", parent_directory(page)));
            if let Some(file) = from_file.as_deref().and_then(|p| self.lookup(p)) {
                return Resolution::File(file);
            }
        }
        Resolution::Missing(url_path)
    }

    /// The file served at a site-relative URL path.
    fn lookup(&self, url_path: &str) -> Option<String> {
        let directory = url_path.is_empty() || url_path.ends_with('/');
        let mut candidates = Vec::new();
        if directory {
            candidates.push(format!("{url_path}index.html"));
            if self.serves_sources {
                candidates.push(format!("{url_path}README.md"));
                candidates.push(format!("{url_path}index.md"));
            }
        } else {
            candidates.push(url_path.to_owned());
            // Servers answer `/es/donate` with `es/donate.html`, and redirect `/x` to `/x/`.
            candidates.push(format!("{url_path}.html"));
            candidates.push(format!("{url_path}/index.html"));
            if self.serves_sources {
                // The generator is unknown: most render `x.md` at `x`, `x.html` or `x/`.
                let stem = url_path.strip_suffix(".html").unwrap_or(url_path);
                candidates.push(format!("{stem}.md"));
                candidates.push(format!("{url_path}/index.md"));
                candidates.push(format!("{url_path}/README.md"));
            }
        }
        candidates.iter().find_map(|candidate| {
            self.outputs.get(candidate).cloned().or_else(|| {
                // A link to the source file itself (`help.md`) reaches the page too.
                self.output_of
                    .contains_key(candidate)
                    .then(|| candidate.clone())
            })
        })
    }
}

/// The URL an output is linked at: `es/donate.html` → `es/donate`, `en/index.html` → `en/`.
fn pretty(output: &str) -> String {
    if let Some(directory) = output.strip_suffix("index.html")
        && (directory.is_empty() || directory.ends_with('/'))
    {
        return directory.to_owned();
    }
    output.strip_suffix(".html").unwrap_or(output).to_owned()
}

/// The small `_includes/<name>` files that are plain text (no markup, no Liquid, no
/// heading), by name, with their trimmed text.
fn read_plain_includes(corpus: &Corpus) -> HashMap<String, String> {
    corpus
        .site_files
        .iter()
        .filter_map(|file| {
            let name = file.strip_prefix("_includes/")?;
            let text = corpus.confinement.read_text(file, INCLUDE_URL_MAX_BYTES)?;
            let plain = !text.contains(['<', '{'])
                && !text.lines().any(|line| line.trim_start().starts_with('#'));
            plain.then(|| (name.to_owned(), text.trim().to_owned()))
        })
        .collect()
}

/// Whether a plain include's text is one URL or path.
fn is_single_url(text: &str) -> bool {
    !text.is_empty() && !text.contains(char::is_whitespace) && !text.contains('>')
}

/// `https:`, `mailto:`, `tel:`, `data:`, …: a scheme of letters followed by `:`.
fn has_scheme(target: &str) -> bool {
    let Some((scheme, _)) = target.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `%20` → ` `; invalid escapes are kept as written, and so is text whose escapes are not UTF-8.
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map_or_else(|_| text.to_owned(), std::borrow::Cow::into_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::site::generators::{SiteModel, hugo::Hugo, jekyll::Jekyll};

    fn settings(model: SiteModel, baseurl: &str) -> SiteSettings {
        SiteSettings {
            generator: model.model().generator(),
            model,
            baseurl: baseurl.to_owned(),
            ..SiteSettings::default()
        }
    }

    fn urls_of(files: &[&str], settings: &SiteSettings) -> SiteUrls {
        SiteUrls::from_facts(
            files.iter().map(|file| PageFacts::file(file)),
            settings.model(),
            settings,
        )
    }

    fn site(generator: Generator, files: &[&str], permalink: Option<&str>) -> SiteUrls {
        let model = match generator {
            Generator::Jekyll => SiteModel::Jekyll(Jekyll::with(permalink, &[".well-known"], &[])),
            Generator::Hugo => SiteModel::Hugo(
                Hugo::load(&crate::files::Confinement::new(std::path::Path::new(
                    "/nonexistent",
                )))
                .expect("defaults"),
            ),
            _ => SiteModel::default(),
        };
        urls_of(files, &settings(model, ""))
    }

    fn file(path: &str) -> Target {
        Target::Local {
            resolution: Resolution::File(path.to_owned()),
            fragment: None,
        }
    }

    fn missing(path: &str) -> Target {
        Target::Local {
            resolution: Resolution::Missing(path.to_owned()),
            fragment: None,
        }
    }

    const JEKYLL: &[&str] = &[
        "en/help.md",
        "en/index.md",
        "es/donate.md",
        "es/chatmail.html",
        "assets/x.png",
        "assets/my image.png",
        "_includes/footer.html",
        "_posts/2023-12-13-chatmail.md",
        ".well-known/security.txt",
        ".git/config",
    ];

    #[test]
    fn jekyll_pages_resolve_with_and_without_extension() {
        let urls = site(Generator::Jekyll, JEKYLL, None);
        assert_eq!(
            urls.classify("es/donate.md", "../en/help"),
            file("en/help.md")
        );
        assert_eq!(
            urls.classify("es/donate.md", "/en/help.html"),
            file("en/help.md")
        );
        assert_eq!(urls.classify("es/donate.md", "/en/"), file("en/index.md"));
        assert_eq!(urls.classify("es/donate.md", "/en"), file("en/index.md"));
        assert_eq!(
            urls.classify("es/donate.md", "chatmail"),
            file("es/chatmail.html")
        );
        assert_eq!(urls.classify("en/help.md", "./index"), file("en/index.md"));
        assert_eq!(urls.classify("en/help.md", "help.md"), file("en/help.md"));
        assert_eq!(urls.classify("en/help.md", "helpp"), missing("en/helpp"));
    }

    #[test]
    fn assets_resolve_relative_and_root_relative() {
        let urls = site(Generator::Jekyll, JEKYLL, None);
        assert_eq!(
            urls.classify("es/donate.md", "../assets/x.png"),
            file("assets/x.png")
        );
        assert_eq!(
            urls.classify("es/donate.md", "/assets/x.png?v=2"),
            file("assets/x.png")
        );
        assert_eq!(
            urls.classify("es/donate.md", "../assets/my%20image.png"),
            file("assets/my image.png")
        );
        assert_eq!(
            urls.classify("es/donate.md", "../../../etc/x.png"),
            Target::Local {
                resolution: Resolution::EscapesRoot,
                fragment: None
            }
        );
    }

    #[test]
    fn hidden_files_are_not_served_unless_included() {
        let urls = site(Generator::Jekyll, JEKYLL, None);
        assert_eq!(
            urls.classify("en/help.md", "/_includes/footer.html"),
            missing("_includes/footer.html")
        );
        assert_eq!(
            urls.classify("en/help.md", "/.git/config"),
            missing(".git/config")
        );
        assert_eq!(
            urls.classify("en/help.md", "/.well-known/security.txt"),
            file(".well-known/security.txt")
        );
    }

    #[test]
    fn posts_follow_the_permalink_style() {
        let urls = site(
            Generator::Jekyll,
            JEKYLL,
            Some("/en/:year-:month-:day-:title"),
        );
        assert_eq!(
            urls.classify("en/help.md", "2023-12-13-chatmail"),
            file("_posts/2023-12-13-chatmail.md")
        );
        let urls = site(Generator::Jekyll, JEKYLL, None);
        assert_eq!(
            urls.classify("en/help.md", "/2023/12/13/chatmail.html"),
            file("_posts/2023-12-13-chatmail.md")
        );
    }

    #[test]
    fn pretty_urls_move_the_base_directory() {
        let urls = site(Generator::Jekyll, JEKYLL, Some("pretty"));
        assert_eq!(urls.base_directory("en/help.md"), "en/help/");
        assert_eq!(urls.classify("en/help.md", "../index"), file("en/index.md"));
        assert_eq!(urls.classify("en/help.md", "/en/help/"), file("en/help.md"));
        // jekyll-relative-links: a source file next to the page.
        assert_eq!(urls.classify("en/help.md", "index.md"), file("en/index.md"));
    }

    #[test]
    fn fragments_queries_and_schemes() {
        let urls = site(Generator::Jekyll, JEKYLL, None);
        assert_eq!(
            urls.classify("en/help.md", "#multi%20client"),
            Target::SamePage {
                fragment: "multi client".to_owned()
            }
        );
        assert_eq!(
            urls.classify("es/donate.md", "/en/help#multiclient"),
            Target::Local {
                resolution: Resolution::File("en/help.md".to_owned()),
                fragment: Some("multiclient".to_owned())
            }
        );
        for external in [
            "https://x.org/a",
            "mailto:a@b.c",
            "//cdn.org/x.js",
            "bitcoin:bc1q",
        ] {
            assert_eq!(urls.classify("en/help.md", external), Target::External);
        }
    }

    #[test]
    fn baseurl_is_stripped_from_root_relative_targets() {
        let settings = settings(SiteModel::Jekyll(Jekyll::default()), "docs");
        let urls = urls_of(JEKYLL, &settings);
        assert_eq!(
            urls.classify("en/help.md", "/docs/en/help"),
            file("en/help.md")
        );
        assert_eq!(
            urls.expand_liquid("{{ site.baseurl }}/assets/x.png")
                .as_deref(),
            Some("/docs/assets/x.png")
        );
        assert_eq!(
            urls.expand_liquid("{{ '/en/help' | relative_url }}#a")
                .as_deref(),
            Some("/docs/en/help#a")
        );
    }

    #[test]
    fn liquid_that_renders_a_known_url_is_expanded() {
        let urls = site(
            Generator::Jekyll,
            JEKYLL,
            Some("/en/:year-:month-:day-:title"),
        );
        assert_eq!(
            urls.expand_liquid("{% link en/help.md %}#x").as_deref(),
            Some("/en/help.md#x")
        );
        assert_eq!(
            urls.expand_liquid("{% post_url 2023-12-13-chatmail %}")
                .as_deref(),
            Some("/en/2023-12-13-chatmail.html")
        );
        assert_eq!(urls.expand_liquid("{{ page.url }}"), None);
        assert_eq!(urls.expand_liquid("{% include footer.html %}"), None);
        assert_eq!(urls.expand_liquid("{% post_url nothing %}"), None);
    }

    #[test]
    fn front_matter_permalinks_win() {
        let settings = settings(SiteModel::Jekyll(Jekyll::default()), "");
        let document = crate::parse::parse(
            crate::model::FileKind::Markdown,
            "---\npermalink: /about-us/\n---\n",
            &crate::parse::HeadingIds::default(),
        );
        let page = PageFacts {
            front_matter: document.front_matter.parsed(),
            ..PageFacts::file("en/about.md")
        };
        let urls = SiteUrls::from_facts([page].into_iter(), settings.model(), &settings);
        assert_eq!(
            urls.classify("en/help.md", "/about-us/"),
            file("en/about.md")
        );
        assert_eq!(urls.served_url("en/about.md").as_deref(), Some("about-us/"));
    }

    #[test]
    fn hugo_content_and_static() {
        let files = [
            "content/en/_index.md",
            "content/en/docs/install.md",
            "content/en/docs/bundle/index.md",
            "content/en/docs/bundle/shot.png",
            "static/images/logo.png",
            "layouts/partials/x.html",
        ];
        let urls = site(Generator::Hugo, &files, None);
        let page = "content/en/docs/install.md";
        assert_eq!(urls.base_directory(page), "en/docs/install/");
        assert_eq!(
            urls.classify(page, "../bundle/"),
            file("content/en/docs/bundle/index.md")
        );
        assert_eq!(urls.classify(page, "/en/"), file("content/en/_index.md"));
        assert_eq!(
            urls.classify(page, "/images/logo.png"),
            file("static/images/logo.png")
        );
        assert_eq!(
            urls.classify("content/en/docs/bundle/index.md", "shot.png"),
            file("content/en/docs/bundle/shot.png")
        );
        assert_eq!(
            urls.classify(page, "/layouts/partials/x.html"),
            missing("layouts/partials/x.html")
        );
    }

    #[test]
    fn plain_repositories_link_files() {
        let files = [
            "README.md",
            "docs/es/help.md",
            "docs/README.md",
            "img/a.png",
        ];
        let urls = site(Generator::Plain, &files, None);
        assert_eq!(
            urls.classify("docs/es/help.md", "../README.md"),
            file("docs/README.md")
        );
        assert_eq!(
            urls.classify("docs/es/help.md", "../"),
            file("docs/README.md")
        );
        assert_eq!(
            urls.classify("docs/es/help.md", "../../img/a.png"),
            file("img/a.png")
        );
        assert_eq!(
            urls.classify("README.md", "docs/es/hlp.md"),
            missing("docs/es/hlp.md")
        );
    }

    #[test]
    fn plugin_outputs_are_served() {
        let settings = settings(
            SiteModel::Jekyll(Jekyll::with(None, &[], &["jekyll-sitemap"])),
            "",
        );
        let urls = urls_of(&[], &settings);
        assert_eq!(
            urls.classify("en/help.md", "/sitemap.xml"),
            file("sitemap.xml")
        );
        assert_eq!(
            urls.classify("en/help.md", "/feed.xml"),
            missing("feed.xml")
        );
    }

    #[test]
    fn normalise_paths() {
        assert_eq!(normalise("a/b/").as_deref(), Some("a/b/"));
        assert_eq!(normalise("a/..").as_deref(), Some(""));
        assert_eq!(pretty("en/index.html"), "en/");
        assert_eq!(pretty("index.html"), "");
        assert_eq!(pretty("en/help.html"), "en/help");
        assert_eq!(output_for_url("/x/"), "x/index.html");
        assert_eq!(output_for_url("/x"), "x.html");
        assert_eq!(output_for_url("/feed.xml"), "feed.xml");
    }
}
