//! Consensus across locales: whether a cross-language finding is one translation's own
//! (the other translations agree with the source page: a translator's defect) or shared by
//! most translations of the page (the source changed and the translations lag behind).

use crate::diagnostic::Diagnostic;
use crate::site::Site;
use std::collections::HashMap;

/// Counts, for every finding that names what it compares (`Diagnostic::compared`), how many
/// translations of its source page report the same item the same way, and how many
/// translations the page has: `Compared::shared_by` and `Compared::translations`.
pub fn count(site: &Site, diagnostics: &mut [Diagnostic]) {
    let mut translations: HashMap<usize, usize> = HashMap::new();
    for index in 0..site.documents.len() {
        if let Some(source) = site.corpus.source_of(index) {
            *translations.entry(source).or_default() += 1;
        }
    }
    let source_of = |diagnostic: &Diagnostic| {
        let index = site.corpus.index_of(&diagnostic.location.path)?;
        site.corpus.source_of(index)
    };
    let mut reporting: HashMap<_, Vec<&str>> = HashMap::new();
    for diagnostic in diagnostics.iter() {
        let (Some(compared), Some(source)) = (&diagnostic.compared, source_of(diagnostic)) else {
            continue;
        };
        let key = (
            diagnostic.rule,
            source,
            compared.kind,
            &compared.key,
            compared.presence,
        );
        let pages = reporting.entry(key).or_default();
        if !pages.contains(&diagnostic.location.path.as_str()) {
            pages.push(&diagnostic.location.path);
        }
    }
    let counts: HashMap<_, usize> = reporting
        .into_iter()
        .map(|((rule, source, kind, key, presence), pages)| {
            ((rule, source, kind, key.clone(), presence), pages.len())
        })
        .collect();
    for diagnostic in diagnostics.iter_mut() {
        let Some(source) = source_of(diagnostic) else {
            continue;
        };
        let rule = diagnostic.rule;
        let Some(compared) = &mut diagnostic.compared else {
            continue;
        };
        let key = (
            rule,
            source,
            compared.kind,
            compared.key.clone(),
            compared.presence,
        );
        compared.shared_by = counts.get(&key).copied().unwrap_or(1);
        compared.translations = translations.get(&source).copied().unwrap_or(1);
    }
}
