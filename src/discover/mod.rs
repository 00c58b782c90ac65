//! Discovery: every file of the site, which of them are pages in which locale, and which
//! translation belongs to which source page.

pub mod layout;
pub mod locale;

use crate::config::Config;
use crate::model::FileKind;
use globset::{Glob, GlobSet, GlobSetBuilder};
use layout::Layout;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Directories that hold build output or dependencies, never content.
const ALWAYS_SKIPPED: &[&str] = &[
    "_site",
    "node_modules",
    ".jekyll-cache",
    ".sass-cache",
    "target",
];

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
}

/// A problem found while discovering, reported as a diagnostic at the file.
#[derive(Debug, Clone)]
pub struct DiscoveryProblem {
    pub path: String,
    pub message: String,
}

/// The site: all its files, the ones that are linted, and how they pair up.
#[derive(Debug, Default)]
pub struct Corpus {
    pub root: PathBuf,
    pub source_locale: String,
    pub layouts: Vec<Layout>,
    pub files: Vec<CorpusFile>,
    /// Every file of the site (linted or not), for resolving links and images.
    pub site_files: BTreeSet<String>,
    /// Problems met while walking (unreadable directories, loops).
    pub problems: Vec<DiscoveryProblem>,
    by_locale_and_key: HashMap<(String, String), usize>,
    by_path: HashMap<String, usize>,
    /// The locales present in each layout, parallel to `layouts`.
    layout_locales: Vec<BTreeSet<String>>,
}

impl Corpus {
    /// Walks `root` and classifies its files.
    pub fn discover(root: &Path, config: &Config) -> Result<Self, String> {
        let (site_files, problems) = walk(root);
        let source_locale = config.source_locale().to_owned();
        let include = glob_set(&config.include)?;
        let exclude = glob_set(&config.exclude)?;
        let all: Vec<String> = site_files.iter().cloned().collect();
        let layouts = if config.layouts.is_empty() {
            layout::detect(&all, &source_locale, |path| {
                FileKind::from_path(path).is_some()
            })
        } else {
            config
                .layouts
                .iter()
                .map(|layout| Layout::new(&layout.pattern, layout.source.as_deref()))
                .collect::<Result<_, _>>()
                .map_err(|err| format!("invalid layout pattern: {err}"))?
        };
        let mut files = Vec::new();
        for path in &all {
            let Some(kind) = FileKind::from_path(path) else {
                continue;
            };
            if exclude.is_match(path) {
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
            });
        }
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
            root: root.to_owned(),
            source_locale,
            layouts,
            files,
            site_files,
            problems,
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

fn glob_set(globs: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        builder.add(Glob::new(glob).map_err(|err| format!("invalid glob `{glob}`: {err}"))?);
    }
    builder.build().map_err(|err| err.to_string())
}

/// Every file under `root`, relative and `/`-separated, honouring `.gitignore`.
fn walk(root: &Path) -> (BTreeSet<String>, Vec<DiscoveryProblem>) {
    let mut files = BTreeSet::new();
    let mut problems = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .follow_links(true)
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            !ALWAYS_SKIPPED.contains(&name.as_ref())
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_some_and(|kind| kind.is_file()) {
                    continue;
                }
                if let Ok(relative) = entry.path().strip_prefix(root) {
                    files.insert(to_slash_path(relative));
                }
            }
            Err(err) => problems.push(DiscoveryProblem {
                path: error_path(&err, root),
                message: walk_error_message(&err),
            }),
        }
    }
    (files, problems)
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
            ignore::Error::Loop { child, .. } => Some(child),
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
            ignore::Error::Loop { ancestor, .. } => {
                format!("symbolic link loop back to `{}`", ancestor.display())
            }
            ignore::Error::Io(io) => io.to_string(),
            other => other.to_string(),
        }
    }
    format!("cannot read this path: {}", inner(err))
}
