//! MkDocs (`mkdocs.yml`): `docs_dir`, `use_directory_urls`, `site_url`; mkdocs-static-i18n
//! (folder and suffix structures, the default language at the root, fallback to it);
//! Python-Markdown's `toc` ids (or `pymdownx.slugs`).

use super::{
    CONFIG_MAX_BYTES, Generator, GeneratorModel, PageFacts, SiteLocales, config_flag, config_text,
    is_page_source, read_config, split_file_name, strip_extension,
};
use crate::discover::layout::Layout;
use crate::discover::locale::is_declared_locale_code;
use crate::files::Confinement;
use crate::parse::HeadingIds;
use crate::parse::heading_ids::HeadingIdStyle;
use serde_json::Value;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default)]
pub struct MkDocs {
    config_file: Option<String>,
    locales: SiteLocales,
    heading_style: Option<HeadingIdStyle>,
    baseurl: String,
    docs_dir: String,
    directory_urls: bool,
    /// mkdocs-static-i18n's `docs_structure`, when the plugin is on.
    i18n: Option<Structure>,
    default_language: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Structure {
    /// `docs/en/page.md`, `docs/fr/page.md`.
    Folder,
    /// `docs/page.md`, `docs/page.fr.md`.
    Suffix,
}

impl MkDocs {
    pub fn load(root: &Confinement) -> Result<Self, String> {
        let mut mkdocs = MkDocs {
            docs_dir: "docs".to_owned(),
            directory_urls: true,
            default_language: "en".to_owned(),
            ..MkDocs::default()
        };
        for name in ["mkdocs.yml", "mkdocs.yaml"] {
            if let Some(config) = read_config(root, name) {
                mkdocs.config_file = Some(name.to_owned());
                let text = root.read_text(name, CONFIG_MAX_BYTES).unwrap_or_default();
                mkdocs.apply(&config?, &text);
                break;
            }
        }
        Ok(mkdocs)
    }

    fn apply(&mut self, config: &Value, text: &str) {
        if let Some(dir) = config_text(config.get("docs_dir")) {
            self.docs_dir = dir.trim_matches('/').trim_start_matches("./").to_owned();
        }
        self.directory_urls = config_flag(config.get("use_directory_urls")).unwrap_or(true);
        if let Some(url) = config_text(config.get("site_url")) {
            let path = url.split_once("://").map_or(url.as_str(), |(_, rest)| {
                rest.split_once('/').map_or("", |(_, p)| p)
            });
            self.baseurl = path.trim_matches('/').to_owned();
        }
        // `!!python/object/apply:pymdownx.slugs.slugify` is a YAML tag: read the text.
        self.heading_style = Some(if text.contains("pymdownx.slugs") {
            HeadingIdStyle::PymdownxSlugs
        } else {
            HeadingIdStyle::PythonMarkdown
        });
        let plugins = match config.get("plugins") {
            Some(Value::Array(items)) => items.clone(),
            Some(Value::Object(map)) => map
                .iter()
                .map(|(name, value)| {
                    Value::Object([(name.clone(), value.clone())].into_iter().collect())
                })
                .collect(),
            _ => Vec::new(),
        };
        let i18n = plugins.iter().find_map(|plugin| match plugin {
            Value::Object(map) => map.get("i18n"),
            Value::String(name) if name == "i18n" => Some(&Value::Null),
            _ => None,
        });
        let Some(i18n) = i18n else {
            return;
        };
        self.i18n = Some(match config_text(i18n.get("docs_structure")).as_deref() {
            Some("folder") => Structure::Folder,
            _ => Structure::Suffix,
        });
        let mut declared = BTreeSet::new();
        if let Some(Value::Array(languages)) = i18n.get("languages") {
            for language in languages {
                let Some(locale) = config_text(language.get("locale")) else {
                    continue;
                };
                if config_flag(language.get("default")) == Some(true) {
                    self.default_language = locale.clone();
                }
                declared.insert(locale);
            }
        }
        declared.retain(|code| is_declared_locale_code(code));
        let fallback = config_flag(i18n.get("fallback_to_default")).unwrap_or(true);
        let layout = match self.i18n {
            Some(Structure::Folder) => {
                Layout::new(&format!("{}/{{locale}}/**/*", self.docs_dir), None)
            }
            _ => Layout::new(
                &format!("{}/**/*.{{locale}}.*", self.docs_dir),
                Some(&format!("{}/**/*", self.docs_dir)),
            ),
        };
        self.locales = SiteLocales {
            source: Some(self.default_language.clone()),
            layouts: layout
                .map(|layout| layout.with_locales(declared.clone()))
                .into_iter()
                .collect(),
            declared,
            falls_back: fallback,
        };
    }

    /// The language of a file under `docs_dir` and its path inside the language's docs.
    fn placed(&self, path: &str) -> Option<(String, String)> {
        let within = path
            .strip_prefix(self.docs_dir.as_str())?
            .strip_prefix('/')?;
        match self.i18n {
            None => Some((self.default_language.clone(), within.to_owned())),
            Some(Structure::Folder) => {
                let (language, rest) = within.split_once('/')?;
                self.locales
                    .declared
                    .contains(language)
                    .then(|| (language.to_owned(), rest.to_owned()))
            }
            Some(Structure::Suffix) => {
                let (directory, name) = split_file_name(within);
                let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
                match stem.rsplit_once('.') {
                    Some((base, suffix)) if self.locales.declared.contains(suffix) => {
                        Some((suffix.to_owned(), format!("{directory}{base}.{extension}")))
                    }
                    _ => Some((self.default_language.clone(), within.to_owned())),
                }
            }
        }
    }

    fn localized_output(&self, language: &str, within: &str) -> String {
        let prefix = if language == self.default_language {
            String::new()
        } else {
            format!("{language}/")
        };
        if !is_page_source(within) {
            return format!("{prefix}{within}");
        }
        let (directory, name) = split_file_name(within);
        let stem = strip_extension(name);
        let page = if stem == "index" || stem.eq_ignore_ascii_case("readme") {
            format!("{directory}index.html")
        } else if self.directory_urls {
            format!("{directory}{stem}/index.html")
        } else {
            format!("{directory}{stem}.html")
        };
        format!("{prefix}{page}")
    }
}

impl GeneratorModel for MkDocs {
    fn generator(&self) -> Generator {
        Generator::MkDocs
    }

    fn config_file(&self) -> Option<&str> {
        self.config_file.as_deref()
    }

    fn locales(&self) -> &SiteLocales {
        &self.locales
    }

    fn heading_ids(&self) -> HeadingIds {
        HeadingIds {
            style: self.heading_style.unwrap_or(HeadingIdStyle::PythonMarkdown),
            prefix: String::new(),
        }
    }

    fn baseurl(&self) -> &str {
        &self.baseurl
    }

    fn build_dirs(&self) -> &'static [&'static str] {
        &["site"]
    }

    fn url_keys(&self) -> &'static [&'static str] {
        &[]
    }

    fn generated(&self) -> Vec<&'static str> {
        vec![
            "sitemap.xml",
            "sitemap.xml.gz",
            "404.html",
            "search/search_index.json",
        ]
    }

    fn output(&self, page: &PageFacts) -> Option<String> {
        let (language, within) = self.placed(page.path)?;
        Some(self.localized_output(&language, &within))
    }

    fn localizes_links(&self) -> bool {
        self.i18n.is_some()
    }

    fn fallback_output(&self, source: &PageFacts, locale: &str) -> Option<String> {
        let (language, within) = self.placed(source.path)?;
        (language == self.default_language && self.locales.falls_back)
            .then(|| self.localized_output(locale, &within))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mkdocs(yaml: &str) -> MkDocs {
        let mut mkdocs = MkDocs {
            docs_dir: "docs".to_owned(),
            directory_urls: true,
            default_language: "en".to_owned(),
            ..MkDocs::default()
        };
        let root = crate::parse::yaml::parse_yaml(yaml).root.unwrap();
        let value = super::super::yaml_to_json(&root);
        mkdocs.apply(&value, yaml);
        mkdocs
    }

    #[test]
    fn static_i18n_suffix_structure_with_fallback() {
        let mkdocs = mkdocs(
            "plugins:\n  - search\n  - i18n:\n      docs_structure: suffix\n      languages:\n        - locale: en\n          default: true\n        - locale: fr\n",
        );
        let output = |path| mkdocs.output(&PageFacts::file(path));
        assert_eq!(
            output("docs/guide/setup.md").as_deref(),
            Some("guide/setup/index.html")
        );
        assert_eq!(
            output("docs/guide/setup.fr.md").as_deref(),
            Some("fr/guide/setup/index.html")
        );
        assert_eq!(output("docs/index.fr.md").as_deref(), Some("fr/index.html"));
        assert_eq!(output("docs/img/a.png").as_deref(), Some("img/a.png"));
        assert_eq!(
            mkdocs
                .fallback_output(&PageFacts::file("docs/img/a.png"), "fr")
                .as_deref(),
            Some("fr/img/a.png")
        );
        assert_eq!(output("README.md"), None);
    }

    #[test]
    fn plain_mkdocs_without_directory_urls() {
        let mkdocs = mkdocs("use_directory_urls: false\ndocs_dir: src\n");
        assert_eq!(
            mkdocs.output(&PageFacts::file("src/a/b.md")).as_deref(),
            Some("a/b.html")
        );
        assert!(mkdocs.locales.layouts.is_empty());
    }
}
