//! Site settings: from `l10nlint.toml`'s `[site]`, else from Jekyll's `_config.yml`.

use crate::config::Config;
use crate::parse::HeadingIds;
use crate::parse::yaml::{self, YamlNode};
use crate::site::heading_ids::HeadingIdStyle;
use crate::site::link_lists::DeclaredList;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct SiteSettings {
    pub heading_ids: HeadingIds,
    /// The URL path the site is served under, without a trailing `/` (`""` at the root).
    pub baseurl: String,
    /// A Jekyll `_config.yml` was found.
    pub is_jekyll: bool,
    /// The lists of links declared in `[[lists]]`.
    pub lists: Vec<DeclaredList>,
}

impl SiteSettings {
    /// Reads `_config.yml` in `root` if there is one; the config file's `[site]` wins.
    pub fn load(root: &Path, config: &Config) -> Result<Self, String> {
        let mut settings = SiteSettings::default();
        if let Ok(text) = std::fs::read_to_string(root.join("_config.yml")) {
            settings.is_jekyll = true;
            if let Some(jekyll) = yaml::parse_yaml(&text).root {
                settings.apply_jekyll(&jekyll);
            }
        } else {
            settings.heading_ids.style = HeadingIdStyle::GitHub;
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
