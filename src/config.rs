//! `l10nlint.toml`: found by walking up from the linted path, or given with `--config`.
//! Unknown keys are errors that point at the key. What a repository's config may grant, and
//! the user's own config, are `trust`'s.

pub mod trust;

use crate::diagnostic::Severity;
use crate::files::{Confinement, Refusal};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub use crate::online::settings::OnlineConfig;
pub use trust::{CacheChoice, Grants, OnlineDecision, Ungranted, UserConfig};

pub const FILE_NAME: &str = "l10nlint.toml";

/// `max-file-size` when the config does not set it: 10 MiB, far above any hand-written page.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// The locale translations are made from.
    #[serde(default)]
    pub source_locale: Option<String>,
    /// Only these locales are linted (all detected ones when empty).
    #[serde(default)]
    pub locales: Vec<String>,
    /// Where pages live; detected when empty.
    #[serde(default)]
    pub layouts: Vec<LayoutConfig>,
    /// Globs (relative to the root) of files to lint; everything recognised when empty.
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub site: SiteConfig,
    /// Files larger than this many bytes are reported, not linted (see `max_file_size`).
    #[serde(default)]
    pub max_file_size: Option<u64>,
    /// Per-rule settings: `[rules.<id>]` with `severity` and the rule's own options.
    #[serde(default)]
    pub rules: BTreeMap<String, Spanned<toml::Table>>,
    /// Rules switched off for files matching a glob: `"es/legacy/**" = ["link-parity"]`.
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// `[online]`: checking external links over HTTP (off unless enabled or `--online`).
    #[serde(default)]
    pub online: OnlineConfig,
    /// Lists of links that every translation must reproduce: `[[lists]]`.
    #[serde(default)]
    pub lists: Vec<ListConfig>,
    /// `[fluent]`: how the application loads its Fluent resources.
    #[serde(default)]
    pub fluent: FluentConfig,
    /// `[drift]`: how to tell which version of its source page each translation follows.
    #[serde(default)]
    pub drift: DriftConfig,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FluentConfig {
    /// Globs of Fluent resources loaded into every locale's bundle (fluent-templates'
    /// `shared_resources`, a `core.ftl`). Unset: an `.ftl` file beside the locale folders
    /// (`locales/core.ftl` next to `locales/en-US/`); `[]`: none.
    #[serde(default)]
    pub shared: Option<Vec<String>>,
}

/// `[drift]`: the evidence of which source version a translation follows.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
pub struct DriftConfig {
    /// Read the git history of the work tree that holds the site (`git`), or not (`off`).
    pub history: HistorySetting,
    /// Front matter keys (dotted for nested keys) that name the source commit a translation
    /// follows; the first one present wins over the translation's last commit.
    pub source_commit_keys: Vec<String>,
    /// Show every lagging item of a page in `translation-outdated`, not only the first few.
    pub expand: bool,
}

impl Default for DriftConfig {
    fn default() -> Self {
        Self {
            history: HistorySetting::Git,
            // OpenTelemetry's and MDN translated-content's conventions.
            source_commit_keys: vec![
                "default_lang_commit".to_owned(),
                "l10n.sourceCommit".to_owned(),
            ],
            expand: false,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum HistorySetting {
    Git,
    Off,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LayoutConfig {
    /// A glob with one `{locale}` placeholder: `{locale}/**/*.md`, `docs/**/*.{locale}.md`.
    pub pattern: String,
    /// Where source pages live when their path has no locale: `_articles/**/*.md`.
    #[serde(default)]
    pub source: Option<String>,
}

/// A list of links declared in `[[lists]]`: found on the source pages matching `page`, picked
/// by every selector given (at least one), and compared with its counterpart in each translation.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ListConfig {
    /// A glob matched against the source page's path (`en/help.md`) and its path without the
    /// locale (`help.md`).
    pub page: String,
    /// The id of the heading the list stands under, directly or in a subsection.
    #[serde(default)]
    pub section: Option<String>,
    /// The n-th top-level list (from 1) of the page, or of the section when `section` is set.
    #[serde(default)]
    pub index: Option<usize>,
    /// A host one of the list's links points to.
    #[serde(default)]
    pub contains: Option<String>,
    /// Whether translations must keep the entries in the source's order (default true).
    #[serde(default)]
    pub order: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SiteConfig {
    /// How headings become ids: `kramdown-gfm` (Jekyll's default), `kramdown`, `github`.
    #[serde(default)]
    pub heading_ids: Option<String>,
    /// Prefix of generated heading ids (kramdown's `auto_id_prefix`).
    #[serde(default)]
    pub heading_id_prefix: Option<String>,
    /// The URL path the site is served under (Jekyll's `baseurl`).
    #[serde(default)]
    pub baseurl: Option<String>,
    /// Which generator turns files into URLs: `jekyll`, `hugo` or `plain`; detected when unset.
    #[serde(default)]
    pub generator: Option<String>,
}

/// A configuration problem, with the byte span of the offending text when known.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}: {message}", .path.display())]
pub struct ConfigError {
    pub path: PathBuf,
    pub span: Option<std::ops::Range<usize>>,
    pub message: String,
}

impl Config {
    /// Reads and validates a config file. One that is a symbolic link to a file outside its
    /// folder (the site's root) is not read: it is repository content like any other.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let error = |message| ConfigError {
            path: path.to_owned(),
            span: None,
            message,
        };
        let folder = path.parent().unwrap_or(Path::new("."));
        let name = path.file_name().unwrap_or_default();
        let text = match Confinement::new(folder).resolve(name) {
            Ok(canonical) => std::fs::read_to_string(canonical)
                .map_err(|err| error(format!("cannot read the config file: {err}")))?,
            Err(Refusal::Outside(_)) => {
                return Err(error(
                    "the config file is a symbolic link that leads outside its folder; it was \
                     not read"
                        .to_owned(),
                ));
            }
            Err(Refusal::Unresolvable(err)) => {
                return Err(error(format!("cannot read the config file: {err}")));
            }
        };
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|err| ConfigError {
            path: path.to_owned(),
            span: err.span(),
            message: err.message().to_owned(),
        })?;
        config.validate(path)?;
        Ok(config)
    }

    fn validate(&self, path: &Path) -> Result<(), ConfigError> {
        for (id, table) in &self.rules {
            if let Some(value) = table.get_ref().get("severity") {
                let valid = value.as_str().and_then(Severity::parse).is_some();
                if !valid {
                    return Err(ConfigError {
                        path: path.to_owned(),
                        span: Some(table.span()),
                        message: format!(
                            "`rules.{id}.severity` must be one of off, info, warning, error"
                        ),
                    });
                }
            }
        }
        for layout in &self.layouts {
            let placeholders = layout.pattern.matches("{locale}").count();
            if placeholders != 1 {
                return Err(ConfigError {
                    path: path.to_owned(),
                    span: None,
                    message: format!(
                        "layout pattern `{}` must contain `{{locale}}` exactly once",
                        layout.pattern
                    ),
                });
            }
        }
        for list in &self.lists {
            let error = |message: String| ConfigError {
                path: path.to_owned(),
                span: None,
                message,
            };
            if list.section.is_none() && list.index.is_none() && list.contains.is_none() {
                return Err(error(format!(
                    "`[[lists]]` for `{}` must say which list: `section`, `index` or `contains`",
                    list.page
                )));
            }
            if list.index == Some(0) {
                return Err(error(format!(
                    "`[[lists]]` for `{}`: `index` counts from 1",
                    list.page
                )));
            }
            if let Err(err) = globset::Glob::new(&list.page) {
                return Err(error(format!(
                    "`[[lists]]`: invalid page glob `{}`: {err}",
                    list.page
                )));
            }
        }
        Ok(())
    }

    /// The configured severity of a rule, if any.
    pub fn severity(&self, rule: &str) -> Option<Severity> {
        let table = self.rules.get(rule)?;
        Severity::parse(table.get_ref().get("severity")?.as_str()?)
    }

    /// The rule's options: its `[rules.<id>]` table without `severity`.
    pub fn rule_options(&self, rule: &str) -> toml::Table {
        let mut options = self
            .rules
            .get(rule)
            .map(|table| table.get_ref().clone())
            .unwrap_or_default();
        options.remove("severity");
        options
    }

    /// The size above which a file is reported instead of linted: parsing keeps a model of
    /// about ten times the file's size in memory, so one huge generated file would otherwise
    /// cost gigabytes.
    pub fn max_file_size(&self) -> u64 {
        self.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE)
    }

    pub fn source_locale(&self) -> &str {
        self.source_locale.as_deref().unwrap_or("en")
    }
}

/// The nearest `l10nlint.toml` in `start` or one of its parents.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() {
        start.parent()?
    } else {
        start
    };
    start
        .ancestors()
        .map(|directory| directory.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors_with_a_position() {
        let text = "source-locale = \"en\"\nsource-lcale = \"de\"\n";
        let err = Config::parse(text, Path::new("l10nlint.toml")).unwrap_err();
        assert!(
            err.message.contains("unknown field `source-lcale`"),
            "{}",
            err.message
        );
        assert_eq!(&text[err.span.unwrap()], "source-lcale");
    }

    #[cfg(unix)]
    #[test]
    fn a_config_linked_to_a_file_outside_is_not_read() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(
            outside.path().join("secret.toml"),
            "source-locale = \"fr\"\n",
        )
        .unwrap();
        let path = site.path().join(FILE_NAME);
        std::os::unix::fs::symlink(outside.path().join("secret.toml"), &path).unwrap();
        let err = Config::load(&path).unwrap_err();
        assert!(err.message.contains("leads outside"), "{}", err.message);
        std::fs::write(site.path().join("shared.toml"), "source-locale = \"fr\"\n").unwrap();
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("shared.toml", &path).unwrap();
        assert_eq!(Config::load(&path).unwrap().source_locale(), "fr");
    }

    #[test]
    fn rule_severity_and_options() {
        let text =
            "[rules.front-matter-lang-mismatch]\nseverity = \"warning\"\nkey = \"language\"\n";
        let config = Config::parse(text, Path::new("x")).unwrap();
        assert_eq!(
            config.severity("front-matter-lang-mismatch"),
            Some(Severity::Warning)
        );
        let options = config.rule_options("front-matter-lang-mismatch");
        assert_eq!(options.get("key").unwrap().as_str(), Some("language"));
        assert!(options.get("severity").is_none());
    }

    #[test]
    fn invalid_severity_is_an_error() {
        let text = "[rules.x]\nseverity = \"loud\"\n";
        assert!(Config::parse(text, Path::new("x")).is_err());
    }

    #[test]
    fn declared_lists() {
        let text = "[[lists]]\npage = \"**/help.md\"\nsection = \"servers\"\norder = false\n";
        let config = Config::parse(text, Path::new("x")).unwrap();
        assert_eq!(config.lists[0].section.as_deref(), Some("servers"));
        assert_eq!(config.lists[0].order, Some(false));
        for invalid in [
            "[[lists]]\npage = \"help.md\"\n",
            "[[lists]]\npage = \"help.md\"\nindex = 0\n",
            "[[lists]]\npage = \"help[.md\"\nindex = 1\n",
            "[[lists]]\npage = \"help.md\"\nsection = \"x\"\nheading = \"y\"\n",
        ] {
            assert!(Config::parse(invalid, Path::new("x")).is_err(), "{invalid}");
        }
    }

    #[test]
    fn a_layout_needs_one_locale_placeholder() {
        let text = "[[layouts]]\npattern = \"docs/**/*.md\"\n";
        assert!(Config::parse(text, Path::new("x")).is_err());
    }
}
