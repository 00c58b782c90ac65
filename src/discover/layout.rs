//! Where translated files live: patterns with a `{locale}` placeholder, configured or detected.

use super::locale::is_locale_code;
use super::pattern::LocalePattern;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One way a site arranges its locales, e.g. `{locale}/**/*.md` or `docs/**/*.{locale}.md`.
#[derive(Debug, Clone)]
pub struct Layout {
    pub pattern: String,
    matcher: LocalePattern,
    /// Source pages without a locale in their path (`_articles/**/*.md`).
    source: Option<LocalePattern>,
    /// Translation keys start with this where source keys start with the second prefix: Docusaurus keeps
    /// `docs/intro.md`'s translation in `i18n/fr/docusaurus-plugin-content-docs/current/`.
    key_prefix: Option<(String, String)>,
}

/// Where a file sits in a layout: its locale, and the key it shares with its translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub locale: String,
    pub key: String,
}

impl Layout {
    pub fn new(pattern: &str, source: Option<&str>) -> Result<Self, String> {
        Ok(Self {
            pattern: pattern.to_owned(),
            matcher: LocalePattern::new(pattern)?,
            source: source.map(LocalePattern::new).transpose()?,
            key_prefix: None,
        })
    }

    /// Translations whose path, without the locale, starts with `translated` pair with the
    /// source pages whose path starts with `source` instead.
    pub fn with_key_prefix(mut self, translated: &str, source: &str) -> Self {
        self.key_prefix = Some((translated.to_owned(), source.to_owned()));
        self
    }

    /// A layout whose `{locale}` is one of the locales a generator's config declares.
    pub fn with_locales(mut self, locales: BTreeSet<String>) -> Self {
        self.matcher = self.matcher.with_locales(locales);
        self
    }

    /// The glob of the source pages without a locale in their path, if any.
    pub fn source_glob(&self) -> Option<&str> {
        self.source.as_ref().map(LocalePattern::glob)
    }

    /// The file's locale and key, when the layout covers it. Files matching the `source`
    /// glob but not the pattern belong to `source_locale`.
    pub fn place(&self, path: &str, source_locale: &str) -> Option<Placement> {
        if let Some(locale) = self.matcher.locale_range(path) {
            let mut key = key_without_locale(path, locale.clone());
            if let Some((translated, source)) = &self.key_prefix
                && let Some(rest) = key.strip_prefix(translated.as_str())
            {
                key = format!("{source}{rest}");
            }
            return Some(Placement {
                locale: path[locale].to_owned(),
                key,
            });
        }
        let source = self.source.as_ref()?;
        source.is_match(path).then(|| Placement {
            locale: source_locale.to_owned(),
            key: normalise_extension(path),
        })
    }
}

/// `path` with the locale and one separator next to it removed: `es/help.md` → `help.md`,
/// `docs/a.es.md` → `docs/a.md`, `_data/lang/es.yml` → `_data/lang/.yml`.
fn key_without_locale(path: &str, locale: std::ops::Range<usize>) -> String {
    let (start, end) = if path[locale.end..].starts_with('/') {
        (locale.start, locale.end + 1)
    } else if path[..locale.start].ends_with('.') {
        (locale.start - 1, locale.end)
    } else {
        (locale.start, locale.end)
    };
    normalise_extension(&format!("{}{}", &path[..start], &path[end..]))
}

/// `.yaml` and `.yml` are one format: `en.yaml` pairs with `es.yml`.
fn normalise_extension(path: &str) -> String {
    match path.strip_suffix(".yaml") {
        Some(stem) => format!("{stem}.yml"),
        None => path.to_owned(),
    }
}

/// Detects the layouts of a site from its file list: directories named by locale codes
/// (`en/`, `content/es/`, `locales/de/`), files named by locale (`_data/lang/es.yml`), and
/// locale suffixes (`intro.es.md`). A candidate counts when at least two locales share a file.
pub fn detect(
    paths: &[String],
    source_locale: &str,
    lintable: impl Fn(&str) -> bool,
) -> Vec<Layout> {
    let (candidates, unlocalised) = candidates(paths, lintable);
    let mut layouts = Vec::new();
    for (pattern, locales) in candidates {
        let Some(source_glob) = qualifies(&pattern, &locales, source_locale, &unlocalised) else {
            continue;
        };
        if let Ok(layout) = Layout::new(&pattern, source_glob.as_deref()) {
            layouts.push(layout);
        }
    }
    layouts
}

/// Candidate layout patterns → locale → keys, and the paths with no locale at all.
type Candidates<'a> = (
    BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
    BTreeSet<&'a str>,
);

fn candidates(paths: &[String], lintable: impl Fn(&str) -> bool) -> Candidates<'_> {
    // candidate pattern → locale → keys
    let mut candidates: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    let mut unlocalised: BTreeSet<&str> = BTreeSet::new();
    // Most paths share a handful of candidate patterns: compile each pattern once, not once
    // per path (compiling dominated the whole lint of a 20,000-page site).
    let mut compiled: HashMap<String, Option<Layout>> = HashMap::new();
    for path in paths.iter().filter(|path| lintable(path)) {
        let segments: Vec<&str> = path.split('/').collect();
        let mut has_locale = false;
        for (index, segment) in segments.iter().enumerate() {
            let is_file = index + 1 == segments.len();
            let candidate = if !is_file && is_locale_code(segment) {
                let prefix = segments[..index].join("/");
                Some((join(&prefix, "{locale}/**/*"), segment.to_string()))
            } else if is_file {
                file_name_candidate(&segments[..index].join("/"), segment)
            } else {
                None
            };
            if let Some((pattern, locale)) = candidate {
                has_locale = true;
                let layout = compiled
                    .entry(pattern.clone())
                    .or_insert_with(|| Layout::new(&pattern, None).ok());
                let Some(layout) = layout else {
                    continue;
                };
                if let Some(placement) = layout.place(path, "") {
                    candidates
                        .entry(pattern)
                        .or_default()
                        .entry(locale)
                        .or_default()
                        .insert(placement.key);
                }
            }
        }
        if !has_locale {
            unlocalised.insert(path);
        }
    }
    (candidates, unlocalised)
}

/// Every candidate layout in which at least two locales share a file, whatever the source
/// locale: for finding which locale is the source.
pub fn detect_all(paths: &[String], lintable: impl Fn(&str) -> bool) -> Vec<Layout> {
    let (candidates, _) = candidates(paths, lintable);
    candidates
        .into_iter()
        .filter(|(_, locales)| {
            locales.len() >= 2
                && locales.iter().any(|(locale, keys)| {
                    locales
                        .iter()
                        .any(|(other, other_keys)| other != locale && !other_keys.is_disjoint(keys))
                })
        })
        .filter_map(|(pattern, _)| Layout::new(&pattern, None).ok())
        .collect()
}

/// `{locale}.yml`-style and `name.{locale}.md`-style candidates for a file name, and
/// Flutter's `app_{locale}.arb`.
fn file_name_candidate(directory: &str, name: &str) -> Option<(String, String)> {
    let (stem, extension) = name.rsplit_once('.')?;
    if extension == "arb" {
        return stem.match_indices('_').find_map(|(at, _)| {
            let locale = &stem[at + 1..];
            is_locale_code(locale).then(|| {
                (
                    join(directory, &format!("{}_{{locale}}.arb", &stem[..at])),
                    locale.to_owned(),
                )
            })
        });
    }
    let extension = if matches!(extension, "yml" | "yaml") {
        "{yml,yaml}"
    } else {
        extension
    };
    if is_locale_code(stem) {
        return Some((
            join(directory, &format!("{{locale}}.{extension}")),
            stem.to_owned(),
        ));
    }
    let (_, suffix) = stem.rsplit_once('.')?;
    is_locale_code(suffix).then(|| {
        (
            join(directory, &format!("**/*.{{locale}}.{extension}")),
            suffix.to_owned(),
        )
    })
}

fn join(directory: &str, rest: &str) -> String {
    if directory.is_empty() {
        rest.to_owned()
    } else {
        format!("{directory}/{rest}")
    }
}

/// Whether a candidate is a real layout, and the glob of unlocalised source files if the
/// source locale has no directory of its own (`_articles/x.md` beside `_articles/es/x.md`).
fn qualifies(
    pattern: &str,
    locales: &BTreeMap<String, BTreeSet<String>>,
    source_locale: &str,
    unlocalised: &BTreeSet<&str>,
) -> Option<Option<String>> {
    let shared_key = |keys: &BTreeSet<String>| {
        locales
            .values()
            .filter(|other| !std::ptr::eq(*other, keys))
            .any(|other| !other.is_disjoint(keys))
    };
    if locales.contains_key(source_locale) {
        return (locales.len() >= 2 && locales.values().any(shared_key)).then_some(None);
    }
    // A gettext catalog holds its source strings (`msgid`): one locale is enough.
    if locales.values().flatten().all(|key| key.ends_with(".po")) {
        return Some(None);
    }
    // No directory for the source: its pages are the unlocalised files with the same keys.
    let matches_unlocalised = locales
        .values()
        .flatten()
        .any(|key| unlocalised.contains(key.as_str()));
    if !matches_unlocalised {
        return None;
    }
    let source_glob = pattern
        .replace("{locale}/", "")
        .replace(".{locale}", "")
        .replace("{locale}", "*");
    Some(Some(source_glob))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> Vec<String> {
        list.iter().map(|p| p.to_string()).collect()
    }

    fn place(layouts: &[Layout], path: &str) -> Option<(String, String)> {
        layouts
            .iter()
            .find_map(|layout| layout.place(path, "en"))
            .map(|p| (p.locale, p.key))
    }

    #[test]
    fn configured_patterns_place_files() {
        let jekyll = Layout::new("{locale}/**/*.md", None).unwrap();
        assert_eq!(
            jekyll.place("pt_BR/help.md", "en"),
            Some(Placement {
                locale: "pt_BR".into(),
                key: "help.md".into()
            })
        );
        assert_eq!(jekyll.place("assets/x.md", "en"), None);
        let suffix = Layout::new("docs/**/*.{locale}.md", None).unwrap();
        assert_eq!(
            suffix.place("docs/a/intro.de.md", "en").unwrap().key,
            "docs/a/intro.md"
        );
        let hugo = Layout::new("content/{locale}/**/*.md", None).unwrap();
        assert_eq!(
            hugo.place("content/zh-Hant/posts/x.md", "en")
                .unwrap()
                .locale,
            "zh-Hant"
        );
        let articles = Layout::new("_articles/{locale}/**/*.md", Some("_articles/*.md")).unwrap();
        assert_eq!(articles.place("_articles/x.md", "en").unwrap().locale, "en");
        assert_eq!(
            articles.place("_articles/es/x.md", "en").unwrap().key,
            "_articles/x.md"
        );
    }

    #[test]
    fn detects_locale_directories_at_the_root() {
        let files = paths(&[
            "en/help.md",
            "es/help.md",
            "de/help.md",
            "assets/img/a.md",
            "index.md",
        ]);
        let layouts = detect(&files, "en", |_| true);
        assert_eq!(layouts.len(), 1);
        assert_eq!(
            place(&layouts, "es/help.md"),
            Some(("es".into(), "help.md".into()))
        );
        assert_eq!(place(&layouts, "index.md"), None);
    }

    #[test]
    fn detects_hugo_content_and_catalog_files() {
        let files = paths(&[
            "content/en/a.md",
            "content/fr/a.md",
            "_data/lang/en.yaml",
            "_data/lang/es.yml",
        ]);
        let layouts = detect(&files, "en", |_| true);
        assert_eq!(
            place(&layouts, "content/fr/a.md").unwrap().1,
            "content/a.md"
        );
        assert_eq!(
            place(&layouts, "_data/lang/en.yaml").unwrap().1,
            "_data/lang/.yml"
        );
        assert_eq!(
            place(&layouts, "_data/lang/es.yml").unwrap().1,
            "_data/lang/.yml"
        );
    }

    #[test]
    fn detects_suffix_style_and_unlocalised_sources() {
        let files = paths(&[
            "docs/a.md",
            "docs/a.es.md",
            "_articles/x.md",
            "_articles/de/x.md",
        ]);
        let layouts = detect(&files, "en", |_| true);
        assert_eq!(
            place(&layouts, "docs/a.es.md"),
            Some(("es".into(), "docs/a.md".into()))
        );
        assert_eq!(
            place(&layouts, "docs/a.md"),
            Some(("en".into(), "docs/a.md".into()))
        );
        assert_eq!(
            place(&layouts, "_articles/x.md"),
            Some(("en".into(), "_articles/x.md".into()))
        );
        assert_eq!(
            place(&layouts, "_articles/de/x.md").unwrap().1,
            "_articles/x.md"
        );
    }

    #[test]
    fn detects_fluent_directories_and_side_by_side_files() {
        let files = paths(&[
            "locales/en/app.ftl",
            "locales/en/menu.ftl",
            "locales/de/app.ftl",
            "l10n/en.ftl",
            "l10n/fr.ftl",
        ]);
        let layouts = detect(&files, "en", |_| true);
        assert_eq!(
            place(&layouts, "locales/de/app.ftl"),
            Some(("de".into(), "locales/app.ftl".into()))
        );
        assert_eq!(
            place(&layouts, "locales/en/menu.ftl"),
            Some(("en".into(), "locales/menu.ftl".into()))
        );
        assert_eq!(
            place(&layouts, "l10n/fr.ftl"),
            Some(("fr".into(), "l10n/.ftl".into()))
        );
        assert_eq!(
            place(&layouts, "l10n/en.ftl"),
            Some(("en".into(), "l10n/.ftl".into()))
        );
    }

    #[test]
    fn catalogs_pair_across_yml_and_yaml_but_data_files_stay_out() {
        let files = paths(&[
            "_config.yml",
            "_data/meta.yml",
            "_data/lang/en.yaml",
            "_data/lang/es.yml",
            "_data/lang/pt_BR.yml",
        ]);
        let layouts = detect(&files, "en", |_| true);
        assert_eq!(
            place(&layouts, "_data/lang/pt_BR.yml"),
            Some(("pt_BR".into(), "_data/lang/.yml".into()))
        );
        assert_eq!(
            place(&layouts, "_data/lang/en.yaml"),
            Some(("en".into(), "_data/lang/.yml".into()))
        );
        assert_eq!(place(&layouts, "_config.yml"), None);
        assert_eq!(place(&layouts, "_data/meta.yml"), None);
    }

    #[test]
    fn detects_arb_gettext_and_hugo_catalogs() {
        let files = paths(&[
            "lib/l10n/app_en.arb",
            "lib/l10n/app_pt_BR.arb",
            "po/de.po",
            "po/messages.pot",
            "locale/fr/LC_MESSAGES/django.po",
            "i18n/en.toml",
            "i18n/pt-br.toml",
        ]);
        let layouts = detect(&files, "en", |_| true);
        assert_eq!(
            place(&layouts, "lib/l10n/app_pt_BR.arb"),
            Some(("pt_BR".into(), "lib/l10n/app_.arb".into()))
        );
        assert_eq!(place(&layouts, "po/de.po").unwrap().0, "de");
        assert_eq!(place(&layouts, "po/messages.pot"), None);
        assert_eq!(
            place(&layouts, "locale/fr/LC_MESSAGES/django.po")
                .unwrap()
                .0,
            "fr"
        );
        assert_eq!(place(&layouts, "i18n/pt-br.toml").unwrap().0, "pt-br");
    }

    #[test]
    fn a_lone_locale_directory_is_not_a_layout() {
        let files = paths(&["docs/en/only.md", "docs/other.md"]);
        assert!(detect(&files, "en", |_| true).is_empty());
    }
}
