//! `[label]: a` and later `[label]: b`: only the first definition counts.

use crate::rules::link_syntax::{is_markdown, is_skipped, normalize_label};
use crate::rules::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

/// A definition line: up to three spaces, `[label]:`, then the target; not a footnote (`[^1]:`).
static DEFINITION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^ {0,3}\[([^\]\n^][^\]\n]*)\]:[ \t]*(\S+)[^\n]*$").expect("valid regex")
});

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, ReferenceDuplicate)
}

struct ReferenceDuplicate;

/// A definition line: its span, label and target.
struct DefinitionLine {
    span: Span,
    label: String,
    target: String,
}

/// Definition lines that can start a block: the first line, or after a blank line or another
/// definition (a definition cannot interrupt a paragraph).
fn definition_lines(text: &str) -> Vec<DefinitionLine> {
    let mut lines = Vec::new();
    let mut previous_end: Option<usize> = None;
    for captures in DEFINITION_LINE.captures_iter(text) {
        let (Some(whole), Some(label), Some(target)) =
            (captures.get(0), captures.get(1), captures.get(2))
        else {
            continue;
        };
        let before = &text[..whole.start()];
        let previous_line = before
            .strip_suffix('\n')
            .map(|rest| rest.rsplit('\n').next().unwrap_or(rest));
        let follows_definition = previous_end.is_some_and(|end| end + 1 == whole.start());
        let starts_block = previous_line.is_none_or(|line| line.trim().is_empty());
        if starts_block || follows_definition {
            lines.push(DefinitionLine {
                span: whole.range(),
                label: label.as_str().to_owned(),
                target: target.as_str().to_owned(),
            });
            previous_end = Some(whole.end());
        }
    }
    lines
}

impl Rule for ReferenceDuplicate {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = &context.page;
        if !is_markdown(page) {
            return;
        }
        let lines: Vec<DefinitionLine> = definition_lines(context.text)
            .into_iter()
            .filter(|line| !is_skipped(page.document, &line.span))
            .collect();
        for (index, line) in lines.iter().enumerate() {
            let label = normalize_label(&line.label);
            let Some(first) = lines[..index]
                .iter()
                .find(|earlier| normalize_label(&earlier.label) == label)
            else {
                continue;
            };
            let same_target = first.target == line.target;
            let mut diagnostic = Diagnostic::new(
                page.path(),
                line.span.clone(),
                if same_target {
                    format!("`[{}]` is defined twice with the same target", line.label)
                } else {
                    format!(
                        "`[{}]` is defined again: links use the first definition, `{}`, not `{}`",
                        line.label, first.target, line.target
                    )
                },
            )
            .label("ignored definition")
            .help(if same_target {
                "remove this repeated definition".to_owned()
            } else {
                "keep one definition with the right target, or give this one its own label"
                    .to_owned()
            })
            .related(
                page.path(),
                first.span.clone(),
                "the definition that counts".to_owned(),
            );
            if same_target {
                let line_end = (line.span.end + 1).min(context.text.len());
                diagnostic = diagnostic.fix(Fix::safe(
                    "remove the repeated definition".to_owned(),
                    vec![Edit {
                        span: line.span.start..line_end,
                        replacement: String::new(),
                    }],
                ));
            }
            diagnostics.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<String> {
        definition_lines(text)
            .into_iter()
            .map(|line| line.label)
            .collect()
    }

    #[test]
    fn definition_blocks() {
        assert_eq!(labels("[a]: /x\n[b]: /y\n\n[c]: /z\n"), ["a", "b", "c"]);
        assert_eq!(labels("Some prose\n[a]: /x\n"), Vec::<String>::new());
        assert_eq!(labels("   [a]: /x"), ["a"]);
        assert_eq!(labels("[^1]: A note.\n[^1]: Again."), Vec::<String>::new());
        assert_eq!(labels("    [a]: /x"), Vec::<String>::new());
    }
}
