//! `$variables` of the source message that the translation drops, misspells or invents.

use crate::model::fluent::{FluentPattern, VariantIndex};
use crate::rules::prelude::*;
use crate::suggest::{Tolerance, closest};
use std::collections::BTreeSet;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FluentVariableParity)
}

struct FluentVariableParity;

impl Rule for FluentVariableParity {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(translation)) = (
            &context.source.document.fluent,
            &context.translation.document.fluent,
        ) else {
            return;
        };
        // Terms take arguments from the messages of their own locale, not from the application.
        for entry in translation.entries.iter().filter(|entry| !entry.is_term) {
            let Some(original) = source.find(&entry.id, false) else {
                continue;
            };
            let mut pairs = Vec::new();
            if let (Some(expected), Some(written)) = (&original.value, &entry.value) {
                pairs.push((entry.id.clone(), expected, written));
            }
            for attribute in &entry.attributes {
                let expected = original
                    .attributes
                    .iter()
                    .find(|candidate| candidate.name == attribute.name);
                if let Some(expected) = expected {
                    let name = format!("{}.{}", entry.id, attribute.name);
                    pairs.push((name, &expected.value, &attribute.value));
                }
            }
            for (name, expected, written) in pairs {
                self.compare(context, &name, expected, written, diagnostics);
            }
        }
    }
}

impl FluentVariableParity {
    fn compare(
        &self,
        context: &TranslationContext,
        name: &str,
        expected: &FluentPattern,
        written: &FluentPattern,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let source_path = context.source.path();
        let path = context.translation.path();
        // A variable the source only selects on (`$gender`, `$count` under `[one] One file`)
        // shapes the grammar of the source language; the translation need not use it.
        let shown: BTreeSet<&str> = expected
            .variables
            .iter()
            .filter(|use_| !use_.as_selector)
            .map(|use_| use_.name.as_str())
            .collect();
        let known = expected.variable_names();
        let used = written.variable_names();
        let unknown: Vec<&str> = used.difference(&known).copied().collect();
        let missing: Vec<&str> = shown.difference(&used).copied().collect();
        let mut renamed = Vec::new();
        for variable in &unknown {
            let first_use = written
                .variables
                .iter()
                .find(|use_| use_.name == *variable)
                .map_or(written.span.clone(), |use_| use_.span.clone());
            let suggestion = closest(variable, missing.iter().copied(), Tolerance::Name)
                .or_else(|| closest(variable, known.iter().copied(), Tolerance::Name));
            let mut diagnostic = Diagnostic::new(
                path,
                first_use,
                format!("`${variable}` in `{name}` is not a variable of the source message"),
            )
            .label("unknown variable");
            diagnostic = match suggestion {
                Some(suggested) => {
                    renamed.push(suggested);
                    diagnostic.help(format!(
                        "did you mean `${suggested}`? Variable names are never translated"
                    ))
                }
                None => diagnostic
                    .help("use only the source's variables: the application passes no other value"),
            };
            diagnostics.push(diagnostic.related(
                source_path,
                expected.span.clone(),
                format!("`{source_path}` has `{name}` here"),
            ));
        }
        for variable in &missing {
            if renamed.contains(variable) {
                continue;
            }
            diagnostics.push(
                Diagnostic::new(
                    path,
                    written.span.clone(),
                    format!("`{name}` never shows `${variable}`, which the source shows"),
                )
                .label(format!("`${variable}` is missing"))
                .help(format!(
                    "add `{{ ${variable} }}` where the sentence needs it"
                ))
                .related(
                    source_path,
                    expected.span.clone(),
                    format!("`{source_path}` has `{name}` here"),
                ),
            );
        }
        let source_branches = expected.variables_by_variant();
        let everywhere: BTreeSet<&str> = shown
            .iter()
            .copied()
            .filter(|variable| {
                used.contains(variable)
                    && source_branches
                        .iter()
                        .all(|branch| branch.variables.contains(*variable))
            })
            .collect();
        self.compare_variants(context, name, expected, written, &everywhere, diagnostics);
    }

    /// Variables the source shows in every variant must be seen in every variant of the
    /// translation too (a selector counts for all the variants of its select expression).
    fn compare_variants(
        &self,
        context: &TranslationContext,
        name: &str,
        expected: &FluentPattern,
        written: &FluentPattern,
        everywhere: &BTreeSet<&str>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let mut reported: Vec<(&str, VariantIndex)> = Vec::new();
        for branch in written.variables_by_variant() {
            let Some(last) = branch.variants.last().copied() else {
                continue;
            };
            for variable in everywhere {
                if branch.variables.contains(*variable) || reported.contains(&(variable, last)) {
                    continue;
                }
                reported.push((variable, last));
                let variant = &written.selects[last.select].variants[last.variant];
                let path: Vec<String> = branch.path.iter().map(|key| format!("[{key}]")).collect();
                diagnostics.push(
                    Diagnostic::new(
                        context.translation.path(),
                        variant.span.clone(),
                        format!(
                            "variant `{}` of `{name}` never shows `${variable}`, which every variant of the source shows",
                            path.join(" ")
                        ),
                    )
                    .label(format!("`${variable}` is missing"))
                    .help(format!("add `{{ ${variable} }}` to this variant"))
                    .related(
                        context.source.path(),
                        expected.span.clone(),
                        format!("`{}` has `{name}` here", context.source.path()),
                    ),
                );
            }
        }
    }
}
