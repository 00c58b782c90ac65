//! Site settings: from `l10nlint.toml`'s `[site]`, else from Jekyll's `_config.yml`.

use crate::config::Config;
use crate::config::ListConfig;
use crate::files::Confinement;
use crate::model::yaml::{YamlNode, YamlValue};
use crate::parse::HeadingIds;
use crate::parse::heading_ids::HeadingIdStyle;
use crate::parse::yaml;
use crate::site::Page;
use globset::{Glob, GlobMatcher};

#[derive(Debug, Clone, Default)]
pub struct SiteSettings {
    pub heading_ids: HeadingIds,
    /// The URL path the site is served under, without a trailing `/` (`""` at the root).
    pub baseurl: String,
    /// A Jekyll `_config.yml` was found.
    pub is_jekyll: bool,
    /// Which generator turns files into URLs.
    pub generator: Generator,
    /// Jekyll's site-wide `permalink` (a style name such as `pretty`, or a template).
    pub permalink: Option<String>,
    /// Jekyll's `include:`: files and folders served although they start with `_` or `.`.
    pub include: Vec<String>,
    /// Jekyll's `plugins:` (some write files: `jekyll-feed` writes `feed.xml`).
    pub plugins: Vec<String>,
    /// The lists of links declared in `[[lists]]`.
    pub lists: Vec<DeclaredList>,
}

/// How a site's files become URLs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Generator {
    /// `es/donate.md` → `/es/donate.html`, served at `/es/donate` too.
    Jekyll,
    /// `content/es/donate.md` → `/es/donate/`, `static/x.png` → `/x.png`.
    Hugo,
    /// Files served as they are, as a repository browser shows them (`help.md`).
    #[default]
    Plain,
}

impl std::str::FromStr for Generator {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "jekyll" => Ok(Generator::Jekyll),
            "hugo" => Ok(Generator::Hugo),
            "plain" => Ok(Generator::Plain),
            other => Err(format!(
                "unknown `site.generator` `{other}`: use jekyll, hugo or plain"
            )),
        }
    }
}

/// Files whose presence says the site is built with Hugo.
const HUGO_CONFIGS: &[&str] = &["hugo.toml", "hugo.yaml", "hugo.json"];

impl SiteSettings {
    /// Reads `_config.yml` in the root if there is one; the config file's `[site]` wins.
    pub fn load(confinement: &Confinement, config: &Config) -> Result<Self, String> {
        let mut settings = SiteSettings::default();
        if let Some(text) = confinement.read_text("_config.yml", config.max_file_size()) {
            settings.is_jekyll = true;
            settings.generator = Generator::Jekyll;
            if let Some(jekyll) = yaml::parse_yaml(&text).root {
                settings.apply_jekyll(&jekyll);
            }
        } else {
            settings.heading_ids.style = HeadingIdStyle::GitHub;
            let hugo = HUGO_CONFIGS.iter().any(|name| confinement.is_file(name))
                || (confinement.is_file("config.toml") && confinement.is_dir("content"));
            if hugo {
                settings.generator = Generator::Hugo;
            }
        }
        if let Some(style) = &config.site.heading_ids {
            settings.heading_ids.style = style
                .parse()
                .map_err(|_| format!("unknown `site.heading-ids` style `{style}`: use kramdown-gfm, kramdown or github"))?;
        }
        if let Some(prefix) = &config.site.heading_id_prefix {
            settings.heading_ids.prefix = prefix.clone();
        }
        if let Some(baseurl) = &config.site.baseurl {
            settings.baseurl = baseurl.trim_end_matches('/').to_owned();
        }
        if let Some(generator) = &config.site.generator {
            settings.generator = generator.parse()?;
        }
        settings.lists = config
            .lists
            .iter()
            .map(DeclaredList::new)
            .collect::<Result<_, _>>()?;
        Ok(settings)
    }

    fn apply_jekyll(&mut self, jekyll: &YamlNode) {
        if let Some(baseurl) = jekyll.get("baseurl").and_then(YamlNode::as_str) {
            self.baseurl = baseurl.trim_end_matches('/').to_owned();
        }
        if let Some(permalink) = jekyll.get("permalink").and_then(YamlNode::as_str) {
            self.permalink = Some(permalink.to_owned());
        }
        self.include = string_list(jekyll.get("include"));
        self.plugins = string_list(jekyll.get("plugins").or_else(|| jekyll.get("gems")));
        let kramdown = jekyll.get("kramdown");
        let option = |name: &str| {
            kramdown
                .and_then(|k| k.get(name))
                .and_then(YamlNode::as_str)
        };
        // kramdown's default input in Jekyll is GFM; `input: kramdown` switches ids to ASCII.
        self.heading_ids.style = match option("input") {
            Some(input) if input.eq_ignore_ascii_case("kramdown") => HeadingIdStyle::Kramdown,
            _ => HeadingIdStyle::KramdownGfm,
        };
        if let Some(prefix) = option("auto_id_prefix") {
            self.heading_ids.prefix = prefix.to_owned();
        }
    }
}

/// The strings of a YAML sequence.
fn string_list(node: Option<&YamlNode>) -> Vec<String> {
    match node.map(|node| &node.value) {
        Some(YamlValue::Sequence(items)) => items
            .iter()
            .filter_map(|item| item.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// A `[[lists]]` declaration with its page glob compiled.
#[derive(Debug, Clone)]
pub struct DeclaredList {
    pub config: ListConfig,
    page: GlobMatcher,
}

impl DeclaredList {
    pub fn new(config: &ListConfig) -> Result<Self, String> {
        let page = Glob::new(&config.page)
            .map_err(|err| format!("`[[lists]]`: invalid page glob `{}`: {err}", config.page))?
            .compile_matcher();
        Ok(Self {
            config: config.clone(),
            page,
        })
    }

    /// Whether the declaration is about this (source) page.
    pub fn covers(&self, page: Page) -> bool {
        self.page.is_match(page.path())
            || page
                .file
                .key
                .as_deref()
                .is_some_and(|key| self.page.is_match(key))
    }

    /// How the declaration picks its list, as written in the config: `section = "servers"`.
    pub fn selectors(&self) -> String {
        let config = &self.config;
        let mut parts = Vec::new();
        if let Some(section) = &config.section {
            parts.push(format!("section = \"{section}\""));
        }
        if let Some(index) = config.index {
            parts.push(format!("index = {index}"));
        }
        if let Some(host) = &config.contains {
            parts.push(format!("contains = \"{host}\""));
        }
        parts.join(", ")
    }
}
