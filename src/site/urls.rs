//! The URL model of a static site: which URL each file is served at, and which file a link
//! target written on a page reaches. Purely lexical: it works on the site's file list and the
//! pages' front matter, and never looks at the file system outside the root.
//!
//! Paths here are site-relative URL paths without the leading `/` and without the baseurl
//! (`es/donate.html`, `assets/x.png`, `es/donate/` for a directory).

use crate::discover::Corpus;
use crate::model::{Document, FileKind, LiquidKind, Value};
use crate::site::settings::{Generator, SiteSettings};
use std::collections::{BTreeSet, HashMap};

/// Files that generators and their common plugins write without a source file.
const GENERATED: &[(Generator, Option<&str>, &str)] = &[
    (Generator::Jekyll, Some("jekyll-feed"), "feed.xml"),
    (Generator::Jekyll, Some("jekyll-sitemap"), "sitemap.xml"),
    (Generator::Jekyll, Some("jekyll-sitemap"), "robots.txt"),
    (Generator::Hugo, None, "index.xml"),
    (Generator::Hugo, None, "sitemap.xml"),
    (Generator::Hugo, None, "robots.txt"),
];

/// Includes longer than this are templates, not URLs.
const INCLUDE_URL_MAX_BYTES: u64 = 2048;

/// Where files are served, and how targets resolve.
#[derive(Debug, Default)]
pub struct SiteUrls {
    generator: Generator,
    baseurl: String,
    /// What the generator writes (`es/donate.html`) → the file it comes from (`es/donate.md`).
    outputs: HashMap<String, String>,
    /// Each served file → what the generator writes for it.
    output_of: HashMap<String, String>,
    /// Small `_includes/<name>` files of plain text, by name (`standards-url` → `https://…`).
    plain_includes: HashMap<String, String>,
    /// `_posts` files by name without extension, for `{% post_url %}`.
    posts: HashMap<String, String>,
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
        let permalinks: HashMap<&str, &str> = corpus
            .files
            .iter()
            .zip(documents)
            .filter_map(|(file, document)| {
                let key = match settings.generator {
                    Generator::Hugo => "url",
                    _ => "permalink",
                };
                let front_matter = document.front_matter.parsed()?;
                let value = front_matter.get(key)?.value.as_str()?;
                Some((file.path.as_str(), value))
            })
            .collect();
        let mut urls = Self::from_files(&corpus.site_files, &permalinks, settings);
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
                    .entry(permalink_output(old_url))
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

    /// The model of `site_files` with the front matter permalinks of pages, without reading
    /// any file.
    fn from_files(
        site_files: &BTreeSet<String>,
        permalinks: &HashMap<&str, &str>,
        settings: &SiteSettings,
    ) -> Self {
        let mut urls = SiteUrls {
            generator: settings.generator,
            baseurl: settings.baseurl.trim_matches('/').to_owned(),
            ..SiteUrls::default()
        };
        for file in site_files {
            let permalink = permalinks.get(file.as_str()).copied();
            let Some(output) = output_path(file, permalink, settings) else {
                continue;
            };
            urls.outputs
                .entry(output.clone())
                .or_insert_with(|| file.clone());
            urls.output_of.insert(file.clone(), output);
            if let Some(post) = file.strip_prefix("_posts/") {
                let name = post.rsplit('/').next().unwrap_or(post);
                let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
                urls.posts.insert(stem.to_owned(), file.clone());
            }
        }
        for (generator, plugin, output) in GENERATED {
            let written = *generator == settings.generator
                && plugin.is_none_or(|plugin| settings.plugins.iter().any(|p| p == plugin));
            if written {
                // Served, though no file of the site is its source: it points at itself.
                urls.outputs
                    .entry((*output).to_owned())
                    .or_insert_with(|| (*output).to_owned());
            }
        }
        urls
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
                self.expand_output(content)?
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
        let resolution = self.resolve_path(page, &path);
        Target::Local {
            resolution,
            fragment,
        }
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
        if !path.starts_with('/') {
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
            if self.generator == Generator::Plain {
                candidates.push(format!("{url_path}README.md"));
                candidates.push(format!("{url_path}index.md"));
            }
        } else {
            candidates.push(url_path.to_owned());
            // Servers answer `/es/donate` with `es/donate.html`, and redirect `/x` to `/x/`.
            candidates.push(format!("{url_path}.html"));
            candidates.push(format!("{url_path}/index.html"));
            if self.generator == Generator::Plain {
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

/// What the generator writes for `file`, or `None` when the file is not served.
fn output_path(file: &str, permalink: Option<&str>, settings: &SiteSettings) -> Option<String> {
    let kind = FileKind::from_path(file);
    let is_markdown = kind == Some(FileKind::Markdown);
    match settings.generator {
        Generator::Plain => Some(file.to_owned()),
        Generator::Hugo => {
            if let Some(content) = file.strip_prefix("content/") {
                if !is_markdown {
                    return Some(content.to_owned());
                }
                if let Some(permalink) = permalink {
                    return Some(permalink_output(permalink));
                }
                let (directory, name) = split_file_name(content);
                let stem = strip_extension(name);
                return Some(if stem == "_index" || stem == "index" {
                    format!("{directory}index.html")
                } else {
                    format!("{directory}{stem}/index.html")
                });
            }
            file.strip_prefix("static/").map(str::to_owned)
        }
        Generator::Jekyll => {
            if let Some(post) = file.strip_prefix("_posts/") {
                return Some(match permalink {
                    Some(permalink) => permalink_output(permalink),
                    None => post_output(post, settings.permalink.as_deref()),
                });
            }
            let hidden = file
                .split('/')
                .any(|part| part.starts_with('_') || part.starts_with('.'));
            if hidden
                && !settings
                    .include
                    .iter()
                    .any(|included| file.starts_with(included.as_str()))
            {
                return None;
            }
            if let Some(permalink) = permalink {
                return Some(permalink_output(permalink));
            }
            if !is_markdown {
                return Some(file.to_owned());
            }
            let (directory, name) = split_file_name(file);
            let stem = strip_extension(name);
            let pretty = settings
                .permalink
                .as_deref()
                .is_some_and(|style| style == "pretty" || style.ends_with('/'));
            Some(if stem == "index" {
                format!("{directory}index.html")
            } else if pretty {
                format!("{directory}{stem}/index.html")
            } else {
                format!("{directory}{stem}.html")
            })
        }
    }
}

/// A post's output under the site's permalink style (`date` when unset).
fn post_output(post: &str, style: Option<&str>) -> String {
    let (categories, name) = split_file_name(post);
    let stem = strip_extension(name);
    let mut parts = stem.splitn(4, '-');
    let (year, month, day) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let title = parts.next().unwrap_or(stem);
    let template = match style.unwrap_or("date") {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        template => template,
    };
    let expanded = template
        .replace(":categories", categories.trim_end_matches('/'))
        .replace(":year", year)
        .replace(":month", month)
        .replace(":day", day)
        .replace(":title", title)
        .replace(":slug", title)
        .replace(":output_ext", ".html");
    permalink_output(&expanded)
}

/// The file written for a permalink: `/x/` → `x/index.html`, `/x` → `x.html`.
fn permalink_output(permalink: &str) -> String {
    let path = normalise(permalink.trim_start_matches('/')).unwrap_or_default();
    if path.is_empty() || path.ends_with('/') {
        return format!("{path}index.html");
    }
    let name = path.rsplit('/').next().unwrap_or(&path);
    if name.contains('.') {
        path
    } else {
        format!("{path}.html")
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

/// `a/b/../c/./d` → `a/c/d`, keeping a trailing `/`; `None` when `..` climbs above the root.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    let mut directory = false;
    for (index, segment) in segments.iter().enumerate() {
        match *segment {
            "" | "." => directory = index == last && index > 0,
            ".." => {
                parts.pop()?;
                directory = index == last;
            }
            part => {
                parts.push(part);
                directory = false;
            }
        }
    }
    let mut joined = parts.join("/");
    if directory && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

fn parent_directory(path: &str) -> &str {
    path.rfind('/').map_or("", |slash| &path[..=slash])
}

fn split_file_name(path: &str) -> (&str, &str) {
    let directory = parent_directory(path);
    (directory, &path[directory.len()..])
}

fn strip_extension(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
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

    fn site(generator: Generator, files: &[&str], permalink: Option<&str>) -> SiteUrls {
        let settings = SiteSettings {
            generator,
            permalink: permalink.map(str::to_owned),
            include: vec![".well-known".to_owned()],
            ..SiteSettings::default()
        };
        let files = files.iter().map(|file| (*file).to_owned()).collect();
        SiteUrls::from_files(&files, &HashMap::new(), &settings)
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
        let settings = SiteSettings {
            generator: Generator::Jekyll,
            baseurl: "/docs".to_owned(),
            ..SiteSettings::default()
        };
        let files = JEKYLL.iter().map(|file| (*file).to_owned()).collect();
        let urls = SiteUrls::from_files(&files, &HashMap::new(), &settings);
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
        let settings = SiteSettings {
            generator: Generator::Jekyll,
            ..SiteSettings::default()
        };
        let files = ["en/about.md".to_owned()].into_iter().collect();
        let permalinks = HashMap::from([("en/about.md", "/about-us/")]);
        let urls = SiteUrls::from_files(&files, &permalinks, &settings);
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
        let settings = SiteSettings {
            generator: Generator::Jekyll,
            plugins: vec!["jekyll-sitemap".to_owned()],
            ..SiteSettings::default()
        };
        let urls = SiteUrls::from_files(&BTreeSet::new(), &HashMap::new(), &settings);
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
        assert_eq!(normalise("a/b/../c/./d").as_deref(), Some("a/c/d"));
        assert_eq!(normalise("a/b/").as_deref(), Some("a/b/"));
        assert_eq!(normalise("a/..").as_deref(), Some(""));
        assert_eq!(normalise("a/../.."), None);
        assert_eq!(pretty("en/index.html"), "en/");
        assert_eq!(pretty("index.html"), "");
        assert_eq!(pretty("en/help.html"), "en/help");
        assert_eq!(permalink_output("/x/"), "x/index.html");
        assert_eq!(permalink_output("/x"), "x.html");
        assert_eq!(permalink_output("/feed.xml"), "feed.xml");
    }
}
