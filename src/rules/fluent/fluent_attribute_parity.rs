//! Attributes (`.title`) of a source message that the translation lacks, or adds.

use crate::model::fluent::FluentAttribute;
use crate::rules::prelude::*;
use crate::suggest::{Tolerance, closest};

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FluentAttributeParity)
}

struct FluentAttributeParity;

impl Rule for FluentAttributeParity {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(translation)) = (
            &context.source.document.fluent,
            &context.translation.document.fluent,
        ) else {
            return;
        };
        // Term attributes are locale-specific (`.gender` exists where grammar needs it).
        for entry in translation.entries.iter().filter(|entry| !entry.is_term) {
            let Some(original) = source.find(&entry.id, false) else {
                continue;
            };
            let has = |attributes: &[FluentAttribute], name: &str| {
                attributes.iter().any(|attribute| attribute.name == name)
            };
            let missing: Vec<&FluentAttribute> = original
                .attributes
                .iter()
                .filter(|attribute| !has(&entry.attributes, &attribute.name))
                .collect();
            let mut renamed = Vec::new();
            for attribute in &entry.attributes {
                if has(&original.attributes, &attribute.name) {
                    continue;
                }
                let suggestion = closest(
                    &attribute.name,
                    missing.iter().map(|missing| missing.name.as_str()),
                    Tolerance::Name,
                );
                let mut diagnostic = Diagnostic::new(
                    context.translation.path(),
                    attribute.name_span.clone(),
                    format!(
                        "attribute `.{}` of `{}` is not in the source",
                        attribute.name, entry.id
                    ),
                )
                .label("unknown attribute");
                diagnostic = match suggestion {
                    Some(name) => {
                        renamed.push(name);
                        diagnostic.help(format!(
                            "did you mean `.{name}`? Attribute names are never translated"
                        ))
                    }
                    None => diagnostic.help("remove it: the application never reads it"),
                };
                diagnostics.push(diagnostic.related(
                    context.source.path(),
                    original.id_span.clone(),
                    format!("`{}` defines `{}` here", context.source.path(), entry.id),
                ));
            }
            for attribute in missing {
                if renamed.contains(&attribute.name.as_str()) {
                    continue;
                }
                diagnostics.push(
                    Diagnostic::new(
                        context.translation.path(),
                        entry.id_span.clone(),
                        format!(
                            "message `{}` lacks the attribute `.{}` of the source",
                            entry.id, attribute.name
                        ),
                    )
                    .label(format!("`.{}` is missing", attribute.name))
                    .help(format!(
                        "add `.{} = …` with the translated text",
                        attribute.name
                    ))
                    .related(
                        context.source.path(),
                        attribute.span.clone(),
                        format!("`{}` has `.{}` here", context.source.path(), attribute.name),
                    ),
                );
            }
        }
    }
}
