//! Docusaurus (`docusaurus.config.js`/`.ts`): docs at `/docs/…` (number prefixes dropped,
//! `slug` and `id` front matter), the blog's dated URLs, `src/pages`, `static/`; translations in
//! `i18n/<locale>/docusaurus-plugin-content-{docs/current,blog,pages}/` served under
//! `/<locale>/`, with the default locale's pages where a translation is missing;
//! github-slugger heading ids and `{#id}`.

use super::{
    CONFIG_MAX_BYTES, Generator, GeneratorModel, PageFacts, SiteLocales, folder_output,
    is_page_source, js_strings, js_value, normalise, split_file_name, strip_extension,
};
use crate::discover::layout::Layout;
use crate::discover::locale::is_declared_locale_code;
use crate::files::Confinement;
use crate::parse::HeadingIds;
use crate::parse::heading_ids::HeadingIdStyle;
use std::collections::BTreeSet;

const CONFIG_FILES: &[&str] = &[
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
];

/// Where each content plugin keeps translations, and the source folder it translates.
const PLUGINS: &[(&str, &str)] = &[
    ("docusaurus-plugin-content-docs/current/", "docs/"),
    ("docusaurus-plugin-content-blog/", "blog/"),
    ("docusaurus-plugin-content-pages/", "src/pages/"),
];

#[derive(Debug, Clone, Default)]
pub struct Docusaurus {
    config_file: Option<String>,
    locales: SiteLocales,
    baseurl: String,
    default_locale: String,
}

impl Docusaurus {
    pub fn load(root: &Confinement) -> Result<Self, String> {
        let mut docusaurus = Docusaurus {
            default_locale: "en".to_owned(),
            ..Docusaurus::default()
        };
        for name in CONFIG_FILES {
            if let Some(text) = root.read_text(name, CONFIG_MAX_BYTES) {
                docusaurus.config_file = Some((*name).to_owned());
                docusaurus.apply(&text);
                break;
            }
        }
        Ok(docusaurus)
    }

    fn apply(&mut self, config: &str) {
        if let Some(base) = js_value(config, "baseUrl") {
            self.baseurl = base.trim_matches('/').to_owned();
        }
        let i18n = js_value(config, "i18n").unwrap_or("");
        if let Some(default) = js_value(i18n, "defaultLocale") {
            self.default_locale = default.to_owned();
        }
        let mut declared: BTreeSet<String> = js_value(i18n, "locales")
            .map(js_strings)
            .unwrap_or_default()
            .into_iter()
            .filter(|code| is_declared_locale_code(code))
            .collect();
        declared.insert(self.default_locale.clone());
        let translated: BTreeSet<String> = declared
            .iter()
            .filter(|locale| **locale != self.default_locale)
            .cloned()
            .collect();
        let layouts = PLUGINS
            .iter()
            .filter_map(|(plugin, source)| {
                Layout::new(
                    &format!("i18n/{{locale}}/{plugin}**/*"),
                    Some(&format!("{source}**/*")),
                )
                .ok()
                .map(|layout| {
                    layout
                        .with_locales(translated.clone())
                        .with_key_prefix(&format!("i18n/{plugin}"), source)
                })
            })
            .collect();
        self.locales = SiteLocales {
            source: Some(self.default_locale.clone()),
            declared,
            layouts,
            falls_back: true,
        };
    }

    /// The locale of a file and the source path it stands for (`docs/intro.md`).
    fn placed(&self, path: &str) -> Option<(String, String)> {
        if let Some(rest) = path.strip_prefix("i18n/") {
            let (locale, rest) = rest.split_once('/')?;
            if !self.locales.declared.contains(locale) {
                return None;
            }
            return PLUGINS.iter().find_map(|(plugin, source)| {
                let within = rest.strip_prefix(plugin)?;
                Some((locale.to_owned(), format!("{source}{within}")))
            });
        }
        Some((self.default_locale.clone(), path.to_owned()))
    }

    /// What the default-locale file `path` is written as, without the locale prefix.
    fn route(&self, path: &str, page: &PageFacts) -> Option<String> {
        if let Some(asset) = path.strip_prefix("static/") {
            return Some(asset.to_owned());
        }
        if let Some(doc) = path.strip_prefix("docs/") {
            if !is_page_source(doc) {
                return Some(format!("docs/{doc}"));
            }
            return Some(folder_output(&format!("docs/{}", doc_route(doc, page))));
        }
        if let Some(post) = path.strip_prefix("blog/") {
            if !is_page_source(post) {
                return Some(format!("blog/{post}"));
            }
            return Some(folder_output(&format!("blog/{}", post_route(post, page))));
        }
        if let Some(route) = path.strip_prefix("src/pages/") {
            let extension = route.rsplit_once('.').map(|(_, e)| e);
            let is_page =
                is_page_source(route) || matches!(extension, Some("js" | "jsx" | "ts" | "tsx"));
            if !is_page || route.split('/').any(|part| part.starts_with('_')) {
                return None;
            }
            let (directory, name) = split_file_name(route);
            let stem = strip_extension(name);
            let url = if stem == "index" {
                directory.to_owned()
            } else {
                format!("{directory}{stem}")
            };
            return Some(folder_output(&url));
        }
        None
    }

    fn prefixed(&self, locale: &str, output: String) -> String {
        if locale == self.default_locale {
            output
        } else {
            format!("{locale}/{output}")
        }
    }
}

/// A doc's URL below `/docs/`: number prefixes dropped, `index`/`README`/a file named like its
/// folder stand for the folder, `slug` wins (absolute from `/docs/`, or relative to the
/// folder), else `id` names the last segment.
fn doc_route(doc: &str, page: &PageFacts) -> String {
    let (directory, name) = split_file_name(doc);
    let directory: Vec<&str> = directory
        .trim_end_matches('/')
        .split('/')
        .filter(|part| !part.is_empty())
        .map(strip_number_prefix)
        .collect();
    let folder = directory.join("/");
    if let Some(slug) = page.front("slug") {
        return match slug.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None => normalise(&join(&folder, slug)).unwrap_or_default(),
        };
    }
    let stem = strip_number_prefix(strip_extension(name));
    let is_index = stem.eq_ignore_ascii_case("index")
        || stem.eq_ignore_ascii_case("readme")
        || directory
            .last()
            .is_some_and(|last| last.eq_ignore_ascii_case(stem));
    if is_index && page.front("id").is_none() {
        return folder;
    }
    join(&folder, page.front("id").unwrap_or(stem))
}

/// A post's URL below `/blog/`: `2021-08-26-welcome.md` and `2021-08-26-welcome/index.md`
/// are `2021/08/26/welcome`; `slug` wins.
fn post_route(post: &str, page: &PageFacts) -> String {
    if let Some(slug) = page.front("slug") {
        return slug.trim_start_matches('/').to_owned();
    }
    let (directory, name) = split_file_name(post);
    let stem = strip_extension(name);
    let path = if stem == "index" {
        directory.trim_end_matches('/').to_owned()
    } else {
        format!("{directory}{stem}")
    };
    let (parent, last) = match path.rsplit_once('/') {
        Some((parent, last)) => (format!("{parent}/"), last.to_owned()),
        None => (String::new(), path.clone()),
    };
    let date: Vec<&str> = last.splitn(4, '-').collect();
    match date.as_slice() {
        [year, month, day, title]
            if year.len() == 4
                && [year, month, day]
                    .iter()
                    .all(|p| p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            format!("{parent}{year}/{month}/{day}/{title}")
        }
        _ => path,
    }
}

/// `01-intro` → `intro`, as Docusaurus's default number prefix parser does.
fn strip_number_prefix(name: &str) -> &str {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    match name[digits..].strip_prefix(['-', '_', '.', ' ']) {
        Some(rest) if digits > 0 && !rest.is_empty() => rest,
        _ => name,
    }
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_owned()
    } else {
        format!("{folder}/{name}")
    }
}

impl GeneratorModel for Docusaurus {
    fn generator(&self) -> Generator {
        Generator::Docusaurus
    }

    fn config_file(&self) -> Option<&str> {
        self.config_file.as_deref()
    }

    fn locales(&self) -> &SiteLocales {
        &self.locales
    }

    fn heading_ids(&self) -> HeadingIds {
        HeadingIds {
            style: HeadingIdStyle::GitHub,
            prefix: String::new(),
        }
    }

    fn baseurl(&self) -> &str {
        &self.baseurl
    }

    fn build_dirs(&self) -> &'static [&'static str] {
        &["build", ".docusaurus"]
    }

    fn url_keys(&self) -> &'static [&'static str] {
        &["slug", "id"]
    }

    fn generated(&self) -> Vec<&'static str> {
        vec![
            "sitemap.xml",
            "404.html",
            "blog/rss.xml",
            "blog/atom.xml",
            "blog/tags/index.html",
            "blog/archive/index.html",
            "search/index.html",
        ]
    }

    fn output(&self, page: &PageFacts) -> Option<String> {
        let (locale, path) = self.placed(page.path)?;
        let route = self.route(&path, page)?;
        Some(self.prefixed(&locale, route))
    }

    fn fallback_output(&self, source: &PageFacts, locale: &str) -> Option<String> {
        let (source_locale, path) = self.placed(source.path)?;
        if source_locale != self.default_locale {
            return None;
        }
        let route = self.route(&path, source)?;
        Some(self.prefixed(locale, route))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_blog_pages_and_translations() {
        let mut docusaurus = Docusaurus::default();
        docusaurus.apply("module.exports = { baseUrl: '/', i18n: { defaultLocale: 'en', locales: ['en', 'fr'] } };");
        let output = |path| docusaurus.output(&PageFacts::file(path));
        assert_eq!(
            output("docs/01-intro.md").as_deref(),
            Some("docs/intro/index.html")
        );
        assert_eq!(
            output("docs/guides/guides.md").as_deref(),
            Some("docs/guides/index.html")
        );
        assert_eq!(
            output("i18n/fr/docusaurus-plugin-content-docs/current/01-intro.md").as_deref(),
            Some("fr/docs/intro/index.html")
        );
        assert_eq!(
            output("blog/2021-08-26-welcome/index.md").as_deref(),
            Some("blog/2021/08/26/welcome/index.html")
        );
        assert_eq!(output("src/pages/index.js").as_deref(), Some("index.html"));
        assert_eq!(
            output("src/pages/markdown-page.md").as_deref(),
            Some("markdown-page/index.html")
        );
        assert_eq!(
            output("static/img/logo.svg").as_deref(),
            Some("img/logo.svg")
        );
        assert_eq!(
            docusaurus
                .fallback_output(&PageFacts::file("docs/01-intro.md"), "fr")
                .as_deref(),
            Some("fr/docs/intro/index.html")
        );
        let layout = &docusaurus.locales.layouts[0];
        assert_eq!(
            layout
                .place("i18n/fr/docusaurus-plugin-content-docs/current/a.md", "en")
                .map(|p| p.key),
            Some("docs/a.md".to_owned())
        );
        assert_eq!(
            layout.place("docs/a.md", "en").map(|p| p.locale),
            Some("en".to_owned())
        );
    }
}
