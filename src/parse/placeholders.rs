//! Placeholders inside translatable strings, exactly as each runtime reads them: the parts a
//! translation must keep as they are. A spelling the runtime would print as text but that is
//! clearly meant as a placeholder (`%{ name }`, `％{name}`) is a near miss.

use crate::model::catalog::Dialect;
use crate::parse::icu;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One placeholder found in a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// What identifies the placeholder across languages: the variable name (`name` for
    /// `%{name}`, `{{name}}`, `{name}`, `%(name)s`), the argument position and conversion for
    /// printf (`1$d` for both `%d` and `%1$d`), `$t(key)` for a nested i18next key.
    pub name: String,
    /// The placeholder as written, e.g. `%{name}` or `{{ user.name }}`.
    pub written: String,
    /// Byte range of `written` within the searched text.
    pub span: Range<usize>,
}

/// A spelling that the runtime prints as it is, although a placeholder was meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    /// The variable it names.
    pub name: String,
    pub written: String,
    pub span: Range<usize>,
    /// The spelling the runtime reads.
    pub meant: String,
}

/// What a string holds for its runtime.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    pub placeholders: Vec<Placeholder>,
    pub near_misses: Vec<NearMiss>,
    /// ICU plural arguments (`{count, plural, one {…} other {…}}`).
    pub plurals: Vec<icu::IcuPlural>,
    /// An ICU message that does not parse.
    pub error: Option<icu::IcuError>,
}

/// The syntax a gettext entry's flags declare (`#, c-format`), if any.
fn gettext_syntax(flags: &[String]) -> Option<Dialect> {
    for flag in flags {
        match flag.as_str() {
            "c-format" | "objc-format" | "sh-format" | "php-format" => return Some(Dialect::Rails),
            "python-format" => return Some(Dialect::Liquid),
            "python-brace-format" => return Some(Dialect::Brace),
            _ => {}
        }
    }
    None
}

/// Reads `text` as `dialect` reads it. `flags` are a gettext entry's flags (empty elsewhere).
pub fn scan(text: &str, dialect: Dialect, flags: &[String]) -> Scan {
    match dialect {
        Dialect::Rails => scan_rails(text),
        Dialect::I18next => scan_i18next(text),
        Dialect::Icu => scan_icu(text),
        Dialect::GoTemplate => simple(text, &GO_TEMPLATE, |captures| {
            captures.name("go").map(|name| name.as_str().to_owned())
        }),
        Dialect::Chrome => scan_chrome(text),
        Dialect::Brace => simple(text, &BRACE, |captures| {
            captures.name("name").map(|name| name.as_str().to_owned())
        }),
        Dialect::Liquid => scan_liquid(text),
        Dialect::Gettext => match gettext_syntax(flags) {
            Some(Dialect::Rails) => Scan {
                placeholders: printf(text, false),
                ..Scan::default()
            },
            Some(Dialect::Liquid) => Scan {
                placeholders: printf(text, true),
                ..Scan::default()
            },
            Some(Dialect::Brace) => simple(text, &PYTHON_BRACE, |captures| {
                captures.name("name").map(|name| name.as_str().to_owned())
            }),
            _ => Scan::default(),
        },
    }
}

/// The placeholders only, for callers that need nothing else.
pub fn placeholders(text: &str, dialect: Dialect, flags: &[String]) -> Vec<Placeholder> {
    scan(text, dialect, flags).placeholders
}

/// Ruby I18n's own pattern: `%%` (skipped), `%{name}` and `%<name>s`; `\w` is ASCII in Ruby.
static RAILS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"%%|%\{(?P<name>[A-Za-z0-9_|]+)\}|%<(?P<formatted>[A-Za-z0-9_]+)>[^\d]*?\d*\.?\d*[bBdiouxXeEfgGcps]")
        .expect("valid pattern")
});

/// Spellings Ruby prints as text: spaces inside the braces, full-width `％` or braces, a
/// space after `%`.
static RAILS_NEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:%\s+|[％﹪])[{｛]\s*(?P<a>[\p{L}\p{N}_]+)\s*[}｝]|%[{｛]\s*(?P<b>[\p{L}\p{N}_]+)\s*[}｝]")
        .expect("valid pattern")
});

fn scan_rails(text: &str) -> Scan {
    let mut scan = Scan::default();
    for captures in RAILS.captures_iter(text) {
        let Some(whole) = captures.get(0) else {
            continue;
        };
        let Some(name) = captures.name("name").or(captures.name("formatted")) else {
            continue;
        };
        scan.placeholders.push(Placeholder {
            name: name.as_str().to_owned(),
            written: whole.as_str().to_owned(),
            span: whole.range(),
        });
    }
    for captures in RAILS_NEAR.captures_iter(text) {
        let Some(whole) = captures.get(0) else {
            continue;
        };
        if scan
            .placeholders
            .iter()
            .any(|found| found.span.start == whole.start())
        {
            continue;
        }
        let Some(name) = captures.name("a").or(captures.name("b")) else {
            continue;
        };
        // `%%{x}` is a literal `%` before `{x}`.
        if text[..whole.start()].ends_with('%') {
            continue;
        }
        scan.near_misses.push(NearMiss {
            name: name.as_str().to_owned(),
            written: whole.as_str().to_owned(),
            span: whole.range(),
            meant: format!("%{{{}}}", name.as_str()),
        });
    }
    scan
}

/// i18next: `{{name}}`, `{{- name}}` (unescaped), `{{name, format}}`, and `$t(key)` nesting.
static I18NEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{-?\s*(?P<name>[^{},\s]+)\s*(?:,[^{}]*)?\}\}|\$t\((?P<nested>[^()]+)\)")
        .expect("valid pattern")
});

/// Full-width braces, which i18next prints as text.
static I18NEXT_NEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[{｛][｛{]\s*(?P<name>[\p{L}\p{N}_.]+)\s*[}｝][｝}]").expect("valid pattern")
});

fn scan_i18next(text: &str) -> Scan {
    let mut scan = Scan::default();
    for captures in I18NEXT.captures_iter(text) {
        let Some(whole) = captures.get(0) else {
            continue;
        };
        let name = match (captures.name("name"), captures.name("nested")) {
            (Some(name), _) => name.as_str().to_owned(),
            (None, Some(key)) => format!("$t({})", key.as_str().trim()),
            (None, None) => continue,
        };
        scan.placeholders.push(Placeholder {
            name,
            written: whole.as_str().to_owned(),
            span: whole.range(),
        });
    }
    for captures in I18NEXT_NEAR.captures_iter(text) {
        let (Some(whole), Some(name)) = (captures.get(0), captures.name("name")) else {
            continue;
        };
        if whole.as_str().starts_with("{{") && whole.as_str().ends_with("}}") {
            continue;
        }
        scan.near_misses.push(NearMiss {
            name: name.as_str().to_owned(),
            written: whole.as_str().to_owned(),
            span: whole.range(),
            meant: format!("{{{{{}}}}}", name.as_str()),
        });
    }
    scan
}

fn scan_icu(text: &str) -> Scan {
    match icu::parse(text) {
        Ok(message) => Scan {
            placeholders: message
                .arguments
                .into_iter()
                .map(|argument| Placeholder {
                    written: text[argument.span.clone()].to_owned(),
                    name: argument.name,
                    span: argument.span,
                })
                .collect(),
            plurals: message.plurals,
            ..Scan::default()
        },
        Err(error) => Scan {
            error: Some(error),
            ..Scan::default()
        },
    }
}

/// Go templates: `{{ .Count }}`, `{{ .Name | upper }}`, `{{ . }}`.
static GO_TEMPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{-?\s*(?P<go>\$?\.[\w.]*)(?:\s*\|[^{}]*|\s[^{}]*)?\s*-?\}\}")
        .expect("valid pattern")
});

/// Docusaurus's `interpolate`: `{name}`.
static BRACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{(?P<name>\w+)\}").expect("valid pattern"));

/// Python's `str.format`: `{}`, `{0}`, `{name}`, `{name!r:>10}`; `{{` is a literal brace.
static PYTHON_BRACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{|\}\}|\{(?P<name>[\w.\[\]]*)(?:![rsa])?(?::[^{}]*)?\}").expect("valid pattern")
});

/// Chrome's `$name$` (named in `placeholders`) and `$1`…`$9`; `$$` is a literal `$`.
static CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\$\$|\$(?P<name>[A-Za-z0-9_@]+)\$|\$(?P<index>[1-9])").expect("valid pattern")
});

fn scan_chrome(text: &str) -> Scan {
    let placeholders = CHROME
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let name = captures.name("name").or(captures.name("index"))?;
            Some(Placeholder {
                // Chrome matches placeholder names without regard to case.
                name: name.as_str().to_ascii_lowercase(),
                written: whole.as_str().to_owned(),
                span: whole.range(),
            })
        })
        .collect();
    Scan {
        placeholders,
        ..Scan::default()
    }
}

fn simple(text: &str, pattern: &Regex, name: impl Fn(&regex::Captures) -> Option<String>) -> Scan {
    let placeholders = pattern
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            Some(Placeholder {
                name: name(&captures)?,
                written: whole.as_str().to_owned(),
                span: whole.range(),
            })
        })
        .collect();
    Scan {
        placeholders,
        ..Scan::default()
    }
}

/// printf directives (`%s`, `%1$d`, `%-5.2f`, `%lu`, `%@`), and with `python` also
/// `%(name)s`. Unnumbered directives are numbered in order, so `%s %d` and `%2$d %1$s` read
/// alike; `%i` is `%d`.
static PRINTF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"%%",
        r"|%(?:(?P<position>[1-9]\d*)\$|\((?P<key>[^()]*)\))?[-+ 0#']*(?:\d+|\*)?(?:\.(?:\d+|\*))?",
        r"(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?(?P<conversion>[diouxXeEfFgGaAcspn@r])",
    ))
    .expect("valid pattern")
});

fn printf(text: &str, python: bool) -> Vec<Placeholder> {
    let mut next = 0;
    PRINTF
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let conversion = captures.name("conversion")?.as_str();
            let conversion = match conversion {
                "i" => "d",
                other => other,
            };
            let name = if let Some(key) = captures.name("key") {
                if !python {
                    return None;
                }
                format!("({}){conversion}", key.as_str())
            } else if let Some(position) = captures.name("position") {
                format!("{}${conversion}", position.as_str())
            } else {
                next += 1;
                format!("{next}${conversion}")
            };
            Some(Placeholder {
                name,
                written: whole.as_str().to_owned(),
                span: whole.range(),
            })
        })
        .collect()
}

/// What Jekyll templates substitute by hand in data strings: `%{name}`, `{{ name }}`,
/// `{name}`. printf directives are not looked for: `%d` in a data string is more often a
/// date format than an argument.
static LIQUID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"%%",
        r"|%\{(?P<ruby>\w[\w.-]*)\}",
        r"|\{\{-?\s*(?P<liquid>\w[\w.\[\]-]*)\s*(?:\|[^{}]*)?-?\}\}",
        r"|\{(?P<brace>\w[\w.-]*)\}",
    ))
    .expect("valid pattern")
});

fn scan_liquid(text: &str) -> Scan {
    simple(text, &LIQUID, |captures| {
        ["ruby", "liquid", "brace"]
            .iter()
            .find_map(|group| captures.name(group))
            .map(|name| name.as_str().to_owned())
    })
}

/// Whether a string is a `strftime` date format (`%-d.%-m.%Y`, `%H:%M`, `%B %Y`): every `%`
/// starts a date directive and there are at least two of them.
pub fn is_date_format(text: &str) -> bool {
    static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"%[-_0^#]?(?P<letter>[aAbBcCdDeFgGhHIjklLmMnNpPrRSTuUVwWxXyYzZ])")
            .expect("valid pattern")
    });
    // Letters that printf has no use for: with one of them the string is a date format.
    const DATE_ONLY: &str = "aAbBCDeFgGhHIjklLmMNpPrRSTUVwWyYzZ";
    let text = text.replace("%%", "");
    let mut directives = 0;
    let mut date_only = false;
    for captures in DIRECTIVE.captures_iter(&text) {
        directives += 1;
        date_only |= captures
            .name("letter")
            .is_some_and(|letter| DATE_ONLY.contains(letter.as_str()));
    }
    directives >= 2 && date_only && directives == text.matches('%').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, dialect: Dialect) -> Vec<(String, String)> {
        scan_with(text, dialect, &[])
    }

    fn scan_with(text: &str, dialect: Dialect, flags: &[&str]) -> Vec<(String, String)> {
        let flags: Vec<String> = flags.iter().map(|flag| flag.to_string()).collect();
        placeholders(text, dialect, &flags)
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

    fn near(text: &str, dialect: Dialect) -> Vec<(String, String)> {
        scan(text, dialect, &[])
            .near_misses
            .into_iter()
            .map(|miss| {
                assert_eq!(&text[miss.span.clone()], miss.written);
                (miss.written, miss.meant)
            })
            .collect()
    }

    #[test]
    fn rails_reads_only_its_own_spellings() {
        assert_eq!(
            found(
                "Hi %{name}, %<count>d new, 100%% {name} {{name}} %s",
                Dialect::Rails
            ),
            [pair("name", "%{name}"), pair("count", "%<count>d")]
        );
        // Ruby's `\w` is ASCII: a translated name is printed as text.
        assert_eq!(found("%{имя}", Dialect::Rails), []);
    }

    #[test]
    fn rails_near_misses() {
        assert_eq!(
            near("%{ name } ％{count} % {x} %{ok} %%{lit}", Dialect::Rails),
            [
                pair("%{ name }", "%{name}"),
                pair("％{count}", "%{count}"),
                pair("% {x}", "%{x}"),
            ]
        );
    }

    #[test]
    fn i18next_interpolation_and_nesting() {
        assert_eq!(
            found(
                "{{name}}, {{- html}}, {{ count, number }}, $t(common:ok), {single}",
                Dialect::I18next
            ),
            [
                pair("name", "{{name}}"),
                pair("html", "{{- html}}"),
                pair("count", "{{ count, number }}"),
                pair("$t(common:ok)", "$t(common:ok)"),
            ]
        );
        assert_eq!(
            near("｛｛name｝｝ and {{ok}}", Dialect::I18next),
            [pair("｛｛name｝｝", "{{name}}")]
        );
    }

    #[test]
    fn icu_arguments_plurals_and_errors() {
        let text = "{count, plural, one {# file in {dir}} other {# files}} for {user}";
        let scan = scan(text, Dialect::Icu, &[]);
        let names: Vec<_> = scan.placeholders.iter().map(|p| p.name.as_str()).collect();
        // The plural argument, then `#` in each form.
        assert_eq!(names, ["count", "count", "dir", "count", "user"]);
        assert_eq!(scan.plurals.len(), 1);
        assert!(scan.error.is_none());
        assert!(
            self::scan("{count, plural, one {x}", Dialect::Icu, &[])
                .error
                .is_some()
        );
    }

    #[test]
    fn go_templates_chrome_and_braces() {
        assert_eq!(
            found(
                "{{ .Count }} of {{.Total | lang.FormatNumber 0}} {{ . }}",
                Dialect::GoTemplate
            ),
            [
                pair(".Count", "{{ .Count }}"),
                pair(".Total", "{{.Total | lang.FormatNumber 0}}"),
                pair(".", "{{ . }}"),
            ]
        );
        assert_eq!(
            found("$USER$ has $1, $$5", Dialect::Chrome),
            [pair("user", "$USER$"), pair("1", "$1")]
        );
        assert_eq!(
            found("{count} items {}", Dialect::Brace),
            [pair("count", "{count}")]
        );
    }

    #[test]
    fn gettext_follows_the_flags() {
        assert_eq!(
            scan_with(
                "%s has %d (%2$d, %1$s), 50%%, %lu",
                Dialect::Gettext,
                &["c-format"]
            ),
            [
                pair("1$s", "%s"),
                pair("2$d", "%d"),
                pair("2$d", "%2$d"),
                pair("1$s", "%1$s"),
                pair("3$u", "%lu"),
            ]
        );
        assert_eq!(
            scan_with("%(name)s and %d", Dialect::Gettext, &["python-format"]),
            [pair("(name)s", "%(name)s"), pair("1$d", "%d")]
        );
        assert_eq!(
            scan_with(
                "{name} {0} {{literal}}",
                Dialect::Gettext,
                &["python-brace-format"]
            ),
            [pair("name", "{name}"), pair("0", "{0}")]
        );
        assert_eq!(scan_with("%s without a flag", Dialect::Gettext, &[]), []);
    }

    #[test]
    fn liquid_data_strings() {
        assert_eq!(
            found("{{ title | upcase }} %{name} {n} %d", Dialect::Liquid),
            [
                pair("title", "{{ title | upcase }}"),
                pair("name", "%{name}"),
                pair("n", "{n}")
            ]
        );
    }

    #[test]
    fn date_formats() {
        for format in ["%-d.%-m.%Y", "%H:%M", "%B %Y", "%d/%m/%y %H:%M", "%e %b"] {
            assert!(is_date_format(format), "{format}");
        }
        for text in ["%s of %d", "100%", "%Y", "50% of %d", "%{count} items"] {
            assert!(!is_date_format(text), "{text}");
        }
    }

    #[test]
    fn spans_are_byte_ranges_in_non_ascii_text() {
        let text = "Привет, %{name}! — ％{n}";
        let scan = scan(text, Dialect::Rails, &[]);
        assert_eq!(&text[scan.placeholders[0].span.clone()], "%{name}");
        assert_eq!(&text[scan.near_misses[0].span.clone()], "％{n}");
    }
}
