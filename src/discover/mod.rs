//! Discovery: every file of the site, which of them are pages in which locale, and which
//! translation belongs to which source page.

pub mod layout;
pub mod locale;
pub mod pattern;

use crate::config::Config;
use crate::files::{Confinement, Refusal};
use crate::model::FileKind;
use globset::{Glob, GlobSet, GlobSetBuilder};
use layout::Layout;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

/// Directories that hold build output or dependencies, never content.
const ALWAYS_SKIPPED: &[&str] = &[
    "_site",
    "node_modules",
    ".jekyll-cache",
    ".sass-cache",
    "target",
];

/// What the site's generator says about where its pages are, from its config file.
#[derive(Debug, Clone, Default)]
pub struct DiscoveryHints {
    /// The generator's default locale, when its config names one.
    pub source_locale: Option<String>,
    /// Where its config puts each locale's pages; empty: detect from the file list.
    pub layouts: Vec<Layout>,
    /// Top-level folders the generator writes its build into, never content.
    pub build_dirs: Vec<&'static str>,
}

/// A file that is linted.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    /// Relative to the root, `/`-separated.
    pub path: String,
    pub kind: FileKind,
    /// `None` for a file outside every layout, linted on its own.
    pub locale: Option<String>,
    /// What the file shares with its translations (`help.md` for `es/help.md`).
    pub key: Option<String>,
    /// Index into `Corpus::layouts` of the layout that placed the file.
    pub layout: Option<usize>,
    /// A Fluent resource outside every locale that the application loads into every locale's
    /// bundle (`locales/core.ftl`): its terms and messages are known in all of them.
    pub shared: bool,
}

impl CorpusFile {
    fn shared(path: &str) -> Self {
        Self {
            path: path.to_owned(),
            kind: FileKind::Fluent,
            locale: None,
            key: None,
            layout: None,
            shared: true,
        }
    }
}

/// The folders that hold one folder (or file) of Fluent resources per locale: `locales` for
/// `locales/{locale}/**/*` when it places `.ftl` files. An `.ftl` file there is no locale's:
/// it is a resource every locale loads, as fluent-templates loads `locales/core.ftl`.
fn fluent_locale_parents<'a>(files: &[CorpusFile], layouts: &'a [Layout]) -> HashSet<&'a str> {
    files
        .iter()
        .filter(|file| file.kind == FileKind::Fluent)
        .filter_map(|file| file.layout)
        .filter_map(|layout| {
            let pattern = layouts[layout].pattern.as_str();
            let before_locale = &pattern[..pattern.find("{locale}")?];
            // `locales/{locale}/…` or `l10n/{locale}.ftl`, not `docs/**/*.{locale}.ftl`.
            let directory = before_locale
                .strip_suffix('/')
                .or(before_locale.is_empty().then_some(""))?;
            (!directory.contains('*')).then_some(directory)
        })
        .collect()
}

/// A problem found while discovering, reported as a diagnostic at the file.
#[derive(Debug, Clone)]
pub struct DiscoveryProblem {
    pub kind: ProblemKind,
    pub path: String,
    pub message: String,
    pub help: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A folder that cannot be listed.
    Unreadable,
    /// A symbolic link that leads outside the site, which was not followed.
    LinkEscapesRoot,
}

/// The site: all its files, the ones that are linted, and how they pair up.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The folders whose files may be read: every read of a site file goes through it.
    pub confinement: Confinement,
    pub source_locale: String,
    pub layouts: Vec<Layout>,
    pub files: Vec<CorpusFile>,
    /// Every file of the site (linted or not), for resolving links and images.
    pub site_files: BTreeSet<String>,
    /// Problems met while walking (unreadable folders, links that lead outside).
    pub problems: Vec<DiscoveryProblem>,
    /// Symbolic links skipped because their target is missing, ignored or contains them:
    /// not defects, said with `--verbose`.
    pub notes: Vec<String>,
    by_locale_and_key: HashMap<(String, String), usize>,
    by_path: HashMap<String, usize>,
    /// The locales present in each layout, parallel to `layouts`.
    layout_locales: Vec<BTreeSet<String>>,
}

impl Corpus {
    /// Walks the confinement's root and classifies its files.
    pub fn discover(
        confinement: &Confinement,
        config: &Config,
        hints: &DiscoveryHints,
    ) -> Result<Self, String> {
        let configured_source = config
            .source_locale
            .clone()
            .or_else(|| hints.source_locale.clone());
        let mut source_locale = configured_source
            .clone()
            .unwrap_or_else(|| config.source_locale().to_owned());
        let include = glob_set(&config.include)?;
        let exclude = glob_set(&config.exclude)?;
        let mut walked = walk(confinement);
        let in_build = |path: &str| {
            hints.build_dirs.iter().any(|dir| {
                path.strip_prefix(dir)
                    .is_some_and(|rest| rest.starts_with('/'))
            })
        };
        walked.files.retain(|path| !in_build(path));
        let mut problems = walked.problems;
        for (path, target, directory) in &walked.escaping {
            // Only a link l10nlint would have read is worth a diagnostic: one to an image or
            // a data file outside is never opened.
            let would_read = *directory || FileKind::from_path(path).is_some();
            if would_read && !exclude.is_match(path) {
                problems.push(escaping_link_problem(path, target));
            }
        }
        let all: Vec<String> = walked.files.iter().cloned().collect();
        // A link that leads outside still names a file of the site: links to it are not
        // broken, but it is never read.
        let mut site_files = walked.files;
        site_files.extend(walked.escaping.iter().map(|(path, _, _)| path.clone()));
        let lintable = |path: &str| FileKind::from_path(path).is_some();
        let layouts = if !config.layouts.is_empty() {
            config
                .layouts
                .iter()
                .map(|layout| Layout::new(&layout.pattern, layout.source.as_deref()))
                .collect::<Result<_, _>>()
                .map_err(|err| format!("invalid layout pattern: {err}"))?
        } else if !hints.layouts.is_empty() {
            hints.layouts.clone()
        } else {
            let mut detected = layout::detect(&all, &source_locale, lintable);
            // No source locale configured and none of the detected locales is `en`: the
            // source is an English variant (`en-US`) or the locale with the most files.
            if configured_source.is_none()
                && let Some(found) = detect_source(&all, &detected, &source_locale)
                && found != source_locale
            {
                source_locale = found;
                detected = layout::detect(&all, &source_locale, lintable);
            }
            detected
        };
        let configured_shared = config.fluent.shared.as_deref().map(glob_set).transpose()?;
        let mut files = Vec::new();
        let mut unplaced_fluent = Vec::new();
        for path in &all {
            let Some(kind) = FileKind::from_path(path) else {
                continue;
            };
            if exclude.is_match(path) {
                continue;
            }
            if kind == FileKind::Fluent
                && configured_shared
                    .as_ref()
                    .is_some_and(|shared| shared.is_match(path))
            {
                files.push(CorpusFile::shared(path));
                continue;
            }
            let placement = layouts.iter().enumerate().find_map(|(index, layout)| {
                layout
                    .place(path, &source_locale)
                    .map(|placement| (index, placement))
            });
            // Only a YAML or JSON file that a layout places in a locale is a string catalog;
            // `_config.yml`, `package.json` and other data files are never read.
            if kind.needs_layout() && placement.is_none() {
                continue;
            }
            // Whether an `.ftl` outside every locale is shared is known once the layouts have
            // placed the others.
            if kind == FileKind::Fluent && placement.is_none() && configured_shared.is_none() {
                unplaced_fluent.push(path);
                continue;
            }
            let layout = placement.as_ref().map(|(index, _)| *index);
            let placement = placement.map(|(_, placement)| placement);
            let wanted_locale = placement.as_ref().is_none_or(|placement| {
                config.locales.is_empty()
                    || placement.locale == source_locale
                    || config.locales.contains(&placement.locale)
            });
            let included =
                include.is_match(path) || (config.include.is_empty() && placement.is_some());
            if !included || !wanted_locale {
                continue;
            }
            files.push(CorpusFile {
                path: path.clone(),
                kind,
                locale: placement.as_ref().map(|p| p.locale.clone()),
                key: placement.map(|p| p.key),
                layout,
                shared: false,
            });
        }
        if let Some(patterns) = &config.fluent.shared {
            if let Some(unmatched) = patterns.iter().find(|pattern| {
                let matcher = Glob::new(pattern).map(|glob| glob.compile_matcher());
                matcher.is_ok_and(|matcher| {
                    !files.iter().any(|f| f.shared && matcher.is_match(&f.path))
                })
            }) {
                return Err(format!(
                    "`[fluent] shared`: `{unmatched}` matches no `.ftl` file under `{}`",
                    confinement.root().display()
                ));
            }
        }
        let beside_locales = fluent_locale_parents(&files, &layouts);
        for path in unplaced_fluent {
            let (directory, name) = path.rsplit_once('/').unwrap_or(("", path));
            // `locales/en-US.ftl` beside `locales/en-US/` is that locale's, not shared.
            let named_by_locale = name
                .strip_suffix(".ftl")
                .is_some_and(locale::is_locale_code);
            if beside_locales.contains(directory) && !named_by_locale {
                files.push(CorpusFile::shared(path));
            } else if include.is_match(path) {
                files.push(CorpusFile {
                    shared: false,
                    ..CorpusFile::shared(path)
                });
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut layout_locales = vec![BTreeSet::new(); layouts.len()];
        for file in &files {
            if let (Some(layout), Some(locale)) = (file.layout, &file.locale) {
                layout_locales[layout].insert(locale.clone());
            }
        }
        let by_path = files
            .iter()
            .enumerate()
            .map(|(index, file)| (file.path.clone(), index))
            .collect();
        let by_locale_and_key = files
            .iter()
            .enumerate()
            .filter_map(|(index, file)| Some(((file.locale.clone()?, file.key.clone()?), index)))
            .collect();
        Ok(Self {
            confinement: confinement.clone(),
            source_locale,
            layouts,
            files,
            site_files,
            problems,
            notes: walked.notes,
            by_locale_and_key,
            by_path,
            layout_locales,
        })
    }

    /// The index of the source-language counterpart of file `index`, if it has one.
    pub fn source_of(&self, index: usize) -> Option<usize> {
        let file = &self.files[index];
        if file.locale.as_deref() == Some(self.source_locale.as_str()) {
            return None;
        }
        let key = file.key.clone()?;
        self.by_locale_and_key
            .get(&(self.source_locale.clone(), key))
            .copied()
    }

    /// Whether file `index` is a translation (in a layout, not in the source locale).
    pub fn is_translation(&self, index: usize) -> bool {
        let file = &self.files[index];
        file.key.is_some() && file.locale.as_deref() != Some(self.source_locale.as_str())
    }

    /// The file of `key` in `locale`.
    pub fn find(&self, locale: &str, key: &str) -> Option<usize> {
        self.by_locale_and_key
            .get(&(locale.to_owned(), key.to_owned()))
            .copied()
    }

    /// The locales that have at least one file in the same layout as file `index`.
    pub fn locales_of_layout(&self, index: usize) -> BTreeSet<&str> {
        self.files[index]
            .layout
            .map(|layout| {
                self.layout_locales[layout]
                    .iter()
                    .map(String::as_str)
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn index_of(&self, path: &str) -> Option<usize> {
        self.by_path.get(path).copied()
    }
}

/// The source locale the files of the detected layouts suggest, when `default` has none.
fn detect_source(all: &[String], layouts: &[Layout], default: &str) -> Option<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let candidates = layout::detect_all(all, |path| FileKind::from_path(path).is_some());
    for path in all {
        for layout in layouts.iter().chain(&candidates) {
            if let Some(placement) = layout.place(path, default) {
                *counts.entry(placement.locale).or_default() += 1;
                break;
            }
        }
    }
    if counts.contains_key(default) {
        return None;
    }
    locale::detect_source_locale(default, counts.iter().map(|(l, c)| (l.as_str(), *c)))
}

fn escaping_link_problem(path: &str, target: &str) -> DiscoveryProblem {
    DiscoveryProblem {
        kind: ProblemKind::LinkEscapesRoot,
        path: path.to_owned(),
        message: format!(
            "this symbolic link leads outside the site (to `{target}`); it was not read"
        ),
        help: Some(
            "commit the file itself instead of a link, or remove the link; l10nlint reads \
             only files inside the site"
                .to_owned(),
        ),
    }
}

fn glob_set(globs: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        builder.add(Glob::new(glob).map_err(|err| format!("invalid glob `{glob}`: {err}"))?);
    }
    builder.build().map_err(|err| err.to_string())
}

/// What the walk found, paths relative to the root and `/`-separated.
#[derive(Debug, Default)]
struct Walked {
    /// Files of the site: regular files, and links to files inside (or under a folder link).
    files: BTreeSet<String>,
    /// Links that lead outside: path, target as written, whether the target is a folder.
    escaping: Vec<(String, String, bool)>,
    problems: Vec<DiscoveryProblem>,
    notes: Vec<String>,
}

/// Every file of the site, honouring `.gitignore`, without following a symbolic link out of
/// the allowed folders. Links are resolved after the walk, by canonical path: a link to a file
/// inside is a file of the site when the walk saw its target (so a link into ignored build
/// output is skipped), a link to a folder inside shows the files the walk saw there, and a
/// link that leads outside is reported and never followed, so loops and huge trees behind
/// links cost nothing.
fn walk(confinement: &Confinement) -> Walked {
    let root = confinement.root();
    let tree = walk_tree(root);
    let mut walked = Walked {
        files: tree.files.clone(),
        problems: tree.problems,
        ..Walked::default()
    };
    let mut folder_links = Vec::new();
    for link in &tree.links {
        let written = std::fs::read_link(root.join(link))
            .map(|target| target.display().to_string())
            .unwrap_or_default();
        match confinement.resolve(link) {
            Err(Refusal::Unresolvable(err)) => walked.notes.push(format!(
                "skipped `{link}`: a symbolic link whose target `{written}` cannot be read ({err})"
            )),
            Err(Refusal::Outside(canonical)) => {
                walked
                    .escaping
                    .push((link.clone(), written, canonical.is_dir()));
            }
            Ok(canonical) if canonical.is_dir() => folder_links.push((link, canonical, written)),
            Ok(canonical) => match canonical.strip_prefix(root).map(to_slash_path) {
                Ok(target) if !tree.files.contains(&target) => walked.notes.push(format!(
                    "skipped `{link}`: a symbolic link to `{target}`, which is ignored or not a \
                     file of the site"
                )),
                // A file in a folder named on the command line is outside the walk.
                _ => {
                    walked.files.insert(link.clone());
                }
            },
        }
    }
    // Files seen through folder links are at most as many again as the site's own, however
    // many links point at one large folder.
    let mut budget = walked.files.len();
    for (link, canonical, written) in folder_links {
        let shown: Vec<String> = match canonical.strip_prefix(root).map(to_slash_path) {
            Ok(target) if target.is_empty() || link.starts_with(&format!("{target}/")) => {
                walked.notes.push(format!(
                    "skipped `{link}`: a symbolic link to `{written}`, a folder that contains it"
                ));
                continue;
            }
            Ok(target) => {
                let prefix = format!("{target}/");
                walked
                    .files
                    .range(prefix.clone()..)
                    .take_while(|file| file.starts_with(&prefix))
                    .map(|file| file[prefix.len()..].to_owned())
                    .collect()
            }
            // A folder named on the command line: walked on its own.
            Err(_) => {
                let granted = walk_tree(&canonical);
                walked.problems.extend(granted.problems);
                granted.files.into_iter().collect()
            }
        };
        if shown.is_empty() {
            walked.notes.push(format!(
                "skipped `{link}`: a symbolic link to `{written}`, a folder that is ignored or \
                 holds no file of the site"
            ));
        } else if shown.len() > budget {
            walked.notes.push(format!(
                "skipped `{link}`: a symbolic link to `{written}`; the site already shows more \
                 files through links than it has of its own"
            ));
        } else {
            budget -= shown.len();
            walked
                .files
                .extend(shown.iter().map(|file| format!("{link}/{file}")));
        }
    }
    walked
}

/// The files and symbolic links under `directory`, links not followed.
#[derive(Debug, Default)]
struct Tree {
    files: BTreeSet<String>,
    links: Vec<String>,
    problems: Vec<DiscoveryProblem>,
}

fn walk_tree(directory: &Path) -> Tree {
    let mut tree = Tree::default();
    let walker = ignore::WalkBuilder::new(directory)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            !ALWAYS_SKIPPED.contains(&name.as_ref())
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let Ok(relative) = entry.path().strip_prefix(directory) else {
                    continue;
                };
                match entry.file_type() {
                    Some(kind) if kind.is_symlink() => tree.links.push(to_slash_path(relative)),
                    Some(kind) if kind.is_file() => {
                        tree.files.insert(to_slash_path(relative));
                    }
                    _ => {}
                }
            }
            Err(err) => tree.problems.push(DiscoveryProblem {
                kind: ProblemKind::Unreadable,
                path: error_path(&err, directory),
                message: walk_error_message(&err),
                help: None,
            }),
        }
    }
    tree
}

fn to_slash_path(path: &Path) -> String {
    path.components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn error_path(err: &ignore::Error, root: &Path) -> String {
    fn path_of(err: &ignore::Error) -> Option<&Path> {
        match err {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            _ => None,
        }
    }
    path_of(err)
        .map(|path| to_slash_path(path.strip_prefix(root).unwrap_or(path)))
        .unwrap_or_else(|| ".".to_owned())
}

fn walk_error_message(err: &ignore::Error) -> String {
    fn inner(err: &ignore::Error) -> String {
        match err {
            ignore::Error::WithPath { err, .. }
            | ignore::Error::WithDepth { err, .. }
            | ignore::Error::WithLineNumber { err, .. } => inner(err),
            ignore::Error::Io(io) => io.to_string(),
            other => other.to_string(),
        }
    }
    format!("cannot read this path: {}", inner(err))
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn many_links_to_one_folder_show_its_files_at_most_as_many_again() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir(site.path().join("en")).unwrap();
        for page in 0..50 {
            std::fs::write(site.path().join(format!("en/{page}.md")), "Text.\n").unwrap();
        }
        for link in 0..100 {
            symlink("en", site.path().join(format!("copy{link}"))).unwrap();
        }
        let walked = walk(&Confinement::new(site.path()));
        assert_eq!(
            walked.files.len(),
            100,
            "the 50 pages, and once more through one link"
        );
        assert_eq!(walked.notes.len(), 99, "{:?}", walked.notes);
        assert!(walked.problems.is_empty() && walked.escaping.is_empty());
    }

    fn discover_files(files: &[&str], config: &Config) -> Corpus {
        let site = tempfile::tempdir().unwrap();
        for file in files {
            let path = site.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "hello = Hello\n").unwrap();
        }
        Corpus::discover(
            &Confinement::new(site.path()),
            config,
            &DiscoveryHints::default(),
        )
        .unwrap()
    }

    #[test]
    fn an_ftl_beside_the_locale_folders_is_shared_and_en_us_is_the_source() {
        let corpus = discover_files(
            &[
                "locales/core.ftl",
                "locales/en-US.ftl",
                "locales/en-US/app.ftl",
                "locales/en-GB/app.ftl",
                "locales/cy/app.ftl",
                "tests/broken.ftl",
            ],
            &Config::default(),
        );
        assert_eq!(corpus.source_locale, "en-US");
        let shared: Vec<&str> = corpus
            .files
            .iter()
            .filter(|file| file.shared)
            .map(|file| file.path.as_str())
            .collect();
        // A file named by a locale is that locale's; one elsewhere is nobody's.
        assert_eq!(shared, ["locales/core.ftl"]);
        let paths: Vec<&str> = corpus.files.iter().map(|file| file.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "locales/core.ftl",
                "locales/cy/app.ftl",
                "locales/en-GB/app.ftl",
                "locales/en-US/app.ftl"
            ]
        );
        let cy = corpus.index_of("locales/cy/app.ftl").unwrap();
        assert_eq!(
            corpus.source_of(cy),
            corpus.index_of("locales/en-US/app.ftl")
        );
    }

    #[test]
    fn configured_shared_resources_replace_detection() {
        let files = [
            "brand/names.ftl",
            "locales/core.ftl",
            "locales/en/app.ftl",
            "locales/de/app.ftl",
        ];
        let config = Config::parse(
            "[fluent]\nshared = [\"brand/*.ftl\"]\n",
            Path::new("l10nlint.toml"),
        )
        .unwrap();
        let corpus = discover_files(&files, &config);
        let shared: Vec<&str> = corpus
            .files
            .iter()
            .filter(|file| file.shared)
            .map(|file| file.path.as_str())
            .collect();
        assert_eq!(shared, ["brand/names.ftl"]);
        assert!(corpus.index_of("locales/core.ftl").is_none());
        let none = Config::parse("[fluent]\nshared = []\n", Path::new("l10nlint.toml")).unwrap();
        assert!(
            discover_files(&files, &none)
                .files
                .iter()
                .all(|file| !file.shared)
        );
    }

    #[test]
    fn a_configured_source_locale_is_never_replaced() {
        let config = Config::parse("source-locale = \"de\"\n", Path::new("l10nlint.toml")).unwrap();
        let corpus = discover_files(&["locales/en-US/app.ftl", "locales/de/app.ftl"], &config);
        assert_eq!(corpus.source_locale, "de");
        let corpus = discover_files(&["en/a.md", "de/a.md", "en-US/a.md"], &Config::default());
        assert_eq!(corpus.source_locale, "en");
    }

    #[test]
    fn a_link_to_a_file_inside_is_a_file_of_the_site_under_its_own_name() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("shared")).unwrap();
        std::fs::create_dir_all(site.path().join("es")).unwrap();
        std::fs::write(site.path().join("shared/a.md"), "Texto.\n").unwrap();
        symlink("../shared/a.md", site.path().join("es/a.md")).unwrap();
        let walked = walk(&Confinement::new(site.path()));
        let files: Vec<&str> = walked.files.iter().map(String::as_str).collect();
        assert_eq!(files, ["es/a.md", "shared/a.md"]);
    }
}
