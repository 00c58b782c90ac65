//! Astro Starlight (`astro.config.mjs` calling `starlight(…)`): pages in `src/content/docs/`
//! (`.md` and `.mdx`), a root locale or one folder per locale, fallback pages where a
//! translation is missing, slugified lowercase URLs with a trailing `/`, `public/` served
//! at the root, github-slugger heading ids.

use super::{
    CONFIG_MAX_BYTES, Generator, GeneratorModel, PageFacts, SiteLocales, balanced, folder_output,
    is_page_source, js_value, split_file_name, strip_extension,
};
use crate::discover::layout::Layout;
use crate::discover::locale::is_declared_locale_code;
use crate::files::Confinement;
use crate::parse::HeadingIds;
use crate::parse::heading_ids::HeadingIdStyle;
use std::collections::BTreeSet;

const CONFIG_FILES: &[&str] = &[
    "astro.config.mjs",
    "astro.config.ts",
    "astro.config.js",
    "astro.config.mts",
];

const DOCS: &str = "src/content/docs/";

/// The Astro config of `root`, when it sets up Starlight.
pub fn config_file(root: &Confinement) -> Option<&'static str> {
    CONFIG_FILES.iter().copied().find(|name| {
        root.read_text(name, CONFIG_MAX_BYTES)
            .is_some_and(|text| text.contains("starlight"))
    })
}

#[derive(Debug, Clone, Default)]
pub struct Starlight {
    config_file: Option<String>,
    locales: SiteLocales,
    baseurl: String,
    /// The folder of the default locale inside `src/content/docs/` (`""` for `root`).
    default_folder: String,
    /// Locale folders other than the default's.
    folders: BTreeSet<String>,
}

impl Starlight {
    pub fn load(root: &Confinement) -> Result<Self, String> {
        let mut starlight = Starlight::default();
        if let Some(name) = config_file(root) {
            starlight.config_file = Some(name.to_owned());
            let text = root.read_text(name, CONFIG_MAX_BYTES).unwrap_or_default();
            starlight.apply(&text);
        } else {
            starlight.apply("");
        }
        Ok(starlight)
    }

    fn apply(&mut self, config: &str) {
        if let Some(base) = js_value(config, "base") {
            self.baseurl = base.trim_matches('/').to_owned();
        }
        let starlight_call = config.find("starlight(").map_or("", |at| &config[at..]);
        let mut folders = BTreeSet::new();
        let mut languages = BTreeSet::new();
        let mut source_language = None;
        let default = js_value(starlight_call, "defaultLocale").unwrap_or("root");
        if let Some(locales) = js_value(starlight_call, "locales") {
            for (folder, settings) in object_entries(locales) {
                let lang = js_value(settings, "lang").map_or(folder.clone(), str::to_owned);
                if folder == default || (folder == "root" && default == "root") {
                    source_language = Some(lang.clone());
                }
                if folder != "root" {
                    folders.insert(folder);
                }
                languages.insert(lang);
            }
        }
        self.default_folder = if default == "root" {
            String::new()
        } else {
            default.to_owned()
        };
        folders.remove(&self.default_folder);
        folders.retain(|folder| is_declared_locale_code(folder));
        let source = source_language.unwrap_or_else(|| {
            if self.default_folder.is_empty() {
                "en".to_owned()
            } else {
                self.default_folder.clone()
            }
        });
        let layouts = if folders.is_empty() {
            Vec::new()
        } else {
            let source_glob = (self.default_folder.is_empty()).then(|| format!("{DOCS}**/*"));
            let mut all = folders.clone();
            if !self.default_folder.is_empty() {
                all.insert(self.default_folder.clone());
            }
            Layout::new(&format!("{DOCS}{{locale}}/**/*"), source_glob.as_deref())
                .map(|layout| layout.with_locales(all))
                .into_iter()
                .collect()
        };
        let mut declared: BTreeSet<String> = folders.clone();
        declared.insert(source.clone());
        self.folders = folders;
        self.locales = SiteLocales {
            source: Some(if self.default_folder.is_empty() {
                source
            } else {
                self.default_folder.clone()
            }),
            declared,
            layouts,
            falls_back: true,
        };
    }

    /// The locale folder of a docs page (`""` for the root locale) and its path inside it.
    fn placed<'a>(&self, path: &'a str) -> Option<(&'a str, &'a str)> {
        let within = path.strip_prefix(DOCS)?;
        if let Some((folder, rest)) = within.split_once('/')
            && (self.folders.contains(folder) || folder == self.default_folder)
        {
            return Some((folder, rest));
        }
        Some(("", within))
    }

    fn page_output(&self, folder: &str, within: &str, page: &PageFacts) -> String {
        let prefix = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        if let Some(slug) = page.front("slug") {
            return folder_output(&format!("{prefix}{}", slug.trim_matches('/')));
        }
        let (directory, name) = split_file_name(within);
        let stem = strip_extension(name);
        let path = if stem == "index" {
            directory.to_owned()
        } else {
            format!("{directory}{stem}")
        };
        let slugged: Vec<String> = path.split('/').map(slugify_segment).collect();
        folder_output(&format!("{prefix}{}", slugged.join("/")))
    }
}

/// Astro's slug of one path segment: github-slugger's (lowercase; punctuation other than
/// `-` and `_` removed; spaces to `-`).
fn slugify_segment(segment: &str) -> String {
    segment
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The `key: {…}` entries of a JavaScript object literal.
fn object_entries(object: &str) -> Vec<(String, &str)> {
    let inner = object
        .strip_prefix('{')
        .and_then(|o| o.strip_suffix('}'))
        .unwrap_or("");
    let mut entries = Vec::new();
    let mut rest = inner;
    let mut offset = 0;
    while let Some(brace) = rest.find('{') {
        let key = rest[..brace]
            .trim_end()
            .trim_end_matches(':')
            .trim_end()
            .rsplit([',', '\n', ' ', '\t'])
            .next()
            .unwrap_or("")
            .trim_matches(['\'', '"'])
            .to_owned();
        let start = offset + brace;
        let Some(value) = balanced(inner, start) else {
            break;
        };
        entries.push((key, value));
        offset = start + value.len();
        rest = &inner[offset..];
    }
    entries
}

impl GeneratorModel for Starlight {
    fn generator(&self) -> Generator {
        Generator::Starlight
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
        &["dist", ".astro"]
    }

    fn url_keys(&self) -> &'static [&'static str] {
        &["slug"]
    }

    fn generated(&self) -> Vec<&'static str> {
        vec![
            "404.html",
            "sitemap-index.xml",
            "sitemap-0.xml",
            "pagefind/pagefind.js",
        ]
    }

    fn output(&self, page: &PageFacts) -> Option<String> {
        if let Some(asset) = page.path.strip_prefix("public/") {
            return Some(asset.to_owned());
        }
        let (folder, within) = self.placed(page.path)?;
        if !is_page_source(within) {
            // Images beside pages are bundled by Astro under hashed names: reachable only
            // through the relative path written in the page.
            return None;
        }
        Some(self.page_output(folder, within, page))
    }

    fn fallback_output(&self, source: &PageFacts, locale: &str) -> Option<String> {
        let (folder, within) = self.placed(source.path)?;
        (folder == self.default_folder && is_page_source(within) && self.folders.contains(locale))
            .then(|| self.page_output(locale, within, source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "export default defineConfig({ integrations: [starlight({ title: 'Docs', defaultLocale: 'root', locales: { root: { label: 'English', lang: 'en' }, fr: { label: 'Français' }, 'zh-cn': { label: '简体中文', lang: 'zh-CN' } } })] });";

    #[test]
    fn root_locale_and_folders() {
        let mut starlight = Starlight::default();
        starlight.apply(CONFIG);
        assert_eq!(starlight.locales.source.as_deref(), Some("en"));
        let output = |path| starlight.output(&PageFacts::file(path));
        assert_eq!(
            output("src/content/docs/index.mdx").as_deref(),
            Some("index.html")
        );
        assert_eq!(
            output("src/content/docs/Guides/Getting Started.md").as_deref(),
            Some("guides/getting-started/index.html")
        );
        assert_eq!(
            output("src/content/docs/fr/guides/x.md").as_deref(),
            Some("fr/guides/x/index.html")
        );
        assert_eq!(output("public/favicon.svg").as_deref(), Some("favicon.svg"));
        assert_eq!(
            starlight
                .fallback_output(&PageFacts::file("src/content/docs/guides/x.md"), "zh-cn")
                .as_deref(),
            Some("zh-cn/guides/x/index.html")
        );
        let layout = &starlight.locales.layouts[0];
        assert_eq!(
            layout
                .place("src/content/docs/zh-cn/a.md", "en")
                .map(|p| p.key),
            Some("src/content/docs/a.md".to_owned())
        );
        assert_eq!(
            layout
                .place("src/content/docs/a.md", "en")
                .map(|p| p.locale),
            Some("en".to_owned())
        );
    }
}
