//! The engine: discover → parse (in parallel) → rules → filtered, sorted diagnostics.

use crate::align::{Alignments, consensus};
use crate::config::{Config, ConfigError};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{Corpus, ProblemKind};
use crate::drift;
use crate::files::Confinement;
use crate::model::Document;
use crate::online::{OnlineError, OnlineOptions, Stats};
use crate::parse;
use crate::rules::{self, CorpusContext, DocumentContext, PageContext, Rule, TranslationContext};
use crate::site::online::{self, OnlineResults};
use crate::site::{Site, SiteLookups, SiteSettings, SiteUrls};
use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

/// The id under which files that cannot be read are reported.
pub const UNREADABLE_FILE: &str = "file-unreadable";
/// The id under which symbolic links that lead outside the site are reported.
pub const SYMLINK_ESCAPES_ROOT: &str = "symlink-escapes-root";

/// Findings of one rule reported in one file; the rest are summed up in one more finding, so
/// that a generated or hostile file cannot bury the report (and its renderer) under millions.
pub const MAX_FINDINGS_PER_RULE_AND_FILE: usize = 500;

/// What to lint and how.
#[derive(Debug, Clone, Default)]
pub struct LintRequest {
    pub root: PathBuf,
    /// Folders outside the root that the user named on the command line: files there may be
    /// read through links. Nothing else outside the root is.
    pub granted: Vec<PathBuf>,
    pub config: Config,
    /// Where the config came from, for error messages.
    pub config_path: Option<PathBuf>,
    /// Report only diagnostics in these files (relative to the root) or under these folders.
    pub only: Option<BTreeSet<String>>,
    /// Rule ids or categories to run instead of the defaults (`ALL` for every rule).
    pub select: Vec<String>,
    /// Rule ids or categories not to run.
    pub ignore: Vec<String>,
    /// Check external links over HTTP with these options; `None` stays offline.
    pub online: Option<OnlineOptions>,
}

#[derive(Debug)]
pub struct LintOutcome {
    pub diagnostics: Vec<Diagnostic>,
    pub files_checked: usize,
    /// Counts of the online check, when it ran.
    pub online_stats: Option<Stats>,
    /// Problems that did not stop the online check, such as an unreadable cache.
    pub online_warnings: Vec<String>,
    /// The layout patterns in use, configured or detected.
    pub layouts: Vec<String>,
    /// How many checked files each locale has; files outside every layout are not counted.
    pub files_per_locale: BTreeMap<String, usize>,
    /// The generator the site is built with, and what its config told.
    pub site: SiteDescription,
    /// Said once: why translation drift was judged without the git history (a shallow clone).
    pub drift_note: Option<String>,
    /// The locale of each file that has a diagnostic.
    pub locales: BTreeMap<String, String>,
    /// What discovery skipped without a diagnostic (links to missing or ignored files), for
    /// `--verbose`.
    pub notes: Vec<String>,
}

/// For `--verbose`: the generator detected (or configured), its config file, the source
/// locale and the heading id style in use.
#[derive(Debug, Clone)]
pub struct SiteDescription {
    pub generator: &'static str,
    pub config_file: Option<String>,
    pub source_locale: String,
    pub heading_ids: &'static str,
}

impl LintRequest {
    /// Lints the site at `root` with `config`: its default rules, offline.
    pub fn new(root: impl Into<PathBuf>, config: Config) -> Self {
        Self {
            root: root.into(),
            config,
            ..Self::default()
        }
    }

    /// The folders this run may read and write.
    pub fn confinement(&self) -> Confinement {
        Confinement::new(&self.root).with_granted(self.granted.iter().cloned())
    }
}

/// Why a lint could not run.
#[derive(Debug, thiserror::Error)]
pub enum LintError {
    /// The config file is wrong, at a position in it.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A setting or argument that cannot work: an invalid glob, an unknown rule or category.
    #[error("{0}")]
    Usage(String),
    /// The online check could not start (its runtime or HTTP client).
    #[error("the online check cannot run: {0}")]
    Online(#[source] OnlineError),
}

impl LintError {
    /// Whether the user can fix it by changing the command line or the config.
    pub fn is_usage(&self) -> bool {
        !matches!(self, LintError::Online(_))
    }
}

struct ActiveRule {
    id: &'static str,
    rule: Box<dyn Rule>,
    severity: Severity,
}

impl ActiveRule {
    /// Runs one hook of the rule and stamps its id on what it reports.
    fn run(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        hook: impl FnOnce(&dyn Rule, &mut Vec<Diagnostic>),
    ) {
        let first = diagnostics.len();
        hook(self.rule.as_ref(), diagnostics);
        for diagnostic in &mut diagnostics[first..] {
            diagnostic.rule = self.id;
        }
    }
}

/// Lints a site.
pub fn lint(request: &LintRequest) -> Result<LintOutcome, LintError> {
    let rules = active_rules(request)?;
    let ignores = PerFileIgnores::new(&request.config)?;
    let (parsed, mut diagnostics) = discover_and_parse(request, &rules)?;
    let (corpus, documents) = (&parsed.corpus, &parsed.documents);
    let site = parsed.site();
    let alignments = Alignments::new(documents.len());
    let per_page: Vec<Vec<Diagnostic>> = (0..corpus.files.len())
        .into_par_iter()
        .map(|index| check_page(&site, &alignments, index, &rules))
        .collect();
    diagnostics.extend(per_page);
    let online = check_online(request, corpus, documents, &rules)?;
    let site = Site {
        online: online.as_ref(),
        ..site
    };
    let corpus_context = CorpusContext { site: &site };
    for active in &rules {
        let mut found = Vec::new();
        active.run(&mut found, |rule, found| {
            rule.check_corpus(&corpus_context, found)
        });
        // An unreadable file's empty model says nothing about the file.
        found.retain(|diagnostic| {
            corpus
                .index_of(&diagnostic.location.path)
                .is_none_or(|index| !documents[index].unreadable)
        });
        diagnostics.push(found);
    }
    diagnostics.push(
        corpus
            .problems
            .iter()
            .map(|problem| {
                let rule = match problem.kind {
                    ProblemKind::Unreadable => UNREADABLE_FILE,
                    ProblemKind::LinkEscapesRoot => SYMLINK_ESCAPES_ROOT,
                };
                let diagnostic = Diagnostic::new(&problem.path, 0..0, &problem.message);
                match &problem.help {
                    Some(help) => diagnostic.help(help),
                    None => diagnostic,
                }
                .with_rule(rule)
            })
            .collect(),
    );

    let mut diagnostics: Vec<Diagnostic> = diagnostics.into_iter().flatten().collect();
    consensus::count(&site, &mut diagnostics);
    let mut drift_note = None;
    if rules.iter().any(|active| active.id == drift::OUTDATED_RULE) {
        let evidence = drift::Evidence::gather(&request.root, &request.config.drift);
        drift_note.clone_from(&evidence.note);
        let compare = |translation: usize, old_source: &Document| {
            compare_with_version(&site, &rules, translation, old_source)
        };
        diagnostics = drift::separate_lag(
            &site,
            &evidence,
            request.config.drift.expand,
            diagnostics,
            &compare,
        );
    }
    let severities: HashMap<&str, Severity> = rules
        .iter()
        .map(|active| (active.id, active.severity))
        .collect();
    let mut diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|diagnostic| wanted(request, &ignores, diagnostic))
        .map(|mut diagnostic| {
            diagnostic.severity = *severities.get(diagnostic.rule).unwrap_or(&Severity::Error);
            diagnostic
        })
        .collect();
    diagnostics.sort_by(|a, b| {
        (&a.location.path, a.location.span.start, a.rule, &a.message).cmp(&(
            &b.location.path,
            b.location.span.start,
            b.rule,
            &b.message,
        ))
    });
    diagnostics.dedup();
    let diagnostics = cap_findings(diagnostics);
    let locales = diagnostics
        .iter()
        .filter_map(|diagnostic| {
            let path = &diagnostic.location.path;
            let file = &corpus.files[corpus.index_of(path)?];
            Some((path.clone(), file.locale.clone()?))
        })
        .collect();
    let mut files_per_locale = BTreeMap::new();
    for locale in corpus.files.iter().filter_map(|file| file.locale.clone()) {
        *files_per_locale.entry(locale).or_default() += 1;
    }
    Ok(LintOutcome {
        diagnostics,
        files_checked: corpus.files.len(),
        online_stats: online.as_ref().map(|online| online.report.stats.clone()),
        online_warnings: online
            .map(|online| online.report.warnings)
            .unwrap_or_default(),
        layouts: corpus
            .layouts
            .iter()
            .map(|layout| layout.pattern.clone())
            .collect(),
        files_per_locale,
        site: parsed.describe(),
        drift_note,
        locales,
        notes: corpus.notes.clone(),
    })
}

/// What the cross-language rules find in a translation when its source page is `old_source`
/// (an older version of it), for telling lag from defects.
fn compare_with_version(
    site: &Site,
    rules: &[ActiveRule],
    translation: usize,
    old_source: &Document,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let Some(source) = site.corpus.source_of(translation) else {
        return diagnostics;
    };
    let alignments = Alignments::of_version(translation, old_source, &site.documents[translation]);
    let context = TranslationContext {
        translation: site.page(translation),
        source: rules::Page {
            file: &site.corpus.files[source],
            document: old_source,
        },
        site,
        index: translation,
        alignments: &alignments,
    };
    for active in rules {
        active.run(&mut diagnostics, |rule, found| {
            rule.check_translation(&context, found)
        });
    }
    diagnostics
}

/// Keeps the first [`MAX_FINDINGS_PER_RULE_AND_FILE`] findings of each rule in each file of
/// the sorted `diagnostics`, and puts one finding saying how many more there are where the
/// first one left out was.
fn cap_findings(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut totals: HashMap<(&str, &str), usize> = HashMap::new();
    for diagnostic in &diagnostics {
        *totals
            .entry((diagnostic.location.path.as_str(), diagnostic.rule))
            .or_default() += 1;
    }
    let over: HashMap<(String, &'static str), usize> = totals
        .into_iter()
        .filter(|(_, total)| *total > MAX_FINDINGS_PER_RULE_AND_FILE)
        .map(|((path, rule), total)| ((path.to_owned(), rule), total))
        .collect();
    if over.is_empty() {
        return diagnostics;
    }
    let mut seen: HashMap<(String, &'static str), usize> = HashMap::new();
    let mut kept = Vec::with_capacity(
        diagnostics
            .len()
            .min(over.len() * 2 * MAX_FINDINGS_PER_RULE_AND_FILE),
    );
    for diagnostic in diagnostics {
        let key = (diagnostic.location.path.clone(), diagnostic.rule);
        let Some(total) = over.get(&key) else {
            kept.push(diagnostic);
            continue;
        };
        let count = seen.entry(key).or_default();
        *count += 1;
        if *count <= MAX_FINDINGS_PER_RULE_AND_FILE {
            kept.push(diagnostic);
        } else if *count == MAX_FINDINGS_PER_RULE_AND_FILE + 1 {
            let more = total - MAX_FINDINGS_PER_RULE_AND_FILE;
            let mut summary = Diagnostic::new(
                &diagnostic.location.path,
                diagnostic.location.span.clone(),
                format!(
                    "{more} more `{}` findings in this file are not reported, from here on \
                     (at most {MAX_FINDINGS_PER_RULE_AND_FILE} per rule and file)",
                    diagnostic.rule
                ),
            )
            .with_rule(diagnostic.rule)
            .label("the first finding not reported")
            .help("fix the findings reported and lint again; so many usually share one cause");
            summary.severity = diagnostic.severity;
            kept.push(summary);
        }
    }
    kept
}

/// The online stage, when asked for and some `online` rule is active: the external targets of
/// the reported pages and of their source pages (for counterparts), each URL checked once.
fn check_online(
    request: &LintRequest,
    corpus: &Corpus,
    documents: &[Document],
    rules: &[ActiveRule],
) -> Result<Option<OnlineResults>, LintError> {
    let Some(options) = &request.online else {
        return Ok(None);
    };
    let active_category = |category: &str| {
        rules.iter().any(|active| {
            rules::find(active.id).is_some_and(|entry| entry.meta.category == category)
        })
    };
    if !active_category(online::CATEGORY) {
        return Ok(None);
    }
    let mut options = options.clone();
    // Fetching bodies for anchors is wasted when nothing reports missing fragments.
    options.check_fragments &= rules
        .iter()
        .any(|active| active.id == online::FRAGMENT_RULE);
    let mut pages = BTreeSet::new();
    for (index, file) in corpus.files.iter().enumerate() {
        if reported(request, &file.path) {
            pages.insert(index);
            pages.extend(corpus.source_of(index));
        }
    }
    let found = online::collect(documents, pages);
    OnlineResults::check(found, &options)
        .map(Some)
        .map_err(LintError::Online)
}

/// A discovered and parsed site, for views that read the model rather than diagnostics.
pub struct ParsedSite {
    pub corpus: Corpus,
    /// Parallel to `corpus.files`.
    pub documents: Vec<Document>,
    pub settings: SiteSettings,
    pub urls: SiteUrls,
    pub lookups: SiteLookups,
}

impl ParsedSite {
    pub fn describe(&self) -> SiteDescription {
        let model = self.settings.model();
        SiteDescription {
            generator: model.generator().as_str(),
            config_file: model.config_file().map(str::to_owned),
            source_locale: self.corpus.source_locale.clone(),
            heading_ids: self.settings.heading_ids.style.as_str(),
        }
    }

    /// The site as rules see it, without online results.
    pub fn site(&self) -> Site<'_> {
        Site {
            corpus: &self.corpus,
            documents: &self.documents,
            settings: &self.settings,
            online: None,
            urls: &self.urls,
            lookups: &self.lookups,
        }
    }
}

/// Discovers and parses a site like `lint` does, without running rules.
pub fn parse_site(request: &LintRequest) -> Result<ParsedSite, LintError> {
    Ok(discover_and_parse(request, &[])?.0)
}

/// The site's settings and its files, as the generator's model places them; nothing is parsed.
pub fn discover_site(request: &LintRequest) -> Result<(SiteSettings, Corpus), LintError> {
    if !request.root.is_dir() {
        return Err(LintError::Usage(format!(
            "the site's root `{}` is not a folder",
            request.root.display()
        )));
    }
    let confinement = request.confinement();
    let settings = SiteSettings::load(&confinement, &request.config).map_err(LintError::Usage)?;
    let corpus = Corpus::discover(&confinement, &request.config, &settings.discovery())
        .map_err(LintError::Usage)?;
    Ok((settings, corpus))
}

/// Discovers and parses the site in parallel, running the rules that need each file's text.
fn discover_and_parse(
    request: &LintRequest,
    rules: &[ActiveRule],
) -> Result<(ParsedSite, Vec<Vec<Diagnostic>>), LintError> {
    let (settings, corpus) = discover_site(request)?;
    // Problems found while walking are still reported: they say why nothing was read.
    if corpus.files.is_empty() && corpus.problems.is_empty() {
        return Err(LintError::Usage(nothing_found(request, &settings, &corpus)));
    }
    let max_file_size = request.config.max_file_size();
    let parsed: Vec<(Document, Vec<Diagnostic>)> = (0..corpus.files.len())
        .into_par_iter()
        .map(|index| parse_and_check(&corpus, index, &settings, rules, max_file_size))
        .collect();
    let (documents, diagnostics): (Vec<Document>, Vec<Vec<Diagnostic>>) =
        parsed.into_iter().unzip();
    let urls = SiteUrls::new(&corpus, &documents, &settings);
    let parsed = ParsedSite {
        lookups: SiteLookups::new(documents.len()),
        corpus,
        documents,
        settings,
        urls,
    };
    Ok((parsed, diagnostics))
}

/// Zero files is never a silent success: what was looked for, and how to point l10nlint at
/// the pages.
fn nothing_found(request: &LintRequest, settings: &SiteSettings, corpus: &Corpus) -> String {
    let model = settings.model();
    let generator = match model.config_file() {
        Some(file) => format!("a {} site (from `{file}`)", model.generator().as_str()),
        None => "no generator config (`_config.yml`, `hugo.toml`, `mkdocs.yml`, `docusaurus.config.js`, `astro.config.mjs`)".to_owned(),
    };
    let layouts: Vec<&str> = corpus.layouts.iter().map(|l| l.pattern.as_str()).collect();
    let looked_for = if layouts.is_empty() {
        "Markdown, HTML, Fluent (`.ftl`) or YAML catalog files in locale folders or with locale suffixes".to_owned()
    } else {
        format!("files matching {}", layouts.join(", "))
    };
    format!(
        "no files to lint in `{}`: found {generator}, {} files in all, and looked for {looked_for}; \
         set `source-locale` and `[[layouts]] pattern = \"…/{{locale}}/**/*.md\"` in l10nlint.toml, \
         or `include = [\"**/*.md\"]`",
        request.root.display(),
        corpus.site_files.len(),
    )
}

/// Reads and parses one file, and runs the rules that need its text.
fn parse_and_check(
    corpus: &Corpus,
    index: usize,
    settings: &SiteSettings,
    rules: &[ActiveRule],
    max_file_size: u64,
) -> (Document, Vec<Diagnostic>) {
    let file = &corpus.files[index];
    let source = match corpus.confinement.read_source(&file.path, max_file_size) {
        Ok(source) => source,
        Err(problem) => {
            let diagnostic = Diagnostic::new(&file.path, 0..0, problem.message)
                .with_rule(UNREADABLE_FILE)
                .help(problem.help);
            let document = Document {
                unreadable: true,
                ..Document::default()
            };
            return (document, vec![diagnostic]);
        }
    };
    let document = parse::parse(file.kind, source.text(), &settings.heading_ids);
    let context = DocumentContext {
        page: rules::Page {
            file,
            document: &document,
        },
        text: source.text(),
    };
    let mut diagnostics = Vec::new();
    for active in rules {
        active.run(&mut diagnostics, |rule, found| {
            rule.check_document(&context, found)
        });
    }
    (document, diagnostics)
}

fn check_page(
    site: &Site,
    alignments: &Alignments,
    index: usize,
    rules: &[ActiveRule],
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let page = site.page(index);
    if page.document.unreadable {
        return diagnostics;
    }
    let page_context = PageContext { page, site };
    let source = site
        .source_of(index)
        .filter(|source| !source.document.unreadable);
    let translation_context = source.map(|source| TranslationContext {
        translation: page,
        source,
        site,
        index,
        alignments,
    });
    for active in rules {
        active.run(&mut diagnostics, |rule, found| {
            rule.check_page(&page_context, found)
        });
        if let Some(context) = &translation_context {
            active.run(&mut diagnostics, |rule, found| {
                rule.check_translation(context, found)
            });
        }
    }
    diagnostics
}

fn wanted(request: &LintRequest, ignores: &PerFileIgnores, diagnostic: &Diagnostic) -> bool {
    let path = &diagnostic.location.path;
    reported(request, path) && !ignores.ignores(path, diagnostic.rule)
}

/// Whether diagnostics in `path` are reported: the paths given on the command line, if any.
fn reported(request: &LintRequest, path: &str) -> bool {
    request.only.as_ref().is_none_or(|only| {
        only.iter().any(|wanted| {
            path == wanted || path.starts_with(&format!("{wanted}/")) || wanted.is_empty()
        })
    })
}

/// The rules to run, each built with its options and given its severity.
fn active_rules(request: &LintRequest) -> Result<Vec<ActiveRule>, LintError> {
    let config = &request.config;
    let config_error = |span, message| {
        LintError::Config(ConfigError {
            path: request.config_path.clone().unwrap_or_default(),
            span,
            message,
        })
    };
    for (id, table) in &config.rules {
        if rules::find(id).is_none() {
            return Err(config_error(
                Some(table.span()),
                format!("unknown rule `{id}` (see `l10nlint rules`)"),
            ));
        }
    }
    for selector in request.select.iter().chain(&request.ignore) {
        if !rules::RULES
            .iter()
            .any(|entry| rules::selects(selector, &entry.meta))
        {
            return Err(LintError::Usage(format!(
                "`{selector}` is neither a rule nor a category (see `l10nlint rules`)"
            )));
        }
    }
    let mut active = Vec::new();
    for entry in rules::RULES.iter() {
        let meta = &entry.meta;
        let configured = config.severity(meta.id);
        let enabled = if request.select.is_empty() {
            configured.map_or(meta.enabled, |severity| severity != Severity::Off)
        } else {
            request
                .select
                .iter()
                .any(|selector| rules::selects(selector, meta))
                && configured != Some(Severity::Off)
        };
        if !enabled
            || request
                .ignore
                .iter()
                .any(|selector| rules::selects(selector, meta))
        {
            continue;
        }
        let rule = (entry.build)(&config.rule_options(meta.id)).map_err(|message| {
            config_error(
                config.rules.get(meta.id).map(|table| table.span()),
                format!("[rules.{}]: {message}", meta.id),
            )
        })?;
        active.push(ActiveRule {
            id: meta.id,
            rule,
            severity: configured.unwrap_or(meta.severity),
        });
    }
    Ok(active)
}

/// `[per-file-ignores]`: rules switched off for files matching a glob.
struct PerFileIgnores {
    globs: GlobSet,
    rules: Vec<Vec<String>>,
}

impl PerFileIgnores {
    fn new(config: &Config) -> Result<Self, LintError> {
        let mut builder = GlobSetBuilder::new();
        let mut rules = Vec::new();
        for (glob, ignored) in &config.per_file_ignores {
            let glob = Glob::new(glob).map_err(|err| {
                LintError::Usage(format!("per-file-ignores: invalid glob `{glob}`: {err}"))
            })?;
            builder.add(glob);
            rules.push(ignored.clone());
        }
        let globs = builder
            .build()
            .map_err(|err| LintError::Usage(err.to_string()))?;
        Ok(Self { globs, rules })
    }

    fn ignores(&self, path: &str, rule: &str) -> bool {
        self.globs.matches(path).into_iter().any(|index| {
            self.rules[index].iter().any(|ignored| {
                rules::find(rule).is_some_and(|entry| rules::selects(ignored, &entry.meta))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_beyond_the_cap_are_summed_up_where_they_start() {
        let finding = |path: &str, rule: &'static str, at: usize| {
            let mut diagnostic = Diagnostic::new(path, at..at + 1, "x").with_rule(rule);
            diagnostic.severity = Severity::Warning;
            diagnostic
        };
        let over = MAX_FINDINGS_PER_RULE_AND_FILE + 2;
        let mut diagnostics: Vec<Diagnostic> = (0..over)
            .flat_map(|at| [finding("a.md", "one", at), finding("a.md", "two", at)])
            .collect();
        diagnostics.push(finding("a.md", "three", 0));
        diagnostics.extend((0..over).map(|at| finding("b.md", "one", at)));
        let capped = cap_findings(diagnostics);
        let of = |path: &str, rule: &str| {
            capped
                .iter()
                .filter(|diagnostic| diagnostic.location.path == path && diagnostic.rule == rule)
                .collect::<Vec<_>>()
        };
        for (path, rule) in [("a.md", "one"), ("a.md", "two"), ("b.md", "one")] {
            let kept = of(path, rule);
            assert_eq!(kept.len(), MAX_FINDINGS_PER_RULE_AND_FILE + 1);
            let summary = kept[MAX_FINDINGS_PER_RULE_AND_FILE];
            assert_eq!(
                summary.message,
                format!(
                    "2 more `{rule}` findings in this file are not reported, from here on \
                     (at most {MAX_FINDINGS_PER_RULE_AND_FILE} per rule and file)"
                )
            );
            assert_eq!(
                summary.location.span,
                MAX_FINDINGS_PER_RULE_AND_FILE..MAX_FINDINGS_PER_RULE_AND_FILE + 1
            );
            assert_eq!(summary.severity, Severity::Warning);
        }
        assert_eq!(of("a.md", "three").len(), 1);
    }
}
