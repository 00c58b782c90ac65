//! Fluent (`.ftl`) resources as a model with byte spans.
//!
//! `fluent_syntax`'s AST has no positions, but it borrows every identifier and text slice from
//! the source, so offsets are recovered from slice addresses. Braces, quotes and parentheses are
//! not in the AST; they are found next to the slices around them.

use crate::model::fluent::*;
use crate::source::Span;
use fluent_syntax::ast;
use fluent_syntax::parser::{self, ParserError};
use std::borrow::Cow;

/// Parses a Fluent resource; syntax errors become [`FluentFile::junk`], the rest still parses.
pub fn parse_fluent(text: &str) -> FluentFile {
    let (limited, too_deep) = limit_nesting(text);
    let text = limited.as_ref();
    let (resource, errors) = match parser::parse(text) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => (resource, errors),
    };
    let locator = Locator { text };
    let mut entry_starts: Vec<usize> = resource
        .body
        .iter()
        .filter_map(|entry| locator.entry_line_start(entry))
        .collect();
    entry_starts.sort_unstable();
    let entries = resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            ast::Entry::Message(message) => Some(locator.entry(
                &message.id,
                false,
                message.value.as_ref(),
                &message.attributes,
                &entry_starts,
            )),
            ast::Entry::Term(term) => Some(locator.entry(
                &term.id,
                true,
                Some(&term.value),
                &term.attributes,
                &entry_starts,
            )),
            _ => None,
        })
        .collect();
    let mut junk: Vec<FluentJunk> = errors.iter().map(|error| locator.junk(error)).collect();
    for piece in &mut junk {
        let first_inside = too_deep.partition_point(|&at| at < piece.span.start);
        if let Some(&brace) = too_deep
            .get(first_inside)
            .filter(|&&at| piece.span.contains(&at))
        {
            piece.error_span = brace..brace + 1;
            piece.message = format!("placeables nested more than {MAX_NESTING} deep");
        }
    }
    FluentFile::new(entries, junk)
}

/// Placeables nested deeper than this make their entry junk: the parser recurses once per
/// level, and 10,000 levels overflowed the stack.
const MAX_NESTING: usize = 100;

/// `text` with every `{` that would open a placeable deeper than `MAX_NESTING` turned into
/// `}`, which the parser rejects as junk, and the offsets of those braces. Braces inside
/// string literals count too; only absurd nesting is affected.
fn limit_nesting(text: &str) -> (Cow<'_, str>, Vec<usize>) {
    let mut depth = 0usize;
    let mut too_deep = Vec::new();
    for (offset, byte) in text.bytes().enumerate() {
        match byte {
            b'{' if depth == MAX_NESTING => too_deep.push(offset),
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if too_deep.is_empty() {
        return (Cow::Borrowed(text), too_deep);
    }
    let mut bytes = text.as_bytes().to_vec();
    for &offset in &too_deep {
        bytes[offset] = b'}';
    }
    // One ASCII byte replaced by another: still UTF-8.
    let limited = String::from_utf8(bytes).map_or(Cow::Borrowed(text), Cow::Owned);
    (limited, too_deep)
}

/// Recovers byte offsets from slices of `text`.
struct Locator<'s> {
    text: &'s str,
}

impl<'s> Locator<'s> {
    /// Where `slice` starts in the text. The parser only hands out slices of the text; a slice
    /// from elsewhere (a bug) maps to offset 0 rather than to a bogus range.
    fn start(&self, slice: &str) -> usize {
        let text_start = self.text.as_ptr() as usize;
        let slice_start = slice.as_ptr() as usize;
        let within =
            slice_start >= text_start && slice_start + slice.len() <= text_start + self.text.len();
        debug_assert!(within, "slice {slice:?} is not part of the text");
        if within { slice_start - text_start } else { 0 }
    }

    /// The start of the one-byte sigil the grammar puts right before `slice`: the `$` of a
    /// variable, the `-` of a term, the `.` of an attribute, the opening `"` of a string.
    fn sigil_start(&self, slice: &str) -> usize {
        self.start(slice).saturating_sub(1)
    }

    fn span(&self, slice: &str) -> Span {
        let start = self.start(slice);
        start..start + slice.len()
    }

    fn end(&self, slice: &str) -> usize {
        self.span(slice).end
    }

    /// The offset just past the first `bracket` at or after `from`.
    fn after_next(&self, from: usize, bracket: char) -> usize {
        self.text[from..]
            .find(bracket)
            .map_or(self.text.len(), |i| from + i + bracket.len_utf8())
    }

    /// The offset of the last `bracket` before `before`.
    fn last_before(&self, before: usize, bracket: char) -> usize {
        self.text[..before].rfind(bracket).unwrap_or(before)
    }

    fn line_start(&self, offset: usize) -> usize {
        self.text[..offset].rfind('\n').map_or(0, |i| i + 1)
    }

    /// `text[range]` without the blanks at either end.
    fn trimmed(&self, range: Span) -> Span {
        let slice = &self.text[range.clone()];
        let start = range.start + (slice.len() - slice.trim_start().len());
        start..start.max(range.start + slice.trim_end().len())
    }

    /// The start of the first line of a body entry (including its comment), to bound the entry
    /// before it.
    fn entry_line_start(&self, entry: &ast::Entry<&str>) -> Option<usize> {
        let first_slice = match entry {
            ast::Entry::Message(ast::Message { id, comment, .. })
            | ast::Entry::Term(ast::Term { id, comment, .. }) => comment
                .as_ref()
                .and_then(|comment| comment.content.first().copied())
                .unwrap_or(id.name),
            ast::Entry::Comment(comment)
            | ast::Entry::GroupComment(comment)
            | ast::Entry::ResourceComment(comment) => comment.content.first().copied()?,
            ast::Entry::Junk { content } => content,
        };
        Some(self.line_start(self.start(first_slice)))
    }

    fn entry(
        &self,
        id: &ast::Identifier<&str>,
        is_term: bool,
        value: Option<&ast::Pattern<&str>>,
        attributes: &[ast::Attribute<&str>],
        entry_starts: &[usize],
    ) -> FluentEntry {
        let name_span = self.span(id.name);
        let start = if is_term {
            self.sigil_start(id.name)
        } else {
            name_span.start
        };
        // In file order: the first start after this entry's is found by bisection.
        let next_entry = entry_starts
            .get(entry_starts.partition_point(|next| *next <= start))
            .copied()
            .unwrap_or(self.text.len());
        let span = self.trimmed(start..next_entry);
        let attribute_starts: Vec<usize> = attributes
            .iter()
            .map(|attribute| self.sigil_start(attribute.id.name))
            .chain(std::iter::once(span.end))
            .collect();
        let value = value.map(|pattern| {
            let after_equals = self.after_next(name_span.end, '=');
            self.pattern(pattern, self.trimmed(after_equals..attribute_starts[0]))
        });
        let attributes = attributes
            .iter()
            .zip(attribute_starts.windows(2))
            .map(|(attribute, bounds)| {
                let name_span = self.span(attribute.id.name);
                let after_equals = self.after_next(name_span.end, '=');
                let value = self.pattern(&attribute.value, self.trimmed(after_equals..bounds[1]));
                FluentAttribute {
                    name: attribute.id.name.to_owned(),
                    span: bounds[0]..value.span.end,
                    name_span,
                    value,
                }
            })
            .collect();
        FluentEntry {
            id: id.name.to_owned(),
            is_term,
            id_span: start..name_span.end,
            span,
            value,
            attributes,
        }
    }

    fn pattern(&self, pattern: &ast::Pattern<&str>, span: Span) -> FluentPattern {
        let mut collector = PatternCollector {
            locator: self,
            pattern: FluentPattern {
                span,
                variables: Vec::new(),
                references: Vec::new(),
                selects: Vec::new(),
                text_runs: Vec::new(),
            },
            variant_path: Vec::new(),
            enclosing: None,
        };
        collector.walk_pattern(pattern);
        collector.pattern
    }

    fn junk(&self, error: &ParserError) -> FluentJunk {
        let clamp = |offset: usize| offset.min(self.text.len());
        let span = error.slice.clone().map_or_else(
            || clamp(error.pos.start)..clamp(error.pos.end),
            |slice| clamp(slice.start)..clamp(slice.end),
        );
        // The parser marks one byte; widen it to a whole character so the span slices text.
        let error_start = clamp(error.pos.start);
        let mut error_end = clamp(error.pos.end.max(error_start));
        while !self.text.is_char_boundary(error_end) {
            error_end += 1;
        }
        let mut junk = FluentJunk {
            entry_id: junk_entry_id(&self.text[span.clone()]),
            span,
            error_span: error_start..error_end,
            message: describe(&error.kind),
            kind: error.kind.clone(),
        };
        self.point_into_entry(&mut junk);
        junk
    }

    /// Moves the error onto the entry that breaks. The parser notices a select expression
    /// without a default variant at its closing `}` (or at the end of the file), and a
    /// placeable never closed where the next entry starts: the place to fix is the `{` that
    /// opens them.
    fn point_into_entry(&self, junk: &mut FluentJunk) {
        let entry_end = self.trimmed(junk.span.clone()).end;
        let opener = unclosed_brace(&self.text[junk.span.start..junk.error_span.start])
            .map(|offset| junk.span.start + offset);
        match (&junk.kind, opener) {
            (FluentErrorKind::MissingDefaultVariant, Some(open)) => {
                let head = &self.text[open..entry_end];
                let head_end = head
                    .find("->")
                    .filter(|&arrow| !head[..arrow].contains('\n'))
                    .map_or(open + 1, |arrow| open + arrow + 2);
                junk.error_span = open..head_end;
            }
            (FluentErrorKind::ExpectedToken('}'), Some(open))
                if self.text[open..junk.error_span.start].contains('\n') =>
            {
                junk.error_span = open..open + 1;
                junk.message = "`{` is never closed (expected `}`)".to_owned();
            }
            _ if junk.error_span.start >= entry_end && entry_end > junk.span.start => {
                // Past the entry's last character: the entry ends too early.
                let last = self.text[..entry_end]
                    .char_indices()
                    .next_back()
                    .map_or(entry_end, |(at, _)| at);
                junk.error_span = last..entry_end;
            }
            _ => {}
        }
    }

    /// The end of an inline expression, including closing quotes and parentheses.
    fn inline_end(&self, expression: &ast::InlineExpression<&str>) -> usize {
        match expression {
            ast::InlineExpression::StringLiteral { value } => self.end(value) + 1,
            ast::InlineExpression::NumberLiteral { value } => self.end(value),
            ast::InlineExpression::VariableReference { id } => self.end(id.name),
            ast::InlineExpression::MessageReference { id, attribute } => {
                self.end(attribute.as_ref().unwrap_or(id).name)
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                let name_end = self.end(attribute.as_ref().unwrap_or(id).name);
                match arguments {
                    Some(arguments) => self.arguments_end(arguments, name_end),
                    None => name_end,
                }
            }
            ast::InlineExpression::FunctionReference { id, arguments } => {
                self.arguments_end(arguments, self.end(id.name))
            }
            ast::InlineExpression::Placeable { expression } => {
                self.after_next(self.expression_end(expression), '}')
            }
        }
    }

    /// The end of `(...)`; named arguments always follow positional ones.
    fn arguments_end(&self, arguments: &ast::CallArguments<&str>, name_end: usize) -> usize {
        let last_argument_end = arguments
            .named
            .last()
            .map(|named| &named.value)
            .or(arguments.positional.last())
            .map_or(name_end, |last| self.inline_end(last));
        self.after_next(last_argument_end, ')')
    }

    /// The end of an expression, without the placeable's closing brace.
    fn expression_end(&self, expression: &ast::Expression<&str>) -> usize {
        match expression {
            ast::Expression::Inline(inline) => self.inline_end(inline),
            ast::Expression::Select { selector, variants } => variants.last().map_or_else(
                || self.inline_end(selector),
                |last| self.pattern_end(&last.value),
            ),
        }
    }

    /// The end of a pattern's last element; the parser never produces an empty pattern.
    fn pattern_end(&self, pattern: &ast::Pattern<&str>) -> usize {
        match pattern.elements.last() {
            Some(ast::PatternElement::TextElement { value }) => self.end(value),
            Some(ast::PatternElement::Placeable { expression }) => {
                self.after_next(self.expression_end(expression), '}')
            }
            None => 0,
        }
    }

    /// The start of a select expression's selector.
    fn selector_start(&self, selector: &ast::InlineExpression<&str>) -> usize {
        match selector {
            ast::InlineExpression::StringLiteral { value } => self.sigil_start(value),
            ast::InlineExpression::NumberLiteral { value } => self.start(value),
            ast::InlineExpression::VariableReference { id }
            | ast::InlineExpression::TermReference { id, .. } => self.sigil_start(id.name),
            ast::InlineExpression::MessageReference { id, .. }
            | ast::InlineExpression::FunctionReference { id, .. } => self.start(id.name),
            ast::InlineExpression::Placeable { expression } => {
                let inner = match expression.as_ref() {
                    ast::Expression::Inline(inline) => self.selector_start(inline),
                    ast::Expression::Select { selector, .. } => self.selector_start(selector),
                };
                self.last_before(inner, '{')
            }
        }
    }
}

/// Walks one pattern, collecting what [`FluentPattern`] lists.
struct PatternCollector<'l, 's> {
    locator: &'l Locator<'s>,
    pattern: FluentPattern,
    /// Keys of the variants being walked, outermost first.
    variant_path: Vec<String>,
    enclosing: Option<VariantIndex>,
}

impl PatternCollector<'_, '_> {
    fn walk_pattern(&mut self, pattern: &ast::Pattern<&str>) {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => {
                    if !value.trim().is_empty() {
                        self.pattern.text_runs.push(TextRun {
                            text: (*value).to_owned(),
                            span: self.locator.span(value),
                        });
                    }
                }
                ast::PatternElement::Placeable { expression } => self.walk_expression(expression),
            }
        }
    }

    fn walk_expression(&mut self, expression: &ast::Expression<&str>) {
        match expression {
            ast::Expression::Inline(inline) => self.walk_inline(inline, false),
            ast::Expression::Select { selector, variants } => self.walk_select(selector, variants),
        }
    }

    fn walk_select(
        &mut self,
        selector: &ast::InlineExpression<&str>,
        variants: &[ast::Variant<&str>],
    ) {
        let locator = self.locator;
        let select_index = self.pattern.selects.len();
        let open_brace = locator.last_before(locator.selector_start(selector), '{');
        let value_end = variants
            .last()
            .map_or(open_brace, |last| locator.pattern_end(&last.value));
        let variant_models = variants
            .iter()
            .map(|variant| {
                let (key, is_numeric) = match &variant.key {
                    ast::VariantKey::Identifier { name } => (*name, false),
                    ast::VariantKey::NumberLiteral { value } => (*value, true),
                };
                let key_span = locator.span(key);
                let bracket = locator.last_before(key_span.start, '[');
                let start = if variant.default {
                    locator.last_before(bracket, '*')
                } else {
                    bracket
                };
                Variant {
                    key: key.to_owned(),
                    key_span,
                    is_numeric,
                    is_default: variant.default,
                    span: start..locator.pattern_end(&variant.value),
                }
            })
            .collect();
        self.pattern.selects.push(Select {
            span: open_brace..locator.after_next(value_end, '}'),
            selector_variable: selector_variable(selector),
            variants: variant_models,
            enclosing: self.enclosing,
        });
        self.walk_inline(selector, true);
        let outer = self.enclosing;
        for (index, variant) in variants.iter().enumerate() {
            self.variant_path.push(
                self.pattern.selects[select_index].variants[index]
                    .key
                    .clone(),
            );
            self.enclosing = Some(VariantIndex {
                select: select_index,
                variant: index,
            });
            self.walk_pattern(&variant.value);
            self.variant_path.pop();
        }
        self.enclosing = outer;
    }

    fn walk_inline(&mut self, expression: &ast::InlineExpression<&str>, as_selector: bool) {
        let locator = self.locator;
        match expression {
            ast::InlineExpression::StringLiteral { .. }
            | ast::InlineExpression::NumberLiteral { .. } => {}
            ast::InlineExpression::VariableReference { id } => {
                let name_span = locator.span(id.name);
                self.pattern.variables.push(VariableUse {
                    name: id.name.to_owned(),
                    span: locator.sigil_start(id.name)..name_span.end,
                    variant_path: self.variant_path.clone(),
                    enclosing: self.enclosing,
                    as_selector,
                });
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                self.pattern.references.push(Reference {
                    kind: ReferenceKind::Message,
                    id: id.name.to_owned(),
                    attribute: attribute
                        .as_ref()
                        .map(|attribute| attribute.name.to_owned()),
                    span: locator.start(id.name)..locator.inline_end(expression),
                    named_arguments: Vec::new(),
                });
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                let named_arguments = arguments
                    .iter()
                    .flat_map(|arguments| &arguments.named)
                    .map(|named| NamedArgument {
                        name: named.name.name.to_owned(),
                        value: literal_value(&named.value),
                        span: locator.start(named.name.name)..locator.inline_end(&named.value),
                    })
                    .collect();
                self.pattern.references.push(Reference {
                    kind: ReferenceKind::Term,
                    id: id.name.to_owned(),
                    attribute: attribute
                        .as_ref()
                        .map(|attribute| attribute.name.to_owned()),
                    span: locator.sigil_start(id.name)..locator.inline_end(expression),
                    named_arguments,
                });
                if let Some(arguments) = arguments {
                    self.walk_arguments(arguments, as_selector);
                }
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                self.walk_arguments(arguments, as_selector);
            }
            ast::InlineExpression::Placeable { expression } => self.walk_expression(expression),
        }
    }

    /// Arguments of a function used as a selector (`NUMBER($n)`) are part of the selector.
    fn walk_arguments(&mut self, arguments: &ast::CallArguments<&str>, as_selector: bool) {
        let values = arguments
            .positional
            .iter()
            .chain(arguments.named.iter().map(|named| &named.value));
        for value in values {
            self.walk_inline(value, as_selector);
        }
    }
}

/// The variable a selector selects on: `$count` or the first argument of `NUMBER($count)`.
fn selector_variable(selector: &ast::InlineExpression<&str>) -> Option<String> {
    match selector {
        ast::InlineExpression::VariableReference { id } => Some(id.name.to_owned()),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            arguments.positional.first().and_then(selector_variable)
        }
        _ => None,
    }
}

/// A named argument's literal (the parser accepts only literals there).
fn literal_value(expression: &ast::InlineExpression<&str>) -> String {
    match expression {
        ast::InlineExpression::StringLiteral { value }
        | ast::InlineExpression::NumberLiteral { value } => (*value).to_owned(),
        _ => String::new(),
    }
}

/// The offset in `text` (an entry's text up to a parse error) of the innermost `{` still
/// open at its end. A `{` or `}` inside a string literal (`{ "{" }`) does not count; a string
/// literal starts with `"` where an expression is expected (after `{`, `(`, `,` or `:`).
fn unclosed_brace(text: &str) -> Option<usize> {
    let mut open = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut previous = ' ';
    for (offset, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '{' => open.push(offset),
            '}' => {
                open.pop();
            }
            '"' if !open.is_empty() && matches!(previous, '{' | '(' | ',' | ':') => {
                in_string = true;
            }
            _ => {}
        }
        if !c.is_whitespace() {
            previous = c;
        }
    }
    open.pop()
}

/// `id` and whether it is a term, when `junk` starts like an entry: `-id =` or `id =`.
fn junk_entry_id(junk: &str) -> Option<(String, bool)> {
    let (is_term, rest) = match junk.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, junk),
    };
    let length = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    let id = &rest[..length];
    let starts_with_letter = id.starts_with(|c: char| c.is_ascii_alphabetic());
    let assigned = rest[length..]
        .trim_start_matches([' ', '\t'])
        .starts_with('=');
    (starts_with_letter && assigned).then(|| (id.to_owned(), is_term))
}

/// The parser's error kind as a sentence for a diagnostic.
fn describe(kind: &FluentErrorKind) -> String {
    match kind {
        FluentErrorKind::ExpectedToken(token) => format!("expected token `{token}`"),
        FluentErrorKind::ExpectedCharRange { range } => {
            format!("expected a character in the range `{range}`")
        }
        FluentErrorKind::ExpectedMessageField { entry_id } => {
            format!("message `{entry_id}` has neither a value nor attributes")
        }
        FluentErrorKind::ExpectedTermField { entry_id } => {
            format!("term `-{entry_id}` has no value")
        }
        FluentErrorKind::ForbiddenCallee => {
            "only functions (uppercase names) and terms can be called".to_owned()
        }
        FluentErrorKind::MissingDefaultVariant => {
            "missing default variant in select expression (mark one with `*`)".to_owned()
        }
        FluentErrorKind::MissingValue => "expected a value".to_owned(),
        FluentErrorKind::MultipleDefaultVariants => {
            "select expression has more than one default variant".to_owned()
        }
        FluentErrorKind::MessageReferenceAsSelector => {
            "a message reference cannot be used as a selector".to_owned()
        }
        FluentErrorKind::TermReferenceAsSelector => {
            "a term reference cannot be used as a selector (a term attribute can)".to_owned()
        }
        FluentErrorKind::MessageAttributeAsSelector => {
            "a message attribute cannot be used as a selector".to_owned()
        }
        FluentErrorKind::TermAttributeAsPlaceable => {
            "a term attribute can only be used as a selector".to_owned()
        }
        FluentErrorKind::UnterminatedStringLiteral => "unterminated string literal".to_owned(),
        FluentErrorKind::PositionalArgumentFollowsNamed => {
            "positional arguments must come before named arguments".to_owned()
        }
        FluentErrorKind::DuplicatedNamedArgument(name) => {
            format!("named argument `{name}` appears twice")
        }
        FluentErrorKind::UnknownEscapeSequence(sequence) => {
            format!("unknown escape sequence `\\{sequence}`")
        }
        FluentErrorKind::InvalidUnicodeEscapeSequence(sequence) => {
            format!("invalid Unicode escape sequence `{sequence}`")
        }
        FluentErrorKind::UnbalancedClosingBrace => "unbalanced closing brace `}`".to_owned(),
        FluentErrorKind::ExpectedInlineExpression => "expected an inline expression".to_owned(),
        FluentErrorKind::ExpectedSimpleExpressionAsSelector => {
            "a selector must be a variable, literal, function call or term attribute".to_owned()
        }
        FluentErrorKind::ExpectedLiteral => "expected a string or number literal".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn parse_clean(text: &str) -> FluentFile {
        let file = parse_fluent(text);
        assert_eq!(file.junk, [], "unexpected junk");
        file
    }

    fn at(text: &str, span: &Span) -> String {
        text[span.clone()].to_owned()
    }

    const RESOURCE: &str = "\
# A comment for hello
hello = Hello, { $name }!
    .title = Greeting for { $name }

-brand-name = Firefox
    .gender = masculine

## Group comment

about = About { -brand-name } and { other.title }
attrs-only =
    .label = Label
";

    #[test]
    fn entries_ids_and_spans() {
        let file = parse_clean(RESOURCE);
        let ids: Vec<_> = file
            .entries
            .iter()
            .map(|entry| (entry.id.as_str(), entry.is_term))
            .collect();
        assert_eq!(
            ids,
            [
                ("hello", false),
                ("brand-name", true),
                ("about", false),
                ("attrs-only", false)
            ]
        );
        let hello = &file.entries[0];
        assert_eq!(at(RESOURCE, &hello.id_span), "hello");
        assert_eq!(
            at(RESOURCE, &hello.span),
            "hello = Hello, { $name }!\n    .title = Greeting for { $name }"
        );
        assert_eq!(
            at(RESOURCE, &hello.value.as_ref().unwrap().span),
            "Hello, { $name }!"
        );
        let title = &hello.attributes[0];
        assert_eq!(title.name, "title");
        assert_eq!(at(RESOURCE, &title.name_span), "title");
        assert_eq!(at(RESOURCE, &title.span), ".title = Greeting for { $name }");
        assert_eq!(at(RESOURCE, &title.value.span), "Greeting for { $name }");

        let brand = &file.entries[1];
        assert_eq!(at(RESOURCE, &brand.id_span), "-brand-name");
        assert_eq!(
            at(RESOURCE, &brand.span),
            "-brand-name = Firefox\n    .gender = masculine"
        );
        // The group comment after the term is not part of it.
        let about = &file.entries[2];
        assert_eq!(
            at(RESOURCE, &about.span),
            "about = About { -brand-name } and { other.title }"
        );
        let attrs_only = &file.entries[3];
        assert_eq!(attrs_only.value, None);
        assert_eq!(
            at(RESOURCE, &attrs_only.span),
            "attrs-only =\n    .label = Label"
        );
        assert_eq!(file.find("brand-name", true).unwrap().id, "brand-name");
        assert!(file.find("brand-name", false).is_none());
    }

    #[test]
    fn references_with_attributes_and_arguments() {
        let text = "\
m = { -brand(case: \"genitive\", count: 2) } { msg.attr } { -term.gender ->
       *[masculine] his
    } { plain }
";
        let file = parse_clean(text);
        let references = &file.entries[0].value.as_ref().unwrap().references;
        let written: Vec<_> = references
            .iter()
            .map(|reference| at(text, &reference.span))
            .collect();
        assert_eq!(
            written,
            [
                "-brand(case: \"genitive\", count: 2)",
                "msg.attr",
                "-term.gender",
                "plain"
            ]
        );
        assert_eq!(references[0].kind, ReferenceKind::Term);
        assert_eq!(references[0].id, "brand");
        let arguments: Vec<_> = references[0]
            .named_arguments
            .iter()
            .map(|argument| {
                (
                    argument.name.as_str(),
                    argument.value.as_str(),
                    at(text, &argument.span),
                )
            })
            .collect();
        assert_eq!(
            arguments,
            [
                ("case", "genitive", "case: \"genitive\"".to_owned()),
                ("count", "2", "count: 2".to_owned()),
            ]
        );
        assert_eq!(references[1].kind, ReferenceKind::Message);
        assert_eq!(references[1].attribute.as_deref(), Some("attr"));
        assert_eq!(references[2].attribute.as_deref(), Some("gender"));
        assert_eq!(references[3].attribute, None);
    }

    const PLURAL: &str = "\
files = { $count ->
    [one] One file in { $folder }
    [0] No files
   *[other] { $count } files in { $folder }
}
";

    #[test]
    fn select_expressions_and_variants() {
        let file = parse_clean(PLURAL);
        let pattern = file.entries[0].value.as_ref().unwrap();
        assert_eq!(
            at(PLURAL, &pattern.span),
            PLURAL["files = ".len()..].trim_end()
        );
        let select = &pattern.selects[0];
        // The value is nothing but the select expression.
        assert_eq!(select.span, pattern.span);
        assert_eq!(select.selector_variable.as_deref(), Some("count"));
        assert_eq!(select.enclosing, None);
        let variants: Vec<_> = select
            .variants
            .iter()
            .map(|variant| {
                (
                    variant.key.as_str(),
                    variant.is_numeric,
                    variant.is_default,
                    at(PLURAL, &variant.key_span),
                )
            })
            .collect();
        assert_eq!(
            variants,
            [
                ("one", false, false, "one".to_owned()),
                ("0", true, false, "0".to_owned()),
                ("other", false, true, "other".to_owned()),
            ]
        );
        assert_eq!(
            at(PLURAL, &select.variants[0].span),
            "[one] One file in { $folder }"
        );
        assert_eq!(
            at(PLURAL, &select.variants[2].span),
            "*[other] { $count } files in { $folder }"
        );
    }

    #[test]
    fn variables_record_their_variant_and_selector_role() {
        let file = parse_clean(PLURAL);
        let variables = &file.entries[0].value.as_ref().unwrap().variables;
        let uses: Vec<_> = variables
            .iter()
            .map(|use_| {
                (
                    at(PLURAL, &use_.span),
                    use_.variant_path.clone(),
                    use_.as_selector,
                )
            })
            .collect();
        assert_eq!(
            uses,
            [
                ("$count".to_owned(), vec![], true),
                ("$folder".to_owned(), vec!["one".to_owned()], false),
                ("$count".to_owned(), vec!["other".to_owned()], false),
                ("$folder".to_owned(), vec!["other".to_owned()], false),
            ]
        );
        assert_eq!(
            variables[1].enclosing,
            Some(VariantIndex {
                select: 0,
                variant: 0
            })
        );
    }

    /// Each branch as `("key/key", "var,var")`, for compact comparisons.
    fn branches(pattern: &FluentPattern) -> Vec<(String, String)> {
        pattern
            .variables_by_variant()
            .into_iter()
            .map(|branch| {
                let variables: Vec<_> = branch.variables.into_iter().collect();
                (branch.path.join("/"), variables.join(","))
            })
            .collect()
    }

    fn expected(branches: &[(&str, &str)]) -> Vec<(String, String)> {
        branches
            .iter()
            .map(|(path, variables)| ((*path).to_owned(), (*variables).to_owned()))
            .collect()
    }

    #[test]
    fn selector_counts_for_every_variant() {
        let file = parse_clean(PLURAL);
        let pattern = file.entries[0].value.as_ref().unwrap();
        assert_eq!(
            branches(pattern),
            expected(&[
                ("one", "count,folder"),
                ("0", "count"),
                ("other", "count,folder")
            ])
        );
        assert_eq!(
            pattern.variable_names(),
            BTreeSet::from(["count", "folder"])
        );
    }

    #[test]
    fn placeables_nested_too_deep_are_junk_not_a_stack_overflow() {
        let depth = 10_000;
        let text = format!(
            "deep = {}x{}\nafter = ok\n",
            "{ ".repeat(depth),
            " }".repeat(depth)
        );
        let file = parse_fluent(&text);
        assert!(file.find("after", false).is_some());
        assert_eq!(file.junk.len(), 1);
        assert_eq!(file.junk[0].message, "placeables nested more than 100 deep");
        assert_eq!(file.junk[0].error_span.start, "deep = ".len() + 2 * 100);
    }

    #[test]
    fn many_selects_in_a_row_keep_what_all_variants_share() {
        // 2^40 combinations used to be built one by one: the run never ended.
        let select = "{ $n ->\n    [one] { $a }\n   *[other] { $a } { $b }\n} ";
        let file = parse_clean(&format!("m = {}\n", select.repeat(40)));
        let branches = file.entries[0]
            .value
            .as_ref()
            .unwrap()
            .variables_by_variant();
        assert_eq!(branches.len(), 1024);
        for branch in &branches {
            assert!(branch.variables.contains("a") && branch.variables.contains("n"));
        }
    }

    #[test]
    fn nested_and_sibling_selects_combine() {
        let text = "\
m = { $user } { $gender ->
        [male] { $n ->
            [one] his { $thing }
           *[other] his things
        }
       *[other] their { $thing }
    } and { $x ->
       *[a] A
    }
";
        let file = parse_clean(text);
        let pattern = file.entries[0].value.as_ref().unwrap();
        assert_eq!(pattern.selects.len(), 3);
        assert_eq!(
            pattern.selects[1].enclosing,
            Some(VariantIndex {
                select: 0,
                variant: 0
            })
        );
        assert_eq!(
            at(text, &pattern.selects[1].span),
            "{ $n ->\n            [one] his { $thing }\n           *[other] his things\n        }"
        );
        assert_eq!(
            branches(pattern),
            expected(&[
                ("male/one/a", "gender,n,thing,user,x"),
                ("male/other/a", "gender,n,user,x"),
                ("other/a", "gender,thing,user,x"),
            ])
        );
    }

    #[test]
    fn pattern_without_selects_is_one_branch() {
        let file = parse_clean("m = { $a } and { NUMBER($b, minimumFractionDigits: 2) }\n");
        let pattern = file.entries[0].value.as_ref().unwrap();
        assert_eq!(branches(pattern), expected(&[("", "a,b")]));
    }

    #[test]
    fn function_selector_names_its_variable() {
        let text = "m = { NUMBER($score) ->\n    [0] none\n   *[other] { $score }\n}\n";
        let file = parse_clean(text);
        let pattern = file.entries[0].value.as_ref().unwrap();
        assert_eq!(
            pattern.selects[0].selector_variable.as_deref(),
            Some("score")
        );
        assert!(pattern.variables[0].as_selector);
        assert_eq!(at(text, &pattern.selects[0].span), &text[4..text.len() - 1]);
    }

    #[test]
    fn text_runs_for_url_detection() {
        let text = "m = See https://example.org/ü { $x } and\n    http://example.com now\n";
        let file = parse_clean(text);
        let runs: Vec<_> = file.entries[0]
            .value
            .as_ref()
            .unwrap()
            .text_runs
            .iter()
            .map(|run| {
                assert_eq!(at(text, &run.span), run.text);
                run.text.clone()
            })
            .collect();
        assert_eq!(
            runs,
            [
                "See https://example.org/ü ",
                " and\n",
                "http://example.com now"
            ]
        );
    }

    #[test]
    fn missing_default_variant_is_junk_with_its_kind() {
        let text = "ok = Fine\nbroken = { $n ->\n    [one] One\n    [other] Many\n}\nafter = Still parsed\n";
        let file = parse_fluent(text);
        let ids: Vec<_> = file.entries.iter().map(|entry| entry.id.as_str()).collect();
        assert_eq!(ids, ["ok", "after"]);
        assert_eq!(file.junk.len(), 1);
        let junk = &file.junk[0];
        assert_eq!(junk.kind, FluentErrorKind::MissingDefaultVariant);
        assert_eq!(
            junk.message,
            "missing default variant in select expression (mark one with `*`)"
        );
        assert!(at(text, &junk.span).starts_with("broken = { $n ->"));
        assert!(!at(text, &junk.span).contains("after"));
        assert!(junk.span.start <= junk.error_span.start && junk.error_span.end <= junk.span.end);
        assert_eq!(junk.entry_id, Some(("broken".to_owned(), false)));
    }

    #[test]
    fn a_missing_default_variant_is_reported_at_its_select_expression() {
        let text = "ok = Fine\nabout = { $n ->\n    [one] One\n    [other] Many\n}\nafter = x\n";
        let junk = &parse_fluent(text).junk[0];
        assert_eq!(at(text, &junk.error_span), "{ $n ->");
        // At the end of the file the parser points past the text.
        let text = "ok = Fine\nlast = { $n ->\n    [one] One\n    [other] Many\n";
        let junk = &parse_fluent(text).junk[0];
        assert_eq!(at(text, &junk.error_span), "{ $n ->");
        // A nested select without a default: its own head, not the outer one's.
        let text = "m = { $g ->\n   *[a] { $n ->\n        [one] x\n        [other] y\n    }\n}\n";
        let junk = &parse_fluent(text).junk[0];
        assert_eq!(junk.error_span.start, text.rfind("{ $n").unwrap());
    }

    #[test]
    fn an_unclosed_placeable_is_reported_at_its_brace_not_at_the_next_entry() {
        let text = "ok = Fine\nopen = Hello { $name\nafter = x\n";
        let file = parse_fluent(text);
        let junk = &file.junk[0];
        assert_eq!(junk.error_span.start, text.find('{').unwrap());
        assert_eq!(junk.message, "`{` is never closed (expected `}`)");
        assert_eq!(junk.entry_id, Some(("open".to_owned(), false)));
        assert!(file.find("after", false).is_some());
        // A brace inside a string literal is text.
        let text = "m = { \"{\" } and { $x\n    more\nafter = x\n";
        let junk = &parse_fluent(text).junk[0];
        assert_eq!(junk.error_span.start, text.rfind('{').unwrap());
        // On the same line the parser's position is the better one.
        let text = "m = { $x ]\n";
        let junk = &parse_fluent(text).junk[0];
        assert_eq!(at(text, &junk.error_span), "]");
        assert_eq!(junk.message, "expected token `}`");
    }

    #[test]
    fn junk_reports_the_expected_token() {
        let text = "key1 = Value\n\ng@rbage = x\n\nkey2 = Value 2\n";
        let file = parse_fluent(text);
        assert_eq!(file.entries.len(), 2);
        let junk = &file.junk[0];
        assert_eq!(junk.kind, FluentErrorKind::ExpectedToken('='));
        assert_eq!(junk.message, "expected token `=`");
        assert_eq!(at(text, &junk.span), "g@rbage = x\n\n");
        assert_eq!(at(text, &junk.error_span), "@");
        assert_eq!(junk.entry_id, None);
    }

    #[test]
    fn error_span_covers_a_whole_character() {
        let text = "ключ = x\n";
        let file = parse_fluent(text);
        let junk = &file.junk[0];
        assert_eq!(at(text, &junk.error_span), "к");
        assert_eq!(at(text, &junk.span), text);
    }

    #[test]
    fn error_at_end_of_file_is_clamped() {
        let text = "m = { $x";
        let file = parse_fluent(text);
        let junk = &file.junk[0];
        assert!(junk.error_span.end <= text.len());
        assert_eq!(at(text, &junk.span), text);
    }

    #[test]
    fn duplicate_ids_are_all_kept() {
        let file = parse_clean("a = One\nb = Two\na = Three\n");
        let ids: Vec<_> = file.entries.iter().map(|entry| entry.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "a"]);
    }

    #[test]
    fn crlf_and_non_ascii_spans() {
        // Identifiers are ASCII in Fluent; text is not.
        let text =
            "gruss = Grüße, { $name }!\r\n    .titel = «{ -marke }»\r\n\r\n-marke = Ünïcode\r\n";
        let file = parse_clean(text);
        let greeting = &file.entries[0];
        assert_eq!(at(text, &greeting.id_span), "gruss");
        assert_eq!(
            at(text, &greeting.span),
            "gruss = Grüße, { $name }!\r\n    .titel = «{ -marke }»"
        );
        let value = greeting.value.as_ref().unwrap();
        assert_eq!(at(text, &value.span), "Grüße, { $name }!");
        assert_eq!(at(text, &value.variables[0].span), "$name");
        assert_eq!(at(text, &value.text_runs[0].span), "Grüße, ");
        let title = &greeting.attributes[0];
        assert_eq!(at(text, &title.value.span), "«{ -marke }»");
        assert_eq!(at(text, &title.value.references[0].span), "-marke");
        assert_eq!(at(text, &file.entries[1].span), "-marke = Ünïcode");
    }

    #[test]
    fn empty_resource() {
        assert_eq!(parse_fluent(""), FluentFile::new(vec![], vec![]));
        assert_eq!(parse_fluent("# only a comment\n").entries, []);
    }
}
