//! A fingerprint of what a diagnostic flags that survives edits elsewhere in the file: the
//! rule, the flagged text and its line's content, but not the line number.

use crate::diagnostic::Diagnostic;
use crate::source::SourceText;
use sha2::{Digest, Sha256};

/// 16 hex digits naming the diagnostic's rule, flagged text and the content of its first line.
pub(crate) fn fingerprint(diagnostic: &Diagnostic, source: Option<&SourceText>) -> String {
    let span = &diagnostic.location.span;
    let (flagged, line) = source.map_or(("", ""), |source| {
        let text = source.text();
        let flagged = text.get(span.clone()).unwrap_or("");
        let line = source.line_span(source.position(span.start).line);
        (flagged, text[line].trim())
    });
    let mut hasher = Sha256::new();
    for part in [diagnostic.rule, flagged, line] {
        hasher.update(part.as_bytes());
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, flagged: &str) -> String {
        let source = SourceText::new(text.to_owned());
        let start = text.find(flagged).unwrap();
        let diagnostic =
            Diagnostic::new("a.md", start..start + flagged.len(), "m").with_rule("rule");
        fingerprint(&diagnostic, Some(&source))
    }

    #[test]
    fn survives_line_shifts_and_indentation() {
        assert_eq!(at("lang: en\n", "en"), at("---\n\n  lang: en\n", "en"));
        assert_eq!(at("lang: en\n", "en").len(), 16);
    }

    #[test]
    fn changes_with_the_line_or_the_flagged_text() {
        assert_ne!(at("lang: en\n", "en"), at("lang: en # x\n", "en"));
        assert_ne!(at("lang: en\n", "en"), at("lang: en\n", "lang"));
    }

    #[test]
    fn a_missing_source_still_fingerprints_the_rule() {
        let diagnostic = Diagnostic::new("a.md", 3..9, "m").with_rule("rule");
        assert_eq!(fingerprint(&diagnostic, None).len(), 16);
    }
}
