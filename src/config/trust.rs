//! Trust: what a configuration may grant, by where it came from.
//!
//! A repository's `l10nlint.toml` arrives with the content under review (a pull request can
//! change it) and is read by every contributor's pre-commit hook and by CI. So, as git and
//! pre-commit treat repository content, it may shape the lint but not reach outside the
//! repository: switching on network access, requests to private addresses, a cache file
//! outside the site, a `remap` to a private address and a longer online deadline need the
//! command line, the environment, or the user's own config (`UserConfig`). A repository's
//! config that asks for them gets an [`Ungranted`] warning naming the key and what grants it,
//! and the setting is ignored.

use super::{ConfigError, OnlineConfig};
use crate::files::Confinement;
use crate::online::settings::default_cache_path;
use crate::online::{OnlineOptions, names_private_host};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The user's own settings, `$XDG_CONFIG_HOME/l10nlint/config.toml`
/// (`~/.config/l10nlint/config.toml`): trusted, since no repository writes there.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UserConfig {
    /// `[online]`, with the same keys as a repository's, all of them granted.
    #[serde(default)]
    pub online: OnlineConfig,
}

impl UserConfig {
    /// Where the user's config is looked for: `$XDG_CONFIG_HOME` when it is set to an absolute
    /// path, else the platform's config folder.
    pub fn path() -> Option<PathBuf> {
        let base = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .filter(|path| path.is_absolute())
            .or_else(dirs::config_dir)?;
        Some(base.join("l10nlint").join("config.toml"))
    }

    /// The user's config at `path`, when there is a file; a relative `cache` is made relative
    /// to its folder.
    pub fn load(path: &Path) -> Result<Option<Self>, ConfigError> {
        let error = |span, message| ConfigError {
            path: path.to_owned(),
            span,
            message,
        };
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(error(None, format!("cannot read the config file: {err}"))),
        };
        let mut config: UserConfig =
            toml::from_str(&text).map_err(|err| error(err.span(), err.message().to_owned()))?;
        if let (Some(cache), Some(folder)) = (&config.online.cache, path.parent()) {
            config.online.cache = Some(folder.join(cache));
        }
        Ok(Some(config))
    }
}

/// What the command line and the environment grant, beyond any config.
#[derive(Debug, Clone, Default)]
pub struct Grants {
    /// `--online`.
    pub online: bool,
    /// `--allow-private`.
    pub allow_private: bool,
    /// `--cache PATH` or `--no-cache`.
    pub cache: CacheChoice,
    /// `--trust-config` or `L10NLINT_TRUST_CONFIG=1`: the repository's config may grant what
    /// the user's may (for one's own repository, never for content under review).
    pub trust_repository_config: bool,
}

/// Where the online cache goes, as the command line says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CacheChoice {
    /// Where the configs say, else the user cache folder.
    #[default]
    Configured,
    Off,
    At(PathBuf),
}

/// A setting of the repository's config that was ignored, because only the user may grant it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ungranted {
    /// The key as written in the config: `online.enabled`.
    pub key: String,
    pub reason: String,
    /// The flag that grants it, when one does: `--online`.
    pub flag: Option<&'static str>,
    /// ` (path)` of the user's config, or empty.
    user_config: String,
}

impl std::fmt::Display for Ungranted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is ignored: {}; ", self.key, self.reason)?;
        if let Some(flag) = self.flag {
            write!(f, "pass {flag}, ")?;
        }
        write!(
            f,
            "set it in your own config{}, or pass --trust-config to trust this file",
            self.user_config
        )
    }
}

/// The online check's options, and what the repository's config asked for in vain.
#[derive(Debug, Default)]
pub struct OnlineDecision {
    /// `None` when nothing trusted switches the check on.
    pub options: Option<OnlineOptions>,
    pub ungranted: Vec<Ungranted>,
}

/// The online options of a run: the repository's `[online]` (less what it may not set) laid
/// over the user's, then what the command line grants. A repository's relative `cache` is
/// resolved against the root and must stay inside it.
pub fn online_options(
    repository: &OnlineConfig,
    user: &OnlineConfig,
    grants: &Grants,
    confinement: &Confinement,
) -> OnlineDecision {
    let mut ungranted = Vec::new();
    let repository = if grants.trust_repository_config {
        repository.clone()
    } else {
        restrict(repository, confinement, &mut ungranted)
    };
    let merged = repository.over(user);
    let enabled = grants.online || merged.enabled == Some(true);
    // A switch that did not switch anything on is worth a word only while the check is off;
    // the others only while it runs.
    ungranted.retain(|refused| (refused.key == "online.enabled") != enabled);
    if !enabled {
        return OnlineDecision {
            options: None,
            ungranted,
        };
    }
    let mut options = merged.options(confinement.root(), default_cache_path());
    options.allow_private |= grants.allow_private;
    match &grants.cache {
        CacheChoice::Configured => {}
        CacheChoice::Off => options.cache = None,
        CacheChoice::At(path) => options.cache = Some(path.clone()),
    }
    // What the user granted anyway was not refused.
    ungranted.retain(|refused| match refused.key.as_str() {
        "online.allow-private" => !options.allow_private,
        "online.cache" => grants.cache == CacheChoice::Configured,
        _ => true,
    });
    OnlineDecision {
        options: Some(options),
        ungranted,
    }
}

/// The repository's `[online]` without what it may not grant.
fn restrict(
    config: &OnlineConfig,
    confinement: &Confinement,
    ungranted: &mut Vec<Ungranted>,
) -> OnlineConfig {
    let user_config = UserConfig::path()
        .map(|path| format!(" ({})", path.display()))
        .unwrap_or_default();
    let mut refuse = |key: &str, reason: String, flag: Option<&'static str>| {
        ungranted.push(Ungranted {
            key: key.to_owned(),
            reason,
            flag,
            user_config: user_config.clone(),
        });
    };
    let mut allowed = config.clone();
    if config.enabled == Some(true) {
        refuse(
            "online.enabled",
            "a repository's config cannot switch on network access".to_owned(),
            Some("--online"),
        );
        allowed.enabled = None;
    }
    if config.allow_private == Some(true) {
        refuse(
            "online.allow-private",
            "a repository's config cannot allow requests to private addresses".to_owned(),
            Some("--allow-private"),
        );
        allowed.allow_private = None;
    }
    if let Some(cache) = &config.cache {
        match confinement.writable(cache) {
            Ok(inside) => allowed.cache = Some(inside),
            Err(_) => {
                refuse(
                    "online.cache",
                    format!(
                        "`{}` is outside the site, and a repository's config may only keep the \
                         cache inside it",
                        cache.display()
                    ),
                    Some("--cache PATH"),
                );
                allowed.cache = None;
            }
        }
    }
    allowed.remap.retain(|(pattern, replacement)| {
        let private = names_private_host(replacement);
        if private {
            refuse(
                "online.remap",
                format!(
                    "`{pattern} {replacement}` sends requests to a private address, which a \
                     repository's config cannot do"
                ),
                None,
            );
        }
        !private
    });
    let longest = OnlineOptions::default().deadline;
    if config.deadline.is_some_and(|deadline| deadline > longest) {
        refuse(
            "online.deadline",
            format!(
                "a repository's config may shorten the online check's deadline, not raise it \
                 above {} minutes",
                longest.as_secs() / 60
            ),
            None,
        );
        allowed.deadline = None;
    }
    allowed
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn online(text: &str) -> OnlineConfig {
        toml::from_str(text).expect("valid [online]")
    }

    fn site() -> (tempfile::TempDir, Confinement) {
        let site = tempfile::tempdir().unwrap();
        let confinement = Confinement::new(site.path());
        (site, confinement)
    }

    fn keys(decision: &OnlineDecision) -> Vec<&str> {
        decision.ungranted.iter().map(|u| u.key.as_str()).collect()
    }

    #[test]
    fn a_repository_cannot_switch_on_the_network() {
        let (_site, confinement) = site();
        let repository = online("enabled = true\nallow-private = true\n");
        let decision = online_options(
            &repository,
            &OnlineConfig::default(),
            &Grants::default(),
            &confinement,
        );
        assert!(decision.options.is_none());
        assert_eq!(keys(&decision), ["online.enabled"]);
        let message = decision.ungranted[0].to_string();
        assert!(message.contains("pass --online"), "{message}");
        assert!(message.contains("--trust-config"), "{message}");
    }

    #[test]
    fn the_command_line_the_user_and_trust_grant_it() {
        let (_site, confinement) = site();
        let repository = online("enabled = true\nallow-private = true\n");
        let user = online("enabled = true\n");
        let by_user = online_options(&repository, &user, &Grants::default(), &confinement);
        assert_eq!(keys(&by_user), ["online.allow-private"]);
        let options = by_user.options.expect("the user switched it on");
        assert!(!options.allow_private);

        let flags = Grants {
            online: true,
            allow_private: true,
            ..Grants::default()
        };
        let by_flags = online_options(&repository, &OnlineConfig::default(), &flags, &confinement);
        assert!(by_flags.options.expect("--online").allow_private);

        let trusted = Grants {
            trust_repository_config: true,
            ..Grants::default()
        };
        let by_trust = online_options(
            &repository,
            &OnlineConfig::default(),
            &trusted,
            &confinement,
        );
        assert!(by_trust.ungranted.is_empty());
        assert!(by_trust.options.expect("trusted config").allow_private);
    }

    #[test]
    fn the_cache_stays_inside_the_site() {
        let (site, confinement) = site();
        let grants = Grants {
            online: true,
            ..Grants::default()
        };
        let user = OnlineConfig::default();
        let inside = online_options(
            &online("cache = \".cache/online.json\"\n"),
            &user,
            &grants,
            &confinement,
        );
        assert!(inside.ungranted.is_empty());
        assert_eq!(
            inside.options.unwrap().cache,
            Some(confinement.root().join(".cache/online.json"))
        );
        for outside in ["../victim.txt", "/tmp/victim.txt"] {
            let decision = online_options(
                &online(&format!("cache = \"{outside}\"\n")),
                &user,
                &grants,
                &confinement,
            );
            assert_eq!(keys(&decision), ["online.cache"], "{outside}");
            assert_eq!(decision.options.unwrap().cache, default_cache_path());
        }
        #[cfg(unix)]
        {
            let elsewhere = tempfile::tempdir().unwrap();
            std::os::unix::fs::symlink(elsewhere.path(), site.path().join("out")).unwrap();
            let decision = online_options(
                &online("cache = \"out/online.json\"\n"),
                &user,
                &grants,
                &confinement,
            );
            assert_eq!(keys(&decision), ["online.cache"]);
        }
        let chosen = Grants {
            cache: CacheChoice::At(PathBuf::from("/tmp/mine.json")),
            ..grants
        };
        let decision = online_options(
            &online("cache = \"../victim.txt\"\n"),
            &user,
            &chosen,
            &confinement,
        );
        assert_eq!(
            decision.options.unwrap().cache,
            Some(PathBuf::from("/tmp/mine.json"))
        );
    }

    #[test]
    fn remaps_to_private_hosts_and_long_deadlines_need_the_user() {
        let (_site, confinement) = site();
        let grants = Grants {
            online: true,
            allow_private: true,
            ..Grants::default()
        };
        let repository = online(
            "remap = [\"^https://a\\\\.example http://127.0.0.1:9\", \"^https://b\\\\.example https://c.example\"]\n\
             deadline = \"2h\"\n",
        );
        let decision = online_options(&repository, &OnlineConfig::default(), &grants, &confinement);
        assert_eq!(keys(&decision), ["online.remap", "online.deadline"]);
        let options = decision.options.unwrap();
        assert_eq!(options.remap.len(), 1);
        assert_eq!(options.remap[0].1, "https://c.example");
        assert_eq!(options.deadline, Duration::from_secs(300));
        let shorter = online_options(
            &online("deadline = \"1m\"\n"),
            &OnlineConfig::default(),
            &grants,
            &confinement,
        );
        assert!(shorter.ungranted.is_empty());
        assert_eq!(shorter.options.unwrap().deadline, Duration::from_secs(60));
    }

    #[test]
    fn the_user_config_is_read_with_its_cache_beside_it() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("config.toml");
        assert!(UserConfig::load(&path).unwrap().is_none());
        std::fs::write(&path, "[online]\nenabled = true\ncache = \"online.json\"\n").unwrap();
        let config = UserConfig::load(&path).unwrap().unwrap();
        assert_eq!(config.online.enabled, Some(true));
        assert_eq!(config.online.cache, Some(folder.path().join("online.json")));
        std::fs::write(&path, "[layouts]\n").unwrap();
        let err = UserConfig::load(&path).unwrap_err();
        assert!(
            err.message.contains("unknown field `layouts`"),
            "{}",
            err.message
        );
    }
}
