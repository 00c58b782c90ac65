//! Hugo (`hugo.toml`, `config.toml`, `config/_default/`): languages with a `contentDir` each,
//! or `content/<lang>/`, or filename suffixes (`page.fr.md`); `defaultContentLanguage(InSubdir)`;
//! sections, page bundles and `_index.md`; `slug`, `url`, `aliases`; `[permalinks]`; URLs
//! lowercased; Goldmark's heading ids.

use super::{
    Generator, GeneratorModel, PageFacts, SiteLocales, config_flag, config_text, folder_output,
    get_ignore_case, is_page_source, normalise, read_config, split_file_name, strip_extension,
};
use crate::discover::layout::Layout;
use crate::discover::locale::is_declared_locale_code;
use crate::files::Confinement;
use crate::parse::HeadingIds;
use crate::parse::heading_ids::HeadingIdStyle;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const CONFIG_FILES: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config/_default/hugo.toml",
    "config/_default/hugo.yaml",
    "config/_default/config.toml",
    "config/_default/config.yaml",
];

/// `config.toml` and friends are Hugo's only beside a `content/` folder (other tools use the
/// name too).
const LEGACY_CONFIG_FILES: &[&str] = &["config.toml", "config.yaml", "config.yml", "config.json"];

/// The config file Hugo would read in `root`.
pub fn config_file(root: &Confinement) -> Option<&'static str> {
    CONFIG_FILES
        .iter()
        .find(|name| root.is_file(name))
        .or_else(|| {
            let content = root.is_dir("content") || root.is_dir("archetypes");
            LEGACY_CONFIG_FILES
                .iter()
                .find(|name| content && root.is_file(name))
        })
        .copied()
}

#[derive(Debug, Clone, Default)]
pub struct Hugo {
    config_file: Option<String>,
    locales: SiteLocales,
    heading_style: Option<HeadingIdStyle>,
    baseurl: String,
    default_language: String,
    default_in_subdir: bool,
    /// Each language's content folder, when languages have their own.
    content_dirs: BTreeMap<String, String>,
    /// The shared content folder (`content`).
    content_dir: String,
    /// `[permalinks]`: section → template.
    permalinks: BTreeMap<String, String>,
    /// `disablePathToLower`.
    keep_case: bool,
    ugly_urls: bool,
}

impl Hugo {
    pub fn load(root: &Confinement) -> Result<Self, String> {
        let mut hugo = Hugo {
            default_language: "en".to_owned(),
            content_dir: "content".to_owned(),
            ..Hugo::default()
        };
        if let Some(name) = config_file(root) {
            hugo.config_file = Some(name.to_owned());
            let config = read_config(root, name).transpose()?.unwrap_or(Value::Null);
            let languages = read_config(root, "config/_default/languages.toml").transpose()?;
            hugo.apply(&config, languages.as_ref());
        }
        hugo.locales = hugo.site_locales();
        Ok(hugo)
    }

    fn apply(&mut self, config: &Value, languages_file: Option<&Value>) {
        let get = |key: &str| get_ignore_case(config, key);
        if let Some(base) = config_text(get("baseURL")) {
            let path = base.split_once("://").map_or(base.as_str(), |(_, rest)| {
                rest.split_once('/').map_or("", |(_, p)| p)
            });
            self.baseurl = path.trim_matches('/').to_owned();
        }
        if let Some(language) = config_text(get("defaultContentLanguage")) {
            self.default_language = language.to_lowercase();
        }
        self.default_in_subdir =
            config_flag(get("defaultContentLanguageInSubdir")).unwrap_or(false);
        self.keep_case = config_flag(get("disablePathToLower")).unwrap_or(false);
        self.ugly_urls = config_flag(get("uglyURLs")).unwrap_or(false);
        if let Some(dir) = config_text(get("contentDir")) {
            self.content_dir = dir.trim_matches('/').to_owned();
        }
        if let Some(Value::Object(permalinks)) = get("permalinks") {
            for (section, template) in permalinks {
                if let Some(template) = config_text(Some(template)) {
                    self.permalinks.insert(section.clone(), template);
                }
            }
        }
        let languages = languages_file.or_else(|| get("languages"));
        if let Some(Value::Object(languages)) = languages {
            for (language, settings) in languages {
                let language = language.to_lowercase();
                let dir = config_text(get_ignore_case(settings, "contentDir"))
                    .map(|dir| dir.trim_matches('/').to_owned());
                self.locales.declared.insert(language.clone());
                if let Some(dir) = dir {
                    self.content_dirs.insert(language, dir);
                }
            }
        }
        let markup = get("markup").and_then(|m| get_ignore_case(m, "goldmark"));
        let id_type = markup
            .and_then(|g| get_ignore_case(g, "parser"))
            .and_then(|p| config_text(get_ignore_case(p, "autoHeadingIDType")));
        self.heading_style = Some(match id_type.as_deref() {
            Some("github-ascii") => HeadingIdStyle::GoldmarkAscii,
            Some("blackfriday") => HeadingIdStyle::Blackfriday,
            _ => HeadingIdStyle::Goldmark,
        });
    }

    fn site_locales(&self) -> SiteLocales {
        let mut declared: BTreeSet<String> = self.locales.declared.clone();
        declared.insert(self.default_language.clone());
        let mut layouts = Vec::new();
        // Languages with their own content folder: `content/fr/**` is French.
        let default_dir = self
            .content_dirs
            .get(&self.default_language)
            .cloned()
            .unwrap_or_else(|| self.content_dir.clone());
        let mut dirs: BTreeMap<String, String> = self.content_dirs.clone();
        dirs.entry(self.default_language.clone())
            .or_insert(default_dir);
        let common_parent = |dirs: &BTreeMap<String, String>| {
            dirs.iter().all(|(language, dir)| {
                dir.rsplit_once('/')
                    .is_some_and(|(_, last)| last.eq_ignore_ascii_case(language))
            })
        };
        if dirs.len() > 1 && common_parent(&dirs) {
            let parents: BTreeSet<&str> = dirs
                .values()
                .filter_map(|dir| dir.rsplit_once('/').map(|(parent, _)| parent))
                .collect();
            for parent in parents {
                let languages: BTreeSet<String> = dirs
                    .iter()
                    .filter(|(_, dir)| dir.rsplit_once('/').is_some_and(|(p, _)| p == parent))
                    .flat_map(|(language, dir)| {
                        let written = dir.rsplit('/').next().unwrap_or(language).to_owned();
                        [language.clone(), written]
                    })
                    .collect();
                if let Ok(layout) = Layout::new(&format!("{parent}/{{locale}}/**/*"), None) {
                    layouts.push(layout.with_locales(languages));
                }
            }
        } else if declared.len() > 1 {
            // One content folder: translations are `page.fr.md` beside `page.md`.
            let suffixed = format!("{}/**/*.{{locale}}.*", self.content_dir);
            let source = format!("{}/**/*", self.content_dir);
            if let Ok(layout) = Layout::new(&suffixed, Some(&source)) {
                layouts.push(layout.with_locales(declared.clone()));
            }
        }
        SiteLocales {
            source: Some(self.default_language.clone()),
            declared: declared
                .into_iter()
                .filter(|code| is_declared_locale_code(code))
                .collect(),
            layouts,
            falls_back: false,
        }
    }

    /// The language of a content file and its path inside the language's content.
    fn placed<'a>(&self, page: &PageFacts<'a>) -> Option<(String, String)> {
        let path = page.path;
        for (language, dir) in &self.content_dirs {
            if let Some(within) = path
                .strip_prefix(dir.as_str())
                .and_then(|r| r.strip_prefix('/'))
            {
                return Some((language.clone(), within.to_owned()));
            }
        }
        let within = path
            .strip_prefix(self.content_dir.as_str())?
            .strip_prefix('/')?;
        // `page.fr.md`: a translation by suffix.
        let (directory, name) = split_file_name(within);
        let stem = strip_extension(name);
        if let Some((base, suffix)) = stem.rsplit_once('.')
            && self.locales.declared.contains(&suffix.to_lowercase())
        {
            let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
            return Some((
                suffix.to_lowercase(),
                format!("{directory}{base}.{extension}"),
            ));
        }
        Some((self.default_language.clone(), within.to_owned()))
    }

    fn language_prefix(&self, language: &str) -> String {
        if language == self.default_language && !self.default_in_subdir {
            String::new()
        } else {
            format!("{language}/")
        }
    }

    fn lower(&self, path: &str) -> String {
        if self.keep_case {
            path.to_owned()
        } else {
            path.to_lowercase()
        }
    }
}

impl GeneratorModel for Hugo {
    fn generator(&self) -> Generator {
        Generator::Hugo
    }

    fn config_file(&self) -> Option<&str> {
        self.config_file.as_deref()
    }

    fn locales(&self) -> &SiteLocales {
        &self.locales
    }

    fn heading_ids(&self) -> HeadingIds {
        HeadingIds {
            style: self.heading_style.unwrap_or(HeadingIdStyle::Goldmark),
            prefix: String::new(),
        }
    }

    fn baseurl(&self) -> &str {
        &self.baseurl
    }

    fn build_dirs(&self) -> &'static [&'static str] {
        &["public", "resources"]
    }

    fn url_keys(&self) -> &'static [&'static str] {
        &["url", "slug", "aliases", "translationKey"]
    }

    fn generated(&self) -> Vec<&'static str> {
        vec!["index.xml", "sitemap.xml", "robots.txt"]
    }

    fn output(&self, page: &PageFacts) -> Option<String> {
        if let Some(asset) = page.path.strip_prefix("static/") {
            return Some(asset.to_owned());
        }
        let (language, within) = self.placed(page)?;
        let prefix = self.language_prefix(&language);
        if !is_page_source(page.path) {
            // Page resources are published beside their page.
            return Some(format!("{prefix}{within}"));
        }
        if let Some(url) = page.front("url") {
            return Some(folder_or_file(&format!(
                "{prefix}{}",
                url.trim_start_matches('/')
            )));
        }
        let (directory, name) = split_file_name(&within);
        let stem = strip_extension(name);
        let is_list = stem == "_index" || stem == "index";
        let section = within.split('/').next().filter(|_| within.contains('/'));
        let directory = directory.to_owned();
        if !is_list && let Some(template) = section.and_then(|s| self.permalinks.get(s)) {
            let expanded = expand_permalink(template, &within, page);
            return Some(format!("{prefix}{}", folder_output(&self.lower(&expanded))));
        }
        let path = if is_list {
            match page.front("slug").filter(|_| stem == "index") {
                Some(slug) => format!("{}{slug}/", parent_of(&directory)),
                None => directory,
            }
        } else {
            let slug = page.front("slug").unwrap_or(stem);
            if self.ugly_urls {
                format!("{directory}{slug}.html")
            } else {
                format!("{directory}{slug}/")
            }
        };
        let path = self.lower(&urlize_path(&path));
        Some(format!("{prefix}{}", folder_output(&path)))
    }
}

/// `a/b/` → `a/`.
fn parent_of(directory: &str) -> &str {
    let trimmed = directory.trim_end_matches('/');
    trimmed.rfind('/').map_or("", |slash| &directory[..=slash])
}

fn folder_or_file(url: &str) -> String {
    folder_output(&normalise(url).unwrap_or_default())
}

/// Hugo makes URL paths of file paths: spaces become `-`.
fn urlize_path(path: &str) -> String {
    path.replace(' ', "-")
}

/// A `[permalinks]` template: `:section`, `:year`, `:month`, `:day` (from `date`), `:slug`
/// (front matter, else the file name), `:filename`, `:title` (urlized).
fn expand_permalink(template: &str, within: &str, page: &PageFacts) -> String {
    let (_, name) = split_file_name(within);
    let stem = strip_extension(name);
    let stem = if stem == "index" {
        within
            .trim_end_matches(name)
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(stem)
    } else {
        stem
    };
    let section = within.split('/').next().unwrap_or("");
    let date = page.front("date").unwrap_or("");
    let mut date_parts = date.get(..10).unwrap_or("").split('-');
    let (year, month, day) = (
        date_parts.next().unwrap_or(""),
        date_parts.next().unwrap_or(""),
        date_parts.next().unwrap_or(""),
    );
    let title = page
        .front("title")
        .map(urlize)
        .unwrap_or_else(|| stem.to_owned());
    let slug = page
        .front("slug")
        .map(str::to_owned)
        .unwrap_or_else(|| title.clone());
    template
        .replace(":section", section)
        .replace(":year", year)
        .replace(":month", month)
        .replace(":day", day)
        .replace(":slug", &slug)
        .replace(":filename", stem)
        .replace(":title", &title)
}

/// Hugo's `urlize` of a title: lowercase, spaces to `-`, punctuation other than `-`, `_`
/// and `.` dropped.
fn urlize(title: &str) -> String {
    title
        .trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') => Some(c),
            _ => None,
        })
        .collect::<String>()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hugo(config: &str) -> Hugo {
        let mut hugo = Hugo {
            default_language: "en".to_owned(),
            content_dir: "content".to_owned(),
            ..Hugo::default()
        };
        let value = serde_json::to_value(toml::from_str::<toml::Value>(config).unwrap()).unwrap();
        hugo.apply(&value, None);
        hugo.locales = hugo.site_locales();
        hugo
    }

    #[test]
    fn languages_with_content_folders() {
        let hugo = hugo(
            "defaultContentLanguage = 'en'\n[languages.en]\ncontentDir = 'content/en'\n[languages.fr]\ncontentDir = 'content/fr'\n",
        );
        let output = |path| hugo.output(&PageFacts::file(path));
        assert_eq!(
            output("content/en/docs/Intro.md").as_deref(),
            Some("docs/intro/index.html")
        );
        assert_eq!(
            output("content/fr/docs/intro.md").as_deref(),
            Some("fr/docs/intro/index.html")
        );
        assert_eq!(
            output("content/fr/_index.md").as_deref(),
            Some("fr/index.html")
        );
        assert_eq!(
            output("content/en/b/index.md").as_deref(),
            Some("b/index.html")
        );
        assert_eq!(
            output("content/en/b/shot.png").as_deref(),
            Some("b/shot.png")
        );
        assert_eq!(output("static/x.png").as_deref(), Some("x.png"));
        assert_eq!(hugo.locales.layouts[0].pattern, "content/{locale}/**/*");
    }

    #[test]
    fn translations_by_suffix() {
        let hugo = hugo("[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n");
        let output = |path| hugo.output(&PageFacts::file(path));
        assert_eq!(
            output("content/about.de.md").as_deref(),
            Some("de/about/index.html")
        );
        assert_eq!(
            output("content/about.md").as_deref(),
            Some("about/index.html")
        );
    }
}
