//! One model per static site generator: where its config says the locales live, which URL
//! each file is served at, and how it makes heading ids. Detected from the generator's config
//! file with no configuration; `[site] generator` overrides the detection.
//!
//! Each generator is a module implementing [`GeneratorModel`]; [`SiteModel`] holds the one
//! the site is built with.

pub mod docusaurus;
pub mod hugo;
pub mod jekyll;
pub mod mkdocs;
pub mod plain;
pub mod starlight;

use crate::discover::layout::Layout;
use crate::files::Confinement;
use crate::model::FrontMatter;
use crate::parse::HeadingIds;
use std::collections::BTreeSet;

/// Config files larger than this are not generator configs.
pub const CONFIG_MAX_BYTES: u64 = 1 << 20;

/// The generators l10nlint knows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Generator {
    Jekyll,
    Hugo,
    MkDocs,
    Docusaurus,
    Starlight,
    /// Files served as they are, as a repository browser shows them (`help.md`).
    #[default]
    Plain,
}

impl Generator {
    pub const ALL: [Generator; 6] = [
        Generator::Jekyll,
        Generator::Hugo,
        Generator::MkDocs,
        Generator::Docusaurus,
        Generator::Starlight,
        Generator::Plain,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Generator::Jekyll => "jekyll",
            Generator::Hugo => "hugo",
            Generator::MkDocs => "mkdocs",
            Generator::Docusaurus => "docusaurus",
            Generator::Starlight => "starlight",
            Generator::Plain => "plain",
        }
    }
}

impl std::str::FromStr for Generator {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Generator::ALL
            .into_iter()
            .find(|generator| generator.as_str() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = Generator::ALL.iter().map(|g| g.as_str()).collect();
                format!(
                    "unknown `site.generator` `{name}`: use {}",
                    names.join(", ")
                )
            })
    }
}

/// What the URL model knows about one file of the site.
#[derive(Debug, Clone, Copy)]
pub struct PageFacts<'a> {
    /// Relative to the root, `/`-separated.
    pub path: &'a str,
    /// The locale the layouts place it in, if any.
    pub locale: Option<&'a str>,
    /// The key it shares with its translations.
    pub key: Option<&'a str>,
    pub front_matter: Option<&'a FrontMatter>,
}

impl<'a> PageFacts<'a> {
    /// A file known by its path only (an image, a page outside every layout).
    pub fn file(path: &'a str) -> Self {
        Self {
            path,
            locale: None,
            key: None,
            front_matter: None,
        }
    }

    /// A scalar front matter value.
    pub fn front(&self, key: &str) -> Option<&'a str> {
        self.front_matter?.get(key)?.value.as_str()
    }
}

/// The layouts a generator's config implies, and the locales it declares.
#[derive(Debug, Clone, Default)]
pub struct SiteLocales {
    /// The source (default) locale, when the config names it.
    pub source: Option<String>,
    /// Every locale the config declares, the source included; empty when it declares none.
    pub declared: BTreeSet<String>,
    /// Where the generator reads each locale's pages; empty: detect from the file list.
    pub layouts: Vec<Layout>,
    /// Whether the generator serves the source page at a translation's URL when the
    /// translation does not exist (Docusaurus, Starlight, mkdocs-static-i18n).
    pub falls_back: bool,
}

/// What every generator module provides.
pub trait GeneratorModel {
    fn generator(&self) -> Generator;

    /// The config file it was detected from, for `--verbose`.
    fn config_file(&self) -> Option<&str>;

    fn locales(&self) -> &SiteLocales;

    /// How it makes heading ids.
    fn heading_ids(&self) -> HeadingIds;

    /// The URL path the site is served under, without slashes around it (`""` at the root).
    fn baseurl(&self) -> &str;

    /// What the generator writes for the file (`es/donate.html`, `de/guide/index.html`,
    /// `img/x.png`), or `None` when it serves nothing for it.
    fn output(&self, page: &PageFacts) -> Option<String>;

    /// What it writes in `locale` for a source page that has no translation there, when it
    /// falls back to the source (`de/guide/index.html` for `guide.md`).
    fn fallback_output(&self, _source: &PageFacts, _locale: &str) -> Option<String> {
        None
    }

    /// The front matter keys that name a page's own URL (never equal across translations).
    fn url_keys(&self) -> &'static [&'static str];

    /// Files it writes without any source file (`sitemap.xml`).
    fn generated(&self) -> Vec<&'static str> {
        Vec::new()
    }

    /// Whether a link written as the source file (`../guide.md`) reaches its page: MkDocs,
    /// Docusaurus and repository browsers resolve them, jekyll-relative-links too.
    fn resolves_file_links(&self) -> bool {
        true
    }

    /// Top-level folders it writes its build into (`_site`, `public`), never content.
    fn build_dirs(&self) -> &'static [&'static str] {
        &[]
    }

    /// Whether a link to a source page's file, on a translation, reaches the translation of
    /// that page (mkdocs-static-i18n rewrites `guide.md` into the page's language).
    fn localizes_links(&self) -> bool {
        false
    }

    /// Whether `/x` is served from `x.md` or `x/README.md` as a repository browser does.
    fn serves_sources(&self) -> bool {
        false
    }
}

/// The model of the site being linted.
#[derive(Debug, Clone)]
pub enum SiteModel {
    Jekyll(jekyll::Jekyll),
    Hugo(hugo::Hugo),
    MkDocs(mkdocs::MkDocs),
    Docusaurus(docusaurus::Docusaurus),
    Starlight(starlight::Starlight),
    Plain(plain::Plain),
}

impl Default for SiteModel {
    fn default() -> Self {
        SiteModel::Plain(plain::Plain::default())
    }
}

impl SiteModel {
    /// The generator whose config file `root` holds, or `forced` (from `[site]`), with its
    /// config read. A config that cannot be read is an error only when it names locales
    /// that cannot be understood; otherwise the generator's defaults apply.
    pub fn load(root: &Confinement, forced: Option<Generator>) -> Result<Self, String> {
        let detected = forced.or_else(|| detect(root));
        Ok(match detected.unwrap_or_default() {
            Generator::Jekyll => SiteModel::Jekyll(jekyll::Jekyll::load(root)?),
            Generator::Hugo => SiteModel::Hugo(hugo::Hugo::load(root)?),
            Generator::MkDocs => SiteModel::MkDocs(mkdocs::MkDocs::load(root)?),
            Generator::Docusaurus => SiteModel::Docusaurus(docusaurus::Docusaurus::load(root)?),
            Generator::Starlight => SiteModel::Starlight(starlight::Starlight::load(root)?),
            Generator::Plain => SiteModel::Plain(plain::Plain::default()),
        })
    }

    pub fn model(&self) -> &dyn GeneratorModel {
        match self {
            SiteModel::Jekyll(model) => model,
            SiteModel::Hugo(model) => model,
            SiteModel::MkDocs(model) => model,
            SiteModel::Docusaurus(model) => model,
            SiteModel::Starlight(model) => model,
            SiteModel::Plain(model) => model,
        }
    }
}

/// Which generator's config file `root` holds, most specific first.
pub fn detect(root: &Confinement) -> Option<Generator> {
    let exists = |name: &str| root.is_file(name);
    let any = |names: &[&str]| names.iter().any(|name| exists(name));
    if any(&[
        "docusaurus.config.js",
        "docusaurus.config.ts",
        "docusaurus.config.mjs",
    ]) {
        return Some(Generator::Docusaurus);
    }
    if starlight::config_file(root).is_some() {
        return Some(Generator::Starlight);
    }
    if any(&["mkdocs.yml", "mkdocs.yaml"]) {
        return Some(Generator::MkDocs);
    }
    if hugo::config_file(root).is_some() {
        return Some(Generator::Hugo);
    }
    if any(&["_config.yml", "_config.yaml", "_config.toml"]) {
        return Some(Generator::Jekyll);
    }
    None
}

/// `/x/` → `x/index.html`, `/x` → `x.html`, `/feed.xml` → `feed.xml`: the file written
/// for a URL path, as generators that write `index.html` into folders do.
pub fn output_for_url(url: &str) -> String {
    let path = normalise(url.trim_start_matches('/')).unwrap_or_default();
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

/// `/x` → `x/index.html` for generators that serve every page as a folder.
pub fn folder_output(url: &str) -> String {
    let path = normalise(url.trim_start_matches('/')).unwrap_or_default();
    let name = path.rsplit('/').next().unwrap_or(&path);
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else if name.ends_with(".html") {
        path
    } else {
        format!("{path}/index.html")
    }
}

/// `a/b/../c/./d` → `a/c/d`, keeping a trailing `/`; `None` when `..` climbs above the root.
pub fn normalise(path: &str) -> Option<String> {
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

pub fn parent_directory(path: &str) -> &str {
    path.rfind('/').map_or("", |slash| &path[..=slash])
}

pub fn split_file_name(path: &str) -> (&str, &str) {
    let directory = parent_directory(path);
    (directory, &path[directory.len()..])
}

pub fn strip_extension(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// Whether the file is a page the generator renders (Markdown, MDX or HTML).
pub fn is_page_source(path: &str) -> bool {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(
        extension.as_deref(),
        Some("md" | "markdown" | "mdown" | "mkd" | "mdx")
    )
}

/// The strings of a JavaScript array literal's items or object's keys, read lexically from
/// config source: `['en', "fr"]`.
pub fn js_strings(text: &str) -> Vec<String> {
    let mut strings = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(['\'', '"', '`']) {
        let quote = rest[start..].chars().next().unwrap_or('\'');
        let after = &rest[start + 1..];
        let Some(end) = after.find(quote) else { break };
        strings.push(after[..end].to_owned());
        rest = &after[end + 1..];
    }
    strings
}

/// The text of the balanced `{…}` or `[…]` that starts at `text[start]`.
pub fn balanced(text: &str, start: usize) -> Option<&str> {
    let open = text[start..].chars().next()?;
    let close = match open {
        '{' => '}',
        '[' => ']',
        _ => return None,
    };
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (offset, c) in text[start..].char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' | '`' => quote = Some(c),
            c if c == open => depth += 1,
            c if c == close => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[start..=start + offset]);
                }
            }
            _ => {}
        }
    }
    None
}

/// The value after `key:` in JavaScript config source: a quoted string, or the balanced
/// object or array that follows.
pub fn js_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let mut search = 0;
    while let Some(found) = text[search..].find(key) {
        let at = search + found;
        search = at + key.len();
        let before_ok = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '$'));
        let after = text[search..].trim_start_matches(['\'', '"']).trim_start();
        if !before_ok || !after.starts_with(':') {
            continue;
        }
        let value = after[1..].trim_start();
        let value_start = text.len() - value.len();
        return match value.chars().next()? {
            '{' | '[' => balanced(text, value_start),
            quote @ ('\'' | '"' | '`') => {
                let inner = &value[1..];
                inner.find(quote).map(|end| &inner[..end])
            }
            _ => None,
        };
    }
    None
}

/// A config file (TOML, YAML or JSON, by extension) as JSON values, so that generator modules
/// read every format the same way. `None` when it does not exist; an error when it does not
/// parse.
pub fn read_config(root: &Confinement, path: &str) -> Option<Result<serde_json::Value, String>> {
    let text = root.read_text(path, CONFIG_MAX_BYTES)?;
    let name = path;
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    Some(match extension {
        "toml" => toml::from_str::<toml::Value>(&text)
            .map_err(|err| format!("{name}: {err}"))
            .and_then(|value| serde_json::to_value(value).map_err(|err| err.to_string())),
        "json" => serde_json::from_str(&text).map_err(|err| format!("{name}: {err}")),
        _ => {
            let document = crate::parse::yaml::parse_yaml(&text);
            match (document.root, document.error) {
                (Some(root), _) => Ok(yaml_to_json(&root)),
                (None, Some(error)) => Err(format!("{name}: {}", error.message)),
                (None, None) => Ok(serde_json::Value::Null),
            }
        }
    })
}

fn yaml_to_json(node: &crate::model::yaml::YamlNode) -> serde_json::Value {
    use crate::model::yaml::YamlValue;
    use serde_json::Value;
    match &node.value {
        YamlValue::Scalar(scalar) if scalar.is_null() => Value::Null,
        YamlValue::Scalar(scalar) => Value::String(scalar.text.clone()),
        YamlValue::Sequence(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        YamlValue::Mapping(entries) => Value::Object(
            entries
                .iter()
                .filter_map(|entry| {
                    Some((entry.key.as_str()?.to_owned(), yaml_to_json(&entry.value)))
                })
                .collect(),
        ),
        YamlValue::Alias => Value::Null,
    }
}

/// A config value as text: strings as they are, numbers and booleans as written.
pub fn config_text(value: Option<&serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Bool(flag) => Some(flag.to_string()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// Whether a config value is true (`true`, or the YAML/TOML text `true`).
pub fn config_flag(value: Option<&serde_json::Value>) -> Option<bool> {
    config_text(value).map(|text| text.eq_ignore_ascii_case("true"))
}

/// Looks up a key case-insensitively, as Hugo reads its config.
pub fn get_ignore_case<'a>(
    value: &'a serde_json::Value,
    key: &str,
) -> Option<&'a serde_json::Value> {
    value
        .as_object()?
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(key))
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_become_output_files() {
        assert_eq!(output_for_url("/x/"), "x/index.html");
        assert_eq!(output_for_url("/x"), "x.html");
        assert_eq!(output_for_url("/feed.xml"), "feed.xml");
        assert_eq!(folder_output("/x"), "x/index.html");
        assert_eq!(folder_output("/"), "index.html");
        assert_eq!(normalise("a/b/../c/./d").as_deref(), Some("a/c/d"));
        assert_eq!(normalise("a/../.."), None);
    }

    #[test]
    fn javascript_config_values_are_read_lexically() {
        let config = "export default { i18n: { defaultLocale: 'en', locales: ['en', \"fr\"] }, baseUrl: '/docs/' }";
        let i18n = js_value(config, "i18n").unwrap();
        assert_eq!(js_value(i18n, "defaultLocale"), Some("en"));
        assert_eq!(js_strings(js_value(i18n, "locales").unwrap()), ["en", "fr"]);
        assert_eq!(js_value(config, "baseUrl"), Some("/docs/"));
        assert_eq!(js_value(config, "missing"), None);
    }
}
