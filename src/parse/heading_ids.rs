//! Heading ids exactly as each renderer generates them, so that `#fragment` links can be
//! checked against the page they point to.
//!
//! Sources of truth:
//! - kramdown with GFM input (Jekyll's default): `generate_gfm_header_id` in
//!   kramdown-parser-gfm `lib/kramdown/parser/gfm.rb`, and its `update_raw_text`, which builds
//!   the text from text, code spans, math, entities, smart quotes and typographic symbols.
//! - plain kramdown: `generate_id` and `basic_generate_id` in kramdown
//!   `lib/kramdown/converter/base.rb`.
//! - GitHub: the `github-slugger` package, which mirrors github.com's anchors.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;

/// Which renderer's algorithm to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeadingIdStyle {
    /// kramdown with `input: GFM`, Jekyll's and GitHub Pages' default.
    KramdownGfm,
    /// kramdown with its own input syntax.
    Kramdown,
    /// github.com's rendering of Markdown files; also Docusaurus and Astro (github-slugger).
    GitHub,
    /// Hugo's Goldmark with `autoHeadingIDType = "github"` (its default).
    Goldmark,
    /// Hugo's Goldmark with `autoHeadingIDType = "github-ascii"`.
    GoldmarkAscii,
    /// Hugo's Goldmark with `autoHeadingIDType = "blackfriday"`.
    Blackfriday,
    /// Python-Markdown's `toc` extension with its default `slugify` (MkDocs).
    PythonMarkdown,
    /// Python-Markdown's `toc` with `pymdownx.slugs.slugify` (Unicode kept, lowercased).
    PymdownxSlugs,
}

impl HeadingIdStyle {
    /// The name used in configuration files.
    pub fn as_str(self) -> &'static str {
        match self {
            HeadingIdStyle::KramdownGfm => "kramdown-gfm",
            HeadingIdStyle::Kramdown => "kramdown",
            HeadingIdStyle::GitHub => "github",
            HeadingIdStyle::Goldmark => "goldmark",
            HeadingIdStyle::GoldmarkAscii => "goldmark-ascii",
            HeadingIdStyle::Blackfriday => "blackfriday",
            HeadingIdStyle::PythonMarkdown => "python-markdown",
            HeadingIdStyle::PymdownxSlugs => "pymdownx-slugs",
        }
    }
}

impl fmt::Display for HeadingIdStyle {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// The error for a heading id style name that is not one of `kramdown-gfm`, `kramdown`, `github`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownHeadingIdStyle(pub String);

impl fmt::Display for UnknownHeadingIdStyle {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "unknown heading id style `{}` (expected kramdown-gfm, kramdown, github, goldmark, goldmark-ascii, blackfriday, python-markdown or pymdownx-slugs)",
            self.0
        )
    }
}

impl std::error::Error for UnknownHeadingIdStyle {}

impl FromStr for HeadingIdStyle {
    type Err = UnknownHeadingIdStyle;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "kramdown-gfm" => Ok(HeadingIdStyle::KramdownGfm),
            "kramdown" => Ok(HeadingIdStyle::Kramdown),
            "github" => Ok(HeadingIdStyle::GitHub),
            "goldmark" => Ok(HeadingIdStyle::Goldmark),
            "goldmark-ascii" => Ok(HeadingIdStyle::GoldmarkAscii),
            "blackfriday" => Ok(HeadingIdStyle::Blackfriday),
            "python-markdown" => Ok(HeadingIdStyle::PythonMarkdown),
            "pymdownx-slugs" => Ok(HeadingIdStyle::PymdownxSlugs),
            _ => Err(UnknownHeadingIdStyle(name.to_owned())),
        }
    }
}

/// Generates the ids of one page's headings in document order, tracking duplicates the way the
/// renderer does.
#[derive(Debug, Clone)]
pub struct HeadingIdGenerator {
    style: HeadingIdStyle,
    prefix: String,
    /// kramdown styles: how often each base id was generated before. GitHub style: every id
    /// handed out so far, mapped to the last suffix number tried for it as a base.
    occurrences: HashMap<String, usize>,
}

impl HeadingIdGenerator {
    /// `prefix` is kramdown's `auto_id_prefix` (empty for GitHub).
    pub fn new(style: HeadingIdStyle, prefix: &str) -> Self {
        Self {
            style,
            prefix: prefix.to_owned(),
            occurrences: HashMap::new(),
        }
    }

    /// The id of the next heading without an explicit id, or `None` when the renderer gives it
    /// no id attribute.
    ///
    /// `text` must be what the renderer builds the id from:
    /// - `KramdownGfm`: the heading's text as kramdown renders it: text of emphasis, links and
    ///   code spans included, images and HTML comments left out, entities decoded, and
    ///   [`typographic`] applied to the text outside code spans (kramdown leaves code alone, so
    ///   this function cannot apply it to the whole string).
    /// - `Kramdown`: the heading's raw source text, markup included.
    /// - `GitHub`: the heading's plain rendered text.
    ///
    /// Headings with an explicit id must not be passed: they do not take part in numbering.
    pub fn next_id(&mut self, text: &str) -> Option<String> {
        let id = match self.style {
            HeadingIdStyle::KramdownGfm => {
                let base = kramdown_gfm_base_id(text);
                self.counted_id(base)
            }
            HeadingIdStyle::Kramdown => {
                let mut base = kramdown_base_id(text);
                if base.is_empty() {
                    base = "section".to_owned();
                }
                self.counted_id(base)
            }
            HeadingIdStyle::GitHub => self.github_unique_id(github_base_id(text)),
            HeadingIdStyle::Goldmark
            | HeadingIdStyle::GoldmarkAscii
            | HeadingIdStyle::Blackfriday => {
                let mut base = goldmark_base_id(text, self.style);
                if base.is_empty() {
                    base = "heading".to_owned();
                }
                self.first_free_id(&base, "-")
            }
            HeadingIdStyle::PythonMarkdown | HeadingIdStyle::PymdownxSlugs => {
                let base = python_markdown_base_id(text, self.style);
                self.python_markdown_unique_id(base)
            }
        };
        let id = format!("{}{id}", self.prefix);
        // kramdown's HTML converter omits an `id` attribute whose value is blank.
        (!id.trim().is_empty()).then_some(id)
    }

    /// kramdown numbers repeats of a base id `-1`, `-2`, … without checking whether such an id
    /// was already generated from another heading, so it can produce duplicates; so do we.
    fn counted_id(&mut self, base: String) -> String {
        match self.occurrences.get_mut(&base) {
            Some(count) => {
                *count += 1;
                format!("{base}-{count}")
            }
            None => {
                self.occurrences.insert(base.clone(), 0);
                base
            }
        }
    }

    /// Goldmark (Hugo) tries `base`, then `base-1`, `base-2`, … against every id handed out.
    fn first_free_id(&mut self, base: &str, separator: &str) -> String {
        let mut id = base.to_owned();
        let mut number = 0;
        while self.occurrences.contains_key(&id) {
            number += 1;
            id = format!("{base}{separator}{number}");
        }
        self.occurrences.insert(id.clone(), 0);
        id
    }

    /// Python-Markdown's `unique`: while the id is taken or empty, a trailing `_N` is
    /// incremented, or `_1` appended.
    fn python_markdown_unique_id(&mut self, base: String) -> String {
        let mut id = base;
        while id.is_empty() || self.occurrences.contains_key(&id) {
            id = match id.rsplit_once('_') {
                Some((stem, number))
                    if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    let next = number.parse::<u64>().unwrap_or(0) + 1;
                    format!("{stem}_{next}")
                }
                _ => format!("{id}_1"),
            };
        }
        self.occurrences.insert(id.clone(), 0);
        id
    }

    /// github-slugger counts up from the base until it finds an id not handed out yet, and
    /// records that id too, so `a`, `a`, `a-1` give `a`, `a-1`, `a-1-1`.
    fn github_unique_id(&mut self, base: String) -> String {
        let mut id = base.clone();
        while self.occurrences.contains_key(&id) {
            let count = self.occurrences.entry(base.clone()).or_insert(0);
            *count += 1;
            id = format!("{base}-{count}");
        }
        self.occurrences.insert(id.clone(), 0);
        id
    }
}

/// kramdown-parser-gfm's `NON_WORD_RE = /[^\p{Word}\- \t]/`. Onigmo's `\p{Word}` follows
/// UTS #18 Annex C (alphabetic, marks, decimal numbers, connector punctuation, join controls),
/// which is exactly what Rust regex's Unicode `\w` is.
static KRAMDOWN_GFM_REMOVED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\w\- \t]").expect("valid regex"));

/// github-slugger removes symbols, punctuation other than `-` and connectors, other numbers,
/// separators other than the space, controls, format and private-use characters; what stays are
/// letters, marks, decimal and letter numbers, connector punctuation, `-` and space.
static GITHUB_REMOVED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}\- ]").expect("valid regex"));

fn kramdown_gfm_base_id(text: &str) -> String {
    // Ruby's `downcase` maps each character on its own (no final-sigma rule), unlike
    // `str::to_lowercase`.
    let lowercase: String = text.chars().flat_map(char::to_lowercase).collect();
    KRAMDOWN_GFM_REMOVED
        .replace_all(&lowercase, "")
        .replace([' ', '\t'], "-")
}

fn kramdown_base_id(text: &str) -> String {
    let from_first_letter = text
        .find(|c: char| c.is_ascii_alphabetic())
        .map_or("", |start| &text[start..]);
    from_first_letter
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .map(|c| {
            if c == ' ' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

fn github_base_id(text: &str) -> String {
    // JavaScript's `toLowerCase`, like `str::to_lowercase`, applies the final-sigma rule.
    GITHUB_REMOVED
        .replace_all(&text.to_lowercase(), "")
        .replace(' ', "-")
}

/// Hugo's `sanitizeAnchorNameWithHook`: `-` and space become `-`; `_`, Unicode letters
/// (marks excluded) and decimal digits are lowercased and kept; the rest is dropped.
/// `github-ascii` first removes accents (NFD without nonspacing marks) and keeps ASCII only;
/// `blackfriday` joins runs of letters and numbers with single dashes.
fn goldmark_base_id(text: &str, style: HeadingIdStyle) -> String {
    if style == HeadingIdStyle::Blackfriday {
        let mut id = String::new();
        let mut dash = false;
        for c in text.chars() {
            if c.is_alphabetic() && !is_mark(c) || c.is_numeric() {
                if dash && !id.is_empty() {
                    id.push('-');
                }
                dash = false;
                id.extend(c.to_lowercase());
            } else {
                dash = true;
            }
        }
        return id;
    }
    let ascii_only = style == HeadingIdStyle::GoldmarkAscii;
    let decomposed;
    let text = if ascii_only {
        decomposed = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd().normalize(text);
        decomposed.as_ref()
    } else {
        text
    };
    let mut id = String::new();
    for c in text.chars() {
        if ascii_only && !c.is_ascii() {
            continue;
        }
        if c == '-' || c == ' ' {
            id.push('-');
        } else if c == '_' || (c.is_alphabetic() && !is_mark(c)) || is_decimal_digit(c) {
            id.extend(c.to_lowercase());
        }
    }
    id
}

/// Nonspacing, spacing and enclosing marks, which Rust counts as alphabetic when they are
/// vowel signs but Go's `unicode.IsLetter` does not.
fn is_mark(c: char) -> bool {
    static MARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{M}$").expect("valid regex"));
    MARK.is_match(c.encode_utf8(&mut [0; 4]))
}

fn is_decimal_digit(c: char) -> bool {
    static DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{Nd}$").expect("valid regex"));
    DIGIT.is_match(c.encode_utf8(&mut [0; 4]))
}

/// Python-Markdown's `toc.slugify`: NFKD, non-ASCII dropped, `[^\w\s-]` removed, trimmed,
/// lowercased, runs of `-` and whitespace joined into one `-`. `pymdownx.slugs` keeps
/// Unicode (NFC) instead.
fn python_markdown_base_id(text: &str, style: HeadingIdStyle) -> String {
    static REMOVED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[^\w\s-]").expect("valid regex"));
    static JOINED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[-\s]+").expect("valid regex"));
    let value: String = if style == HeadingIdStyle::PymdownxSlugs {
        icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
            .normalize(text)
            .into_owned()
    } else {
        icu_normalizer::DecomposingNormalizerBorrowed::new_nfkd()
            .normalize(text)
            .chars()
            .filter(char::is_ascii)
            .collect()
    };
    let cleaned = REMOVED.replace_all(&value, "");
    let lowered = cleaned.trim().to_lowercase();
    JOINED.replace_all(&lowered, "-").into_owned()
}

/// kramdown's typographic symbols, in the order its scanner tries them at each position:
/// `---` → —, `--` → –, `...` → …, `\<<` and `\>>` stay literal, `<<` → «, `>>` → ».
///
/// Not for sites with `gfm_quirks: no_auto_typographic`, where kramdown keeps the characters.
/// Smart quotes are not reproduced: kramdown turns `'` and `"` into ‘ ’ “ ”, but every id
/// algorithm deletes both the straight and the curly forms, so ids do not depend on it.
pub fn typographic(text: &str) -> String {
    const REPLACEMENTS: [(&str, &str); 7] = [
        ("---", "\u{2014}"),
        ("--", "\u{2013}"),
        ("...", "\u{2026}"),
        ("\\<<", "<<"),
        ("\\>>", ">>"),
        ("<<", "\u{ab}"),
        (">>", "\u{bb}"),
    ];
    let mut result = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while let Some(first) = rest.chars().next() {
        for (pattern, replacement) in REPLACEMENTS {
            if let Some(after) = rest.strip_prefix(pattern) {
                result.push_str(replacement);
                rest = after;
                continue 'scan;
            }
        }
        result.push(first);
        rest = &rest[first.len_utf8()..];
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(style: HeadingIdStyle, texts: &[&str]) -> Vec<Option<String>> {
        let mut generator = HeadingIdGenerator::new(style, "");
        texts.iter().map(|text| generator.next_id(text)).collect()
    }

    fn some(id: &str) -> Option<String> {
        Some(id.to_owned())
    }

    #[test]
    fn style_names_round_trip() {
        for style in [
            HeadingIdStyle::KramdownGfm,
            HeadingIdStyle::Kramdown,
            HeadingIdStyle::GitHub,
        ] {
            assert_eq!(style.to_string().parse::<HeadingIdStyle>(), Ok(style));
        }
        assert!("gfm".parse::<HeadingIdStyle>().is_err());
    }

    /// kramdown's `test/testcases_gfm/header_ids.text` / `.html` (the `{#myid}` heading has an
    /// explicit id and is not passed), and kramdown-parser-gfm's `header_ids.html` for the
    /// smart-quote and non-breaking-space cases.
    #[test]
    fn kramdown_gfm_golden() {
        let texts = [
            "variable_name",
            "abc def öúß",
            "192 abc 192",
            ";.;;",
            "variable_name",
            "variable_name",
            ";;",
            "before \tafter tab",
            "with code",
            "with \u{a0}ä\u{a0}space",
            "With \u{201c}smart\u{201d} quotes",
        ];
        assert_eq!(
            ids(HeadingIdStyle::KramdownGfm, &texts),
            [
                some("variable_name"),
                some("abc-def-öúß"),
                some("192-abc-192"),
                None,
                some("variable_name-1"),
                some("variable_name-2"),
                some("-1"),
                some("before--after-tab"),
                some("with-code"),
                some("with-äspace"),
                some("with-smart-quotes"),
            ]
        );
    }

    #[test]
    fn kramdown_gfm_typographic_symbols() {
        // kramdown-parser-gfm: "with --- << typographic >> ... symbols".
        let text = typographic("with --- <<typographic>> ... symbols");
        assert_eq!(text, "with — «typographic» … symbols");
        assert_eq!(
            ids(HeadingIdStyle::KramdownGfm, &[&text]),
            [some("with--typographic--symbols")]
        );
        assert_eq!(
            ids(
                HeadingIdStyle::KramdownGfm,
                &[&typographic("Why -- and how?")]
            ),
            [some("why--and-how")]
        );
        // Without the typographic step the dashes would survive.
        assert_eq!(
            ids(HeadingIdStyle::KramdownGfm, &["Why -- and how?"]),
            [some("why----and-how")]
        );
    }

    #[test]
    fn typographic_scans_left_to_right() {
        assert_eq!(typographic("a----b"), "a—-b");
        assert_eq!(typographic("a-----b"), "a—–b");
        assert_eq!(typographic(r"\<< x \>>"), "<< x >>");
        assert_eq!(typographic("wait.... no"), "wait…. no");
        assert_eq!(typographic("Über"), "Über");
    }

    #[test]
    fn kramdown_gfm_cases() {
        assert_eq!(
            ids(
                HeadingIdStyle::KramdownGfm,
                &[
                    "C++ & Rust",
                    "Über uns",
                    "日本語の見出し",
                    "🚀 Launch",
                    "a  b",
                    "1. Intro",
                    " padded ",
                    "\u{26a0}\u{fe0f} Warning",
                    "1\u{fe0f}\u{20e3} Step",
                    "ΣΑΣ",
                ]
            ),
            [
                some("c--rust"),
                some("über-uns"),
                some("日本語の見出し"),
                some("-launch"),
                some("a--b"),
                some("1-intro"),
                some("-padded-"),
                // The emoji goes but its variation selector (a mark) and keycap stay.
                some("\u{fe0f}-warning"),
                some("1\u{fe0f}\u{20e3}-step"),
                some("σασ"),
            ]
        );
    }

    #[test]
    fn kramdown_gfm_does_not_avoid_collisions_and_uses_prefix() {
        let mut generator = HeadingIdGenerator::new(HeadingIdStyle::KramdownGfm, "p-");
        assert_eq!(generator.next_id("a"), some("p-a"));
        assert_eq!(generator.next_id("a"), some("p-a-1"));
        assert_eq!(generator.next_id("a-1"), some("p-a-1"));
        // With a prefix, an empty heading gets the bare prefix.
        assert_eq!(generator.next_id("!"), some("p-"));
    }

    /// kramdown's `basic_generate_id`: leading non-letters go, only ASCII letters, digits,
    /// spaces and hyphens stay.
    #[test]
    fn kramdown_plain() {
        assert_eq!(
            ids(
                HeadingIdStyle::Kramdown,
                &[
                    "1. Intro",
                    "Why -- and how?",
                    "C++ & Rust",
                    "Über uns",
                    "日本語の見出し",
                    "日本語の見出し",
                    "**Bold** `code`",
                    "a  b",
                    "Intro",
                    "tab\there",
                ]
            ),
            [
                some("intro"),
                some("why----and-how"),
                some("c--rust"),
                some("ber-uns"),
                some("section"),
                some("section-1"),
                some("bold-code"),
                some("a--b"),
                some("intro-1"),
                some("tabhere"),
            ]
        );
    }

    /// github-slugger's README examples and its collision avoidance.
    #[test]
    fn github() {
        assert_eq!(
            ids(
                HeadingIdStyle::GitHub,
                &[
                    "foo",
                    "foo",
                    "bar",
                    "foo",
                    "Привет non-latin 你好",
                    "😄 emoji",
                    "C++ & Rust",
                    "Über uns",
                    "Why -- and how?",
                    "snake_case x²",
                    "tab\there",
                ]
            ),
            [
                some("foo"),
                some("foo-1"),
                some("bar"),
                some("foo-2"),
                some("привет-non-latin-你好"),
                some("-emoji"),
                some("c--rust"),
                some("über-uns"),
                some("why----and-how"),
                some("snake_case-x"),
                some("tabhere"),
            ]
        );
        assert_eq!(
            ids(HeadingIdStyle::GitHub, &["a", "a", "a-1"]),
            [some("a"), some("a-1"), some("a-1-1")]
        );
        assert_eq!(ids(HeadingIdStyle::GitHub, &["?", "!"]), [None, some("-1")]);
    }
}
