//! Site settings: the generator's model (detected from its config file), overridden by
//! `l10nlint.toml`'s `[site]`.

use crate::config::Config;
use crate::config::ListConfig;
use crate::discover::DiscoveryHints;
use crate::files::Confinement;
use crate::parse::HeadingIds;
use crate::site::Page;
pub use crate::site::generators::Generator;
use crate::site::generators::{GeneratorModel, SiteModel};
use globset::{Glob, GlobMatcher};

#[derive(Debug, Clone, Default)]
pub struct SiteSettings {
    pub heading_ids: HeadingIds,
    /// The URL path the site is served under, without slashes around it (`""` at the root).
    pub baseurl: String,
    /// Which generator turns files into URLs.
    pub generator: Generator,
    /// The generator's model: its config, URLs, locales.
    pub model: SiteModel,
    /// The lists of links declared in `[[lists]]`.
    pub lists: Vec<DeclaredList>,
    /// Front matter keys that only translations have: the top-level keys of `[drift]
    /// source-commit-keys`, which record the source commit a translation follows.
    pub translation_only_keys: Vec<String>,
}

impl SiteSettings {
    /// Detects the generator from its config file in `root` (`[site] generator` wins) and
    /// reads its config; the config file's other `[site]` keys override what it says.
    pub fn load(confinement: &Confinement, config: &Config) -> Result<Self, String> {
        let forced = config
            .site
            .generator
            .as_deref()
            .map(str::parse::<Generator>)
            .transpose()?;
        let model = SiteModel::load(confinement, forced)?;
        let mut settings = SiteSettings {
            heading_ids: model.model().heading_ids(),
            baseurl: model.model().baseurl().to_owned(),
            generator: model.model().generator(),
            model,
            lists: Vec::new(),
            translation_only_keys: config
                .drift
                .source_commit_keys
                .iter()
                .map(|key| key.split('.').next().unwrap_or(key).to_owned())
                .collect(),
        };
        if let Some(style) = &config.site.heading_ids {
            settings.heading_ids.style = style
                .parse()
                .map_err(|err| format!("`site.heading-ids`: {err}"))?;
        }
        if let Some(prefix) = &config.site.heading_id_prefix {
            settings.heading_ids.prefix = prefix.clone();
        }
        if let Some(baseurl) = &config.site.baseurl {
            settings.baseurl = baseurl.trim_matches('/').to_owned();
        }
        settings.lists = config
            .lists
            .iter()
            .map(DeclaredList::new)
            .collect::<Result<_, _>>()?;
        Ok(settings)
    }

    pub fn model(&self) -> &dyn GeneratorModel {
        self.model.model()
    }

    /// What discovery needs from the generator: its source locale and layouts.
    pub fn discovery(&self) -> DiscoveryHints {
        let locales = self.model().locales();
        DiscoveryHints {
            source_locale: locales.source.clone(),
            layouts: locales.layouts.clone(),
            build_dirs: self.model().build_dirs().to_vec(),
        }
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
