//! A small, tolerant scanner for the tags in raw HTML, with byte spans.
//!
//! It finds start and end tags and their attributes in HTML blocks inside Markdown and in
//! whole `.html` pages, so link and image rules can check `href`, `src`, `srcset`, `poster`,
//! `id` and `name` values and point at them exactly. It does not build a tree, and it does not
//! judge validity: text that is not a tag is passed over.

use std::borrow::Cow;
use std::ops::Range;

use crate::source::Span;

/// A start or end tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag<'a> {
    /// The name as written; compare with [`Tag::is`], HTML names are case-insensitive.
    pub name: &'a str,
    /// From `<` to `>` inclusive.
    pub span: Span,
    pub attributes: Vec<Attribute<'a>>,
    /// `</name>` rather than `<name>`.
    pub is_closing: bool,
}

impl<'a> Tag<'a> {
    /// Whether this tag's name is `name` (ASCII case-insensitive).
    pub(crate) fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// One attribute of a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attribute<'a> {
    /// The name as written.
    pub name: &'a str,
    /// The raw value, without quotes and with entities not decoded; `None` for `<a download>`.
    pub value: Option<&'a str>,
    /// Where the raw value is (inside the quotes), offset like the tag's span.
    pub value_span: Option<Span>,
}

/// The tags of `html` in order; spans are `base_offset` plus the position in `html`.
///
/// Comments, `<!DOCTYPE>`/`<![CDATA[`/`<?…>` declarations and the contents of `<script>` and
/// `<style>` are skipped. A `<` not followed by a CommonMark tag name (a letter, then letters,
/// digits and `-`) and whitespace, `/` or `>` is text. An unterminated tag, comment or quoted
/// value ends the scan: what follows cannot be told apart from its contents.
pub(crate) fn tags(html: &str, base_offset: usize) -> impl Iterator<Item = Tag<'_>> {
    TagScanner {
        html,
        base_offset,
        position: 0,
    }
}

struct TagScanner<'a> {
    html: &'a str,
    base_offset: usize,
    position: usize,
}

impl<'a> Iterator for TagScanner<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        let bytes = self.html.as_bytes();
        loop {
            let start = self.position + self.html[self.position..].find('<')?;
            let after = &self.html[start..];
            if after.starts_with("<!--") {
                self.position = start + 4 + self.find_from(start + 4, "-->")? + 3;
            } else if after.starts_with("<!") || after.starts_with("<?") {
                self.position = start + self.find_from(start, ">")? + 1;
            } else {
                let is_closing = after.starts_with("</");
                let name_start = start + if is_closing { 2 } else { 1 };
                if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
                    self.position = start + 1;
                    continue;
                }
                // CommonMark's tag names: a letter, then letters, digits and `-`. This keeps
                // autolinks such as `<https://x.org>` and `<me@x.org>` from being read as tags.
                let name_end = name_start
                    + self.html[name_start..]
                        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                        .unwrap_or(self.html.len() - name_start);
                if !self.html[name_end..].starts_with(ends_name) && name_end < self.html.len() {
                    self.position = start + 1;
                    continue;
                }
                let Some(tag) = self.scan_tag(start, name_start, name_end, is_closing) else {
                    self.position = self.html.len();
                    return None;
                };
                self.position = tag.span.end - self.base_offset;
                if !tag.is_closing && (tag.is("script") || tag.is("style")) {
                    self.skip_raw_text(tag.name);
                }
                return Some(tag);
            }
        }
    }
}

impl<'a> TagScanner<'a> {
    /// Offset of `needle` in the text from `from`, relative to `from`; at the end of the input
    /// the scan is over.
    fn find_from(&mut self, from: usize, needle: &str) -> Option<usize> {
        let found = self.html[from..].find(needle);
        if found.is_none() {
            self.position = self.html.len();
        }
        found
    }

    /// Moves to the `</name` that closes a raw-text element, so that markup-like text inside
    /// scripts and styles is not reported as tags.
    fn skip_raw_text(&mut self, name: &str) {
        let closing = format!("</{}", name.to_ascii_lowercase());
        let rest = self.html[self.position..].to_ascii_lowercase();
        self.position = match rest.find(&closing) {
            Some(offset) => self.position + offset,
            None => self.html.len(),
        };
    }

    fn scan_tag(
        &self,
        start: usize,
        name_start: usize,
        name_end: usize,
        is_closing: bool,
    ) -> Option<Tag<'a>> {
        let html = self.html;
        let bytes = html.as_bytes();
        let mut tag = Tag {
            name: &html[name_start..name_end],
            span: start + self.base_offset..0,
            attributes: Vec::new(),
            is_closing,
        };
        let mut position = name_end;
        loop {
            position += html[position..].find(|c: char| !c.is_ascii_whitespace() && c != '/')?;
            if bytes[position] == b'>' {
                tag.span.end = position + 1 + self.base_offset;
                return Some(tag);
            }
            // An attribute name may start with `=` in HTML's tokenizer; it cannot be empty.
            let first_length = html[position..].chars().next()?.len_utf8();
            let name_end = position
                + first_length
                + html[position + first_length..].find(ends_attribute_name)?;
            let name = &html[position..name_end];
            position = name_end;
            let after_space =
                position + html[position..].find(|c: char| !c.is_ascii_whitespace())?;
            if bytes[after_space] != b'=' {
                tag.attributes.push(Attribute {
                    name,
                    value: None,
                    value_span: None,
                });
                continue;
            }
            let value_start = after_space
                + 1
                + html[after_space + 1..].find(|c: char| !c.is_ascii_whitespace())?;
            let (value_range, next) = match bytes[value_start] {
                quote @ (b'"' | b'\'') => {
                    let end = value_start + 1 + html[value_start + 1..].find(quote as char)?;
                    (value_start + 1..end, end + 1)
                }
                // `<a href=>` : the value is empty and the `>` ends the tag.
                b'>' => (value_start..value_start, value_start),
                _ => {
                    let end = value_start
                        + html[value_start..]
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')?;
                    (value_start..end, end)
                }
            };
            tag.attributes.push(Attribute {
                name,
                value: Some(&html[value_range.clone()]),
                value_span: Some(
                    value_range.start + self.base_offset..value_range.end + self.base_offset,
                ),
            });
            position = next;
        }
    }
}

fn ends_name(c: char) -> bool {
    c.is_ascii_whitespace() || c == '/' || c == '>'
}

fn ends_attribute_name(c: char) -> bool {
    ends_name(c) || c == '='
}

/// The URLs of a `srcset` (or `imagesrcset`) value, each with its range within `value`,
/// following the HTML standard's parsing: candidates are separated by commas, a URL runs to the
/// next whitespace and loses trailing commas, and descriptors (`2x`, `480w`) are skipped up to a
/// comma outside parentheses.
pub(crate) fn srcset_candidates(value: &str) -> Vec<(&str, Range<usize>)> {
    let bytes = value.as_bytes();
    let mut candidates = Vec::new();
    let mut position = 0;
    while position < bytes.len() {
        while position < bytes.len()
            && (bytes[position].is_ascii_whitespace() || bytes[position] == b',')
        {
            position += 1;
        }
        let url_start = position;
        while position < bytes.len() && !bytes[position].is_ascii_whitespace() {
            position += 1;
        }
        let mut url_end = position;
        let ended_by_comma = bytes[url_start..url_end].ends_with(b",");
        while url_end > url_start && bytes[url_end - 1] == b',' {
            url_end -= 1;
        }
        if url_end > url_start {
            candidates.push((&value[url_start..url_end], url_start..url_end));
        }
        if !ended_by_comma {
            let mut parentheses_open = false;
            while position < bytes.len() {
                match bytes[position] {
                    b'(' => parentheses_open = true,
                    b')' => parentheses_open = false,
                    b',' if !parentheses_open => break,
                    _ => {}
                }
                position += 1;
            }
        }
    }
    candidates
}

/// Decodes character references: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and
/// numeric ones such as `&#39;` and `&#x27;`. Other names are left as written: the values this
/// is for (URLs, ids, heading text) rarely use them, and a wrong guess would be worse.
/// References must end with `;`.
pub(crate) fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(ampersand) = rest.find('&') {
        decoded.push_str(&rest[..ampersand]);
        rest = &rest[ampersand..];
        match decode_reference(rest) {
            Some((character, length)) => {
                decoded.push(character);
                rest = &rest[length..];
            }
            None => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    Cow::Owned(decoded)
}

/// The character a reference at the start of `text` stands for, and the reference's length.
fn decode_reference(text: &str) -> Option<(char, usize)> {
    let semicolon = text.find(';')?;
    let body = &text[1..semicolon];
    let character = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()
            }
            None if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => {
                number.parse().ok()
            }
            _ => return None,
        };
        // Like browsers: NUL, surrogates and out-of-range numbers become U+FFFD.
        code.filter(|code| *code != 0)
            .and_then(char::from_u32)
            .unwrap_or(char::REPLACEMENT_CHARACTER)
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            _ => return None,
        }
    };
    Some((character, semicolon + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(html: &str) -> Vec<Tag<'_>> {
        tags(html, 0).collect()
    }

    /// The first attribute called `name`, as browsers read repeats.
    fn attribute<'t, 'a>(tag: &'t Tag<'a>, name: &str) -> Option<&'t Attribute<'a>> {
        tag.attributes
            .iter()
            .find(|attribute| attribute.name.eq_ignore_ascii_case(name))
    }

    fn value_at<'a>(html: &'a str, tag: &Tag<'_>, name: &str) -> &'a str {
        let span = attribute(tag, name)
            .and_then(|attribute| attribute.value_span.clone())
            .expect("attribute with a value");
        &html[span]
    }

    #[test]
    fn link_with_double_quoted_href() {
        let html = r#"See <a href="https://example.org/?a=1&amp;b=2">here</a>."#;
        let found = all(html);
        assert_eq!(found.len(), 2);
        assert_eq!(
            &html[found[0].span.clone()],
            r#"<a href="https://example.org/?a=1&amp;b=2">"#
        );
        assert!(found[0].is("a") && !found[0].is_closing);
        assert_eq!(
            value_at(html, &found[0], "href"),
            "https://example.org/?a=1&amp;b=2"
        );
        assert_eq!(&html[found[1].span.clone()], "</a>");
        assert!(found[1].is_closing && found[1].is("A"));
    }

    #[test]
    fn quoting_styles_and_bare_attributes() {
        let html = "<IMG SRC='a b.png' alt=\"x > y\" width=10 hidden data-x = \"1\"/>";
        let found = all(html);
        assert_eq!(found.len(), 1);
        let image = &found[0];
        assert_eq!(image.name, "IMG");
        assert!(image.is("img"));
        assert_eq!(&html[image.span.clone()], html);
        assert_eq!(value_at(html, image, "src"), "a b.png");
        assert_eq!(value_at(html, image, "alt"), "x > y");
        assert_eq!(value_at(html, image, "width"), "10");
        assert_eq!(value_at(html, image, "data-x"), "1");
        let hidden = attribute(image, "hidden").expect("hidden");
        assert_eq!((hidden.value, hidden.value_span.clone()), (None, None));
        let names: Vec<_> = image.attributes.iter().map(|a| a.name).collect();
        assert_eq!(names, ["SRC", "alt", "width", "hidden", "data-x"]);
    }

    #[test]
    fn base_offset_is_added() {
        let text = "# Title\n\n<div id=\"y\">\n";
        let block_start = text.find('<').expect("tag");
        let found: Vec<_> = tags(&text[block_start..], block_start).collect();
        assert_eq!(&text[found[0].span.clone()], "<div id=\"y\">");
        assert_eq!(value_at(text, &found[0], "id"), "y");
    }

    #[test]
    fn skips_comments_declarations_scripts_and_styles() {
        let html = "<!DOCTYPE html><!-- <a href=\"no\"> --><?xml x?><script>if (a<b) { x = '<a href=no>' }</SCRIPT>\
                    <style>p > a {}</style><p name=x>";
        let names: Vec<_> = all(html)
            .iter()
            .map(|tag| (tag.name, tag.is_closing))
            .collect();
        assert_eq!(
            names,
            [
                ("script", false),
                ("SCRIPT", true),
                ("style", false),
                ("style", true),
                ("p", false)
            ]
        );
    }

    #[test]
    fn text_less_than_signs_are_not_tags() {
        let html = "a < b, 1 <2, <3 and <> then <br>";
        let found = all(html);
        assert_eq!(found.len(), 1);
        assert_eq!(&html[found[0].span.clone()], "<br>");
    }

    #[test]
    fn autolinks_and_namespaced_names_are_not_tags() {
        let html = "<https://example.org> <me@example.org> <o:p></o:p> <my-element a=1>";
        let found = all(html);
        assert_eq!(found.len(), 1);
        assert_eq!(&html[found[0].span.clone()], "<my-element a=1>");
    }

    #[test]
    fn unterminated_input_stops_the_scan() {
        assert_eq!(all("<a href=\"x\">ok</a><b").len(), 2);
        assert_eq!(all("<a href=\"x>never closed").len(), 0);
        assert_eq!(all("<p><!-- open comment <a href=x>").len(), 1);
        assert_eq!(all("<script>never closed <a>").len(), 1);
        assert_eq!(all("<a href=").len(), 0);
    }

    #[test]
    fn empty_unquoted_value_before_end() {
        let html = "<a href=>x";
        let found = all(html);
        assert_eq!(&html[found[0].span.clone()], "<a href=>");
        assert_eq!(found[0].attributes[0].value, Some(""));
    }

    #[test]
    fn non_ascii_text_and_values() {
        let html = "Grüße <a title=\"Überblick – 日本\" href=/ü/ ünïcode>Ä</a>";
        let found = all(html);
        assert_eq!(value_at(html, &found[0], "title"), "Überblick – 日本");
        // An unquoted value runs to whitespace or `>`, so it keeps the `/`.
        assert_eq!(value_at(html, &found[0], "href"), "/ü/");
        assert_eq!(found[0].attributes[2].name, "ünïcode");
        assert_eq!(&html[found[1].span.clone()], "</a>");
    }

    #[test]
    fn srcset_urls_with_ranges() {
        let value = "a.png 1x, images/b,c.png 2x,d.png,  e.png (x, y) 3x , f.png";
        let found = srcset_candidates(value);
        let urls: Vec<_> = found.iter().map(|(url, _)| *url).collect();
        assert_eq!(urls, ["a.png", "images/b,c.png", "d.png", "e.png", "f.png"]);
        for (url, range) in &found {
            assert_eq!(&value[range.clone()], *url);
        }
        assert_eq!(srcset_candidates("  , "), []);
        assert_eq!(srcset_candidates("x.png"), [("x.png", 0..5)]);
    }

    #[test]
    fn entities() {
        assert!(matches!(decode_entities("plain"), Cow::Borrowed("plain")));
        assert_eq!(
            decode_entities("a&amp;b &lt;&gt; &quot;q&quot; &#39;&#x27;&apos; x&nbsp;y"),
            "a&b <> \"q\" ''' x\u{a0}y"
        );
        assert_eq!(
            decode_entities("&#8212; &#X2014; &#0; &#xD800;"),
            "— — \u{fffd} \u{fffd}"
        );
        assert_eq!(
            decode_entities("AT&T &copy; &#; &#x; &amp"),
            "AT&T &copy; &#; &#x; &amp"
        );
        assert_eq!(decode_entities("Ü&amp;Ö"), "Ü&Ö");
    }
}
