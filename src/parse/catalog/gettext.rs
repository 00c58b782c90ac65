//! GNU gettext `.po` / `.pot` files, read line by line with the span of every string.
//!
//! `polib` (the maintained Rust crate) reads files into messages without positions and
//! reports errors without a line, so this small reader keeps what the rules need: spans of
//! each `msgid` and `msgstr`, flags (`fuzzy`, `c-format`, …), plural forms and the
//! `Plural-Forms` header.

use crate::model::catalog::{
    Catalog, CatalogEntry, CatalogError, CatalogFormat, Dialect, PluralForm, PluralForms,
    SourceText, ValueKind,
};
use crate::source::Span;

pub fn parse(text: &str) -> Catalog {
    let mut catalog = Catalog::new(CatalogFormat::Gettext, Dialect::Gettext);
    catalog.is_empty = text.trim().is_empty();
    let mut reader = Reader::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if let Err(error) = reader.line(text, content, start) {
            catalog.error = Some(error);
            break;
        }
    }
    if catalog.error.is_none() {
        reader.finish();
    }
    for entry in reader.entries {
        entry.into_catalog(text, &mut catalog);
    }
    catalog
}

/// One string of a keyword: its unescaped text and where it is written (first `"` to last).
#[derive(Debug, Default, Clone)]
struct PoString {
    text: String,
    span: Option<Span>,
    /// Whether it is one quoted piece without escapes, so offsets carry over.
    verbatim: bool,
}

impl PoString {
    fn push(&mut self, piece: &str, span: Span) {
        self.verbatim = self.span.is_none() && !piece.contains('\\');
        self.span = Some(match &self.span {
            Some(first) => first.start..span.end,
            None => span,
        });
    }
}

#[derive(Debug, Default)]
struct PoEntry {
    flags: Vec<String>,
    context: Option<PoString>,
    id: Option<PoString>,
    id_plural: Option<PoString>,
    /// `msgstr` (index 0) or `msgstr[n]`, with the keyword's span.
    strings: Vec<(usize, Span, PoString)>,
    plural_syntax: bool,
}

#[derive(Default)]
struct Reader {
    entries: Vec<PoEntry>,
    current: PoEntry,
    /// Which string continuation lines append to.
    field: Field,
}

#[derive(Default, Clone, Copy, PartialEq)]
enum Field {
    #[default]
    None,
    Context,
    Id,
    IdPlural,
    Str,
}

impl Reader {
    fn finish(&mut self) {
        let entry = std::mem::take(&mut self.current);
        if entry.id.is_some() {
            self.entries.push(entry);
        }
        self.field = Field::None;
    }

    fn line(&mut self, text: &str, line: &str, start: usize) -> Result<(), CatalogError> {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let at = start + indent;
        if trimmed.is_empty() {
            self.finish();
            return Ok(());
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            // Obsolete entries (`#~`) are kept by msgmerge for reuse but never used.
            if !self.current.strings.is_empty() {
                self.finish();
            }
            if let Some(flags) = comment.strip_prefix(',') {
                self.current.flags.extend(
                    flags
                        .split(',')
                        .map(str::trim)
                        .filter(|flag| !flag.is_empty())
                        .map(str::to_owned),
                );
            }
            return Ok(());
        }
        if trimmed.starts_with('"') {
            let (piece, span) = quoted(text, trimmed, at)?;
            let string = match self.field {
                Field::Context => self.current.context.as_mut(),
                Field::Id => self.current.id.as_mut(),
                Field::IdPlural => self.current.id_plural.as_mut(),
                Field::Str => self.current.strings.last_mut().map(|(_, _, string)| string),
                Field::None => None,
            };
            let Some(string) = string else {
                return Err(error_at(text, at, "a string continues no keyword"));
            };
            string.text.push_str(&piece);
            string.push(&text[span.clone()], span);
            return Ok(());
        }
        let keyword_end = trimmed.find([' ', '\t', '"']).unwrap_or(trimmed.len());
        let keyword = &trimmed[..keyword_end];
        let rest = trimmed[keyword_end..].trim_start();
        let rest_at = at + (trimmed.len() - rest.len());
        if !rest.starts_with('"') {
            return Err(error_at(
                text,
                rest_at,
                &format!("expected a quoted string after `{keyword}`"),
            ));
        }
        let (piece, span) = quoted(text, rest, rest_at)?;
        let mut string = PoString {
            text: piece,
            ..PoString::default()
        };
        string.push(&text[span.clone()], span);
        match keyword {
            "msgctxt" => {
                if !self.current.strings.is_empty() {
                    self.finish();
                }
                self.current.context = Some(string);
                self.field = Field::Context;
            }
            "msgid" => {
                if !self.current.strings.is_empty() || self.current.id.is_some() {
                    self.finish();
                }
                self.current.id = Some(string);
                self.field = Field::Id;
            }
            "msgid_plural" => {
                if self.current.id.is_none() {
                    return Err(error_at(
                        text,
                        at,
                        "`msgid_plural` without a `msgid` before it",
                    ));
                }
                self.current.id_plural = Some(string);
                self.field = Field::IdPlural;
            }
            "msgstr" => {
                if self.current.id.is_none() {
                    return Err(error_at(text, at, "`msgstr` without a `msgid` before it"));
                }
                if self.current.id_plural.is_some() {
                    return Err(error_at(
                        text,
                        at,
                        "a plural entry needs `msgstr[0]`, `msgstr[1]`, …",
                    ));
                }
                self.current
                    .strings
                    .push((0, at..at + keyword.len(), string));
                self.field = Field::Str;
            }
            _ => {
                let index = keyword
                    .strip_prefix("msgstr[")
                    .and_then(|rest| rest.strip_suffix(']'))
                    .and_then(|index| index.parse::<usize>().ok());
                let Some(index) = index else {
                    return Err(error_at(text, at, &format!("unknown keyword `{keyword}`")));
                };
                if self.current.id_plural.is_none() {
                    return Err(error_at(
                        text,
                        at,
                        "`msgstr[n]` in an entry without `msgid_plural`",
                    ));
                }
                self.current.plural_syntax = true;
                self.current
                    .strings
                    .push((index, at..at + keyword.len(), string));
                self.field = Field::Str;
            }
        }
        Ok(())
    }
}

/// A quoted string at the start of `rest` (which starts at byte `at`), unescaped.
fn quoted(text: &str, rest: &str, at: usize) -> Result<(String, Span), CatalogError> {
    let mut value = String::new();
    let mut chars = rest.char_indices().skip(1);
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => {
                let after = rest[index + 1..].trim();
                if !after.is_empty() {
                    return Err(error_at(
                        text,
                        at + index
                            + 1
                            + (rest[index + 1..].len() - rest[index + 1..].trim_start().len()),
                        "unexpected text after the closing quote",
                    ));
                }
                return Ok((value, at..at + index + 1));
            }
            '\\' => {
                let Some((escape_at, escape)) = chars.next() else {
                    break;
                };
                match escape {
                    'n' => value.push('\n'),
                    't' => value.push('\t'),
                    'r' => value.push('\r'),
                    'a' => value.push('\u{7}'),
                    'b' => value.push('\u{8}'),
                    'f' => value.push('\u{c}'),
                    'v' => value.push('\u{b}'),
                    '"' | '\\' | '\'' | '?' => value.push(escape),
                    _ => {
                        return Err(error_at(
                            text,
                            at + escape_at - 1,
                            &format!("unknown escape `\\{escape}`"),
                        ));
                    }
                }
            }
            _ => value.push(c),
        }
    }
    Err(error_at(text, at, "the string is never closed with `\"`"))
}

fn error_at(text: &str, offset: usize, message: &str) -> CatalogError {
    let end = text[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8());
    CatalogError {
        span: offset..end,
        message: message.to_owned(),
    }
}

impl PoEntry {
    fn into_catalog(self, text: &str, catalog: &mut Catalog) {
        let Some(id) = self.id else {
            return;
        };
        let id_span = id.span.clone().unwrap_or(0..0);
        if id.text.is_empty() && self.context.is_none() {
            let header = self.strings.first().map(|(_, _, string)| string);
            catalog.plural_forms = header.and_then(|header| plural_forms(text, header));
            return;
        }
        let path = match &self.context {
            Some(context) => format!("{}\u{4}{}", context.text, id.text),
            None => id.text.clone(),
        };
        let all: Vec<String> = std::iter::once(id.text.clone())
            .chain(self.id_plural.iter().map(|plural| plural.text.clone()))
            .collect();
        for (index, keyword_span, string) in self.strings {
            let value_span = string.span.clone().unwrap_or(keyword_span);
            let source = if index > 0 {
                self.id_plural.as_ref().unwrap_or(&id)
            } else {
                &id
            };
            let entry_path = if self.plural_syntax {
                format!("{path}[{index}]")
            } else {
                path.clone()
            };
            let kind = if string.text.is_empty() {
                ValueKind::Null
            } else {
                ValueKind::String
            };
            let mut entry =
                CatalogEntry::new(entry_path, id_span.clone(), kind, value_span.clone());
            entry.value_offset = string.verbatim.then_some(value_span.start + 1);
            entry.value = (!string.text.is_empty()).then_some(string.text);
            entry.flags = self.flags.clone();
            entry.source_text = Some(SourceText {
                text: source.text.clone(),
                all: all.clone(),
                span: source.span.clone().unwrap_or(0..0),
            });
            if self.plural_syntax {
                entry.plural = Some(PluralForm {
                    group: path.clone(),
                    category: index.to_string(),
                });
            }
            catalog.entries.push(entry);
        }
    }
}

/// The `Plural-Forms: nplurals=3; plural=…;` line of the header.
fn plural_forms(text: &str, header: &PoString) -> Option<PluralForms> {
    let line = header
        .text
        .lines()
        .find_map(|line| line.trim().strip_prefix("Plural-Forms:"))?;
    let mut count = None;
    let mut expression = String::new();
    for part in line.split(';') {
        let Some((name, value)) = part.split_once('=') else {
            continue;
        };
        match name.trim() {
            "nplurals" => count = value.trim().parse().ok(),
            "plural" => expression = value.trim().to_owned(),
            _ => {}
        }
    }
    let span = header.span.clone().unwrap_or(0..0);
    let written = text.get(span.clone()).unwrap_or_default();
    let span = match written.find("Plural-Forms:") {
        Some(at) => {
            let start = span.start + at;
            let end = written[at..]
                .find(['"', '\\'])
                .map_or(span.end, |end| start + end);
            start..end
        }
        None => span,
    };
    Some(PluralForms {
        count: count?,
        expression,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUSSIAN: &str = r#"# Russian
msgid ""
msgstr ""
"Language: ru\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

#: src/app.c:10
#, c-format
msgid "Hello %s"
msgstr "Привет, %s"

#, fuzzy
msgctxt "menu"
msgid "Open"
msgstr ""
"Открыть"

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d файл"
msgstr[1] "%d файла"
msgstr[2] "%d файлов"

#~ msgid "old"
#~ msgstr "старое"
"#;

    #[test]
    fn entries_flags_plurals_and_header() {
        let catalog = parse(RUSSIAN);
        assert_eq!(catalog.error, None);
        let forms = catalog.plural_forms.as_ref().unwrap();
        assert_eq!(forms.count, 3);
        assert!(forms.expression.starts_with("(n%10==1"));
        assert!(RUSSIAN[forms.span.clone()].starts_with("Plural-Forms: nplurals=3"));
        let summary: Vec<_> = catalog
            .entries
            .iter()
            .map(|entry| (entry.path.as_str(), entry.value.as_deref()))
            .collect();
        assert_eq!(
            summary,
            [
                ("Hello %s", Some("Привет, %s")),
                ("menu\u{4}Open", Some("Открыть")),
                ("%d file[0]", Some("%d файл")),
                ("%d file[1]", Some("%d файла")),
                ("%d file[2]", Some("%d файлов")),
            ]
        );
        let hello = &catalog.entries[0];
        assert!(hello.has_flag("c-format"));
        assert_eq!(&RUSSIAN[hello.span_of(0.."Привет".len())], "Привет");
        assert_eq!(&RUSSIAN[hello.key_span.clone()], "\"Hello %s\"");
        assert!(catalog.entries[1].has_flag("fuzzy"));
        assert_eq!(catalog.entries[1].value_offset, None);
        let few = &catalog.entries[3];
        assert_eq!(few.plural.as_ref().unwrap().category, "1");
        assert_eq!(few.source_text.as_ref().unwrap().text, "%d files");
    }

    #[test]
    fn errors_at_their_line() {
        let text = "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\nmsgstr \"d\"\n";
        let error = parse(text).error.unwrap();
        assert_eq!(error.span.start, text.find("\"c").unwrap());
        let text = "msgid \"a\"\nmsgstr \"b\\q\"\n";
        assert_eq!(parse(text).error.unwrap().message, "unknown escape `\\q`");
        let text = "msgid \"a\"\nmsgtxt \"b\"\n";
        assert!(parse(text).error.unwrap().message.contains("msgtxt"));
    }
}
