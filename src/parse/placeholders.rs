//! Placeholders inside translatable strings: the parts a translation must keep as they are.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One placeholder found in a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// What identifies the placeholder across languages: the variable name for `%{name}`,
    /// `{{ name }}` (filters removed) and `{name}`; the whole text for printf style (`%s`, `%1$d`).
    pub name: String,
    /// The placeholder as written, e.g. `%{name}` or `{{ user.name | upcase }}`.
    pub written: String,
    /// Byte range of `written` within the searched text.
    pub span: Range<usize>,
}

/// The syntaxes, tried left to right at each position; `%%` is matched only to be skipped, so
/// that `%%s` is not read as `%s`.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"%%",
        r"|%\{\s*(?P<ruby>\w[\w.-]*)\s*\}",
        r"|\{\{-?\s*(?P<liquid>\w[\w.\[\]-]*)\s*(?:\|[^{}]*)?-?\}\}",
        r"|\{(?P<brace>\w[\w.-]*)\}",
        r"|%(?:\d+\$)?[-+0#]*\d*(?:\.\d+)?[sdfiu@]",
    ))
    .expect("the placeholder pattern is valid")
});

/// Finds the placeholders of `text` in order: Ruby/Rails `%{name}`, Liquid/Mustache `{{ name }}`,
/// ICU/Python-style `{name}`, and printf `%s`, `%d`, `%1$s`.
pub fn placeholders(text: &str) -> Vec<Placeholder> {
    PLACEHOLDER
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            if whole.as_str() == "%%" {
                return None;
            }
            let name = ["ruby", "liquid", "brace"]
                .iter()
                .find_map(|group| captures.name(group))
                .map_or(whole.as_str(), |name| name.as_str());
            Some(Placeholder {
                name: name.to_owned(),
                written: whole.as_str().to_owned(),
                span: whole.range(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        placeholders(text)
            .into_iter()
            .map(|placeholder| {
                assert_eq!(&text[placeholder.span.clone()], placeholder.written);
                (placeholder.name, placeholder.written)
            })
            .collect()
    }

    fn pair(name: &str, written: &str) -> (String, String) {
        (name.to_owned(), written.to_owned())
    }

    #[test]
    fn ruby_style() {
        assert_eq!(
            found("Hello %{name}, you have %{ count } messages"),
            [pair("name", "%{name}"), pair("count", "%{ count }")]
        );
    }

    #[test]
    fn liquid_style_with_and_without_spaces_and_filters() {
        assert_eq!(
            found("{{name}} and {{ user.email }} and {{ title | upcase }} and {{- x -}}"),
            [
                pair("name", "{{name}}"),
                pair("user.email", "{{ user.email }}"),
                pair("title", "{{ title | upcase }}"),
                pair("x", "{{- x -}}"),
            ]
        );
    }

    #[test]
    fn single_braces_but_not_inside_double_braces() {
        assert_eq!(
            found("{0} of {total}, {{ page }}"),
            [
                pair("0", "{0}"),
                pair("total", "{total}"),
                pair("page", "{{ page }}")
            ]
        );
        assert_eq!(found("a { spaced } brace and {} empty"), []);
    }

    #[test]
    fn printf_style() {
        assert_eq!(
            found("%s has %d items (%1$s, %2$d, %.2f, %@)"),
            [
                pair("%s", "%s"),
                pair("%d", "%d"),
                pair("%1$s", "%1$s"),
                pair("%2$d", "%2$d"),
                pair("%.2f", "%.2f"),
                pair("%@", "%@"),
            ]
        );
    }

    #[test]
    fn literal_percent_signs_are_not_placeholders() {
        assert_eq!(found("100% sure, 50%% off, %%s"), []);
    }

    #[test]
    fn spans_are_byte_ranges_in_non_ascii_text() {
        // A translated placeholder name is still a placeholder, so a rule can report the rename.
        let text = "Привет, %{имя}! — {n}";
        let found = placeholders(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "имя");
        assert_eq!(&text[found[0].span.clone()], "%{имя}");
        assert_eq!(&text[found[1].span.clone()], "{n}");
    }
}
