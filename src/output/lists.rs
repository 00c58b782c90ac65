//! `l10nlint lists`: each list of links of the source pages, and per kind of drift the
//! locales whose translation shows it, so that a maintainer sees at a glance that `de`, `fr`
//! and `it` lack `tarpit.fun`.

use crate::align::link_lists::{Finding, ListReport};
use crate::files::Sources;
use crate::site::Page;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// How one translation differs from the source list, ranked in the order lines are shown.
fn drift(finding: &Finding) -> (u8, String) {
    match finding {
        Finding::Missing {
            entry,
            merged_into: None,
            ..
        } => (0, format!("missing `{}`", entry.label)),
        Finding::Missing {
            entry,
            merged_into: Some((holder, _)),
            ..
        } => (
            1,
            format!(
                "`{}` merged into the item of `{}`",
                entry.label, holder.label
            ),
        ),
        Finding::Unlinked { entry, .. } => (
            1,
            format!("`{}` no longer linked from its item", entry.label),
        ),
        Finding::Extra { entry } => (2, format!("extra `{}`", entry.label)),
        Finding::Typo {
            source,
            translation,
        } => (
            3,
            format!("`{}` instead of `{}`", translation.host, source.host),
        ),
        Finding::Moved { translation, .. } => (4, format!("`{}` out of order", translation.label)),
    }
}

/// Writes the view; returns whether a list is out of step in a way `lint` reports.
pub fn write(
    reports: &[ListReport],
    unmatched_declarations: &[(Page, String)],
    sources: &mut Sources,
    path_prefix: &str,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let mut out_of_step_lists = 0;
    for (page, selectors) in unmatched_declarations {
        writeln!(
            out,
            "{path_prefix}{}: no list matches the `[[lists]]` declaration `{selectors}`\n",
            page.path()
        )?;
    }
    for report in reports {
        let list = &report.list;
        let position = sources
            .get(report.source.path())
            .map(|text| text.position(list.list.span.start));
        let (line, column) = position.map_or((1, 1), |at| (at.line, at.column));
        let section = list
            .list
            .section
            .as_ref()
            .map(|id| format!(" under `#{id}`"))
            .unwrap_or_default();
        writeln!(
            out,
            "{path_prefix}{}:{line}:{column}: {}{section}, {}, order {}",
            report.source.path(),
            match list.list.entries.len() {
                1 => "1 entry".to_owned(),
                count => format!("{count} entries"),
            },
            if list.declared.is_some() {
                "declared"
            } else {
                "detected"
            },
            if list.order_matters {
                "checked"
            } else {
                "free"
            },
        )?;
        let mut drifts: BTreeMap<(u8, String), Vec<&str>> = BTreeMap::new();
        let mut in_step = Vec::new();
        let mut reported = false;
        for (page, comparison) in &report.translations {
            let locale = page.file.locale.as_deref().unwrap_or(page.path());
            reported |= !comparison.findings.is_empty()
                || (comparison.translation.is_none() && list.declared.is_some());
            if comparison.translation.is_none() {
                let what = if list.declared.is_some() {
                    "list not found"
                } else {
                    "no counterpart found (not reported: the list is not declared)"
                };
                drifts.entry((5, what.to_owned())).or_default().push(locale);
            } else if comparison.findings.is_empty() {
                in_step.push(locale);
            }
            for finding in &comparison.findings {
                let locales = drifts.entry(drift(finding)).or_default();
                if locales.last() != Some(&locale) {
                    locales.push(locale);
                }
            }
        }
        if reported {
            out_of_step_lists += 1;
        }
        for ((_, what), locales) in &drifts {
            writeln!(out, "  {what}: {}", locales.join(", "))?;
        }
        match (in_step.len(), report.translations.len()) {
            (_, 0) => writeln!(out, "  no translations")?,
            (all, total) if all == total => writeln!(out, "  in step in all {total} translations")?,
            (0, _) => {}
            _ => writeln!(out, "  in step: {}", in_step.join(", "))?,
        }
        writeln!(out)?;
    }
    let lists = match reports.len() {
        1 => "1 list of links".to_owned(),
        count => format!("{count} lists of links"),
    };
    writeln!(
        out,
        "{lists} compared with their translations: {out_of_step_lists} out of step."
    )?;
    Ok(out_of_step_lists > 0 || !unmatched_declarations.is_empty())
}
