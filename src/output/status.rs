//! `l10nlint status`: the translation status of each locale, for people (`human`), programs
//! (`json`), a GitHub job summary or pull-request comment (`markdown`) and a self-contained
//! page with a bar chart per locale (`html`, inline SVG, no script).

use crate::drift::status::{LocaleStatus, PageStatus, State, Status, Totals};
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFormat {
    Human,
    Json,
    Markdown,
    Html,
}

/// Pages listed per locale in Markdown: a job summary holds at most 1 MiB, a comment 64 KiB.
const MARKDOWN_ROWS: usize = 25;

pub fn write(status: &Status, format: StatusFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        StatusFormat::Human => human(status, out),
        StatusFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, status)?;
            writeln!(out)
        }
        StatusFormat::Markdown => markdown(status, out),
        StatusFormat::Html => html(status, out),
    }
}

/// `80 current (66.7%), 30 outdated, 10 missing`.
fn totals_line(totals: &Totals) -> String {
    let mut parts = Vec::new();
    match totals.current_percent {
        Some(percent) => parts.push(format!("{} current ({percent}%)", totals.current)),
        None => parts.push(format!(
            "{} translated ({}%)",
            totals.unknown + totals.current + totals.outdated,
            totals.translated_percent
        )),
    }
    for (count, name) in [
        (totals.outdated, "outdated"),
        (totals.missing, "missing"),
        (totals.orphan, "orphaned"),
    ] {
        if count > 0 {
            parts.push(format!("{count} {name}"));
        }
    }
    parts.join(", ")
}

/// What a page's line says after its state: how far behind, since when, how much changed.
fn detail(page: &PageStatus) -> String {
    match (page.state, &page.outdated) {
        (State::Outdated, Some(outdated)) => {
            let mut text = format!(
                "{} behind",
                crate::drift::plural(outdated.commits_behind, "source commit", "source commits")
            );
            if let Some(since) = &outdated.since {
                text.push_str(&format!(" since {} ({})", since.date, since.commit));
            }
            text.push_str(&format!(
                ", +{} −{} lines",
                outdated.lines_added, outdated.lines_removed
            ));
            if let Some(follows) = &outdated.follows {
                text.push_str(&format!("; follows {} ({})", follows.date, follows.commit));
            }
            if let Some(key) = &outdated.recorded_by {
                text.push_str(&format!(" as `{key}` records"));
            }
            text
        }
        _ => String::new(),
    }
}

fn page_path(page: &PageStatus) -> &str {
    page.translation
        .as_deref()
        .or(page.source.as_deref())
        .unwrap_or("")
}

fn human(status: &Status, out: &mut dyn Write) -> io::Result<()> {
    for locale in &status.locales {
        writeln!(
            out,
            "{}: {}, {}",
            locale.locale,
            crate::drift::plural(locale.totals.pages, "page", "pages"),
            totals_line(&locale.totals)
        )?;
        let pending = |page: &&PageStatus| !matches!(page.state, State::Current | State::Unknown);
        for page in locale.pages.iter().filter(pending) {
            let path = match page.state {
                State::Missing => format!("{} has no translation", page_path(page)),
                _ => page_path(page).to_owned(),
            };
            let detail = detail(page);
            let separator = if detail.is_empty() { "" } else { ": " };
            writeln!(
                out,
                "  {:<9} {path}{separator}{detail}",
                page.state.as_str()
            )?;
        }
        writeln!(out)?;
    }
    if status.locales.is_empty() {
        writeln!(out, "No translations found.")?;
    }
    Ok(())
}

fn markdown(status: &Status, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## Translation status\n")?;
    if let Some(note) = &status.note {
        writeln!(out, "> {note}\n")?;
    }
    let share = if status.history {
        "Current"
    } else {
        "Translated"
    };
    writeln!(
        out,
        "| Locale | Pages | Current | Outdated | Missing | Orphaned | {share} share |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---:|---:|")?;
    for locale in &status.locales {
        let totals = &locale.totals;
        let current = if status.history {
            totals.current.to_string()
        } else {
            "–".to_owned()
        };
        let outdated = if status.history {
            totals.outdated.to_string()
        } else {
            "–".to_owned()
        };
        writeln!(
            out,
            "| `{}` | {} | {current} | {outdated} | {} | {} | {}% |",
            locale.locale,
            totals.pages,
            totals.missing,
            totals.orphan,
            totals.score()
        )?;
    }
    for locale in &status.locales {
        let pending: Vec<&PageStatus> = locale
            .pages
            .iter()
            .filter(|page| !matches!(page.state, State::Current | State::Unknown))
            .collect();
        if pending.is_empty() {
            continue;
        }
        writeln!(
            out,
            "\n<details><summary><code>{}</code>: {}</summary>\n",
            locale.locale,
            html_escape(&totals_line(&locale.totals))
        )?;
        for page in pending.iter().take(MARKDOWN_ROWS) {
            let detail = detail(page);
            let separator = if detail.is_empty() { "" } else { " — " };
            writeln!(
                out,
                "- {} `{}`{separator}{detail}",
                page.state.as_str(),
                page_path(page)
            )?;
        }
        if pending.len() > MARKDOWN_ROWS {
            writeln!(
                out,
                "- … and {} more (`l10nlint status --format json` lists them all)",
                pending.len() - MARKDOWN_ROWS
            )?;
        }
        writeln!(out, "\n</details>")?;
    }
    Ok(())
}

/// The colours of the bar chart, one per state, and their names in the legend.
const SEGMENTS: [(State, &str, &str); 4] = [
    (State::Current, "#2e7d32", "current"),
    (State::Unknown, "#5c7cfa", "translated"),
    (State::Outdated, "#f0a500", "outdated"),
    (State::Missing, "#c62828", "missing"),
];

const BAR_WIDTH: f64 = 400.0;

fn html(status: &Status, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Translation status</title>\n<style>\n\
         body {{ font-family: system-ui, sans-serif; margin: 2em; color: #222; }}\n\
         table {{ border-collapse: collapse; }}\n\
         th, td {{ padding: 0.3em 0.8em; text-align: left; border-bottom: 1px solid #ddd; }}\n\
         td.number {{ text-align: right; }}\n\
         .legend span {{ display: inline-block; width: 0.9em; height: 0.9em; margin: 0 0.3em 0 1em; vertical-align: middle; }}\n\
         details {{ margin: 0.5em 0; }}\n\
         </style>\n</head>\n<body>\n<h1>Translation status</h1>"
    )?;
    if let Some(note) = &status.note {
        writeln!(out, "<p>{}</p>", html_escape(note))?;
    }
    write!(out, "<p class=\"legend\">")?;
    // Current and outdated with history, translated without.
    for (state, colour, name) in SEGMENTS {
        let shown = match state {
            State::Unknown => !status.history,
            State::Current | State::Outdated => status.history,
            _ => true,
        };
        if !shown {
            continue;
        }
        write!(out, "<span style=\"background:{colour}\"></span>{name}")?;
    }
    writeln!(out, "</p>")?;
    writeln!(
        out,
        "<table>\n<tr><th>Locale</th><th>Pages</th><th>Status</th><th>{}</th></tr>",
        if status.history {
            "Current"
        } else {
            "Translated"
        }
    )?;
    for locale in &status.locales {
        writeln!(
            out,
            "<tr><td><code>{}</code></td><td class=\"number\">{}</td><td>{}</td><td class=\"number\">{}%</td></tr>",
            html_escape(&locale.locale),
            locale.totals.pages,
            bar(locale),
            locale.totals.score()
        )?;
    }
    writeln!(out, "</table>")?;
    for locale in &status.locales {
        let pending: Vec<&PageStatus> = locale
            .pages
            .iter()
            .filter(|page| !matches!(page.state, State::Current | State::Unknown))
            .collect();
        if pending.is_empty() {
            continue;
        }
        writeln!(
            out,
            "<details><summary><code>{}</code>: {}</summary>\n<ul>",
            html_escape(&locale.locale),
            html_escape(&totals_line(&locale.totals))
        )?;
        for page in pending {
            let detail = detail(page);
            writeln!(
                out,
                "<li>{} <code>{}</code>{}{}</li>",
                page.state.as_str(),
                html_escape(page_path(page)),
                if detail.is_empty() { "" } else { " — " },
                html_escape(&detail)
            )?;
        }
        writeln!(out, "</ul>\n</details>")?;
    }
    writeln!(out, "</body>\n</html>")
}

/// One locale's stacked bar: a rectangle per state, as wide as its share of the pages.
fn bar(locale: &LocaleStatus) -> String {
    let totals = &locale.totals;
    let total = totals.pages.max(1) as f64;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{BAR_WIDTH}\" height=\"16\" role=\"img\" aria-label=\"{}\">",
        html_escape(&format!("{}: {}", locale.locale, totals_line(totals)))
    );
    svg.push_str(&format!(
        "<rect width=\"{BAR_WIDTH}\" height=\"16\" fill=\"#eeeeee\"/>"
    ));
    let mut x = 0.0;
    for (state, colour, name) in SEGMENTS {
        let count = match state {
            State::Current => totals.current,
            State::Unknown => totals.unknown,
            State::Outdated => totals.outdated,
            State::Missing => totals.missing,
            State::Orphan => 0,
        };
        if count == 0 {
            continue;
        }
        let width = (count as f64 / total * BAR_WIDTH * 10.0).round() / 10.0;
        svg.push_str(&format!(
            "<rect class=\"{name}\" x=\"{x}\" width=\"{width}\" height=\"16\" fill=\"{colour}\"><title>{count} {name}</title></rect>"
        ));
        x = ((x + width) * 10.0).round() / 10.0;
    }
    svg.push_str("</svg>");
    svg
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
