//! Markdown bodies through pulldown-cmark, with byte offsets, into the document model.

use crate::model::{
    Anchor, Block, BlockKind, Document, Heading, Image, ImageKind, Link, LinkDefinition, LinkKind,
    List, ListItem, MarkupBreak, UnresolvedReference,
};
use crate::parse::heading_ids::{HeadingIdGenerator, HeadingIdStyle, typographic};
use crate::parse::{html_elements, liquid};
use crate::source::Span;
use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::cell::RefCell;

/// How the site's renderer turns headings into ids.
#[derive(Debug, Clone)]
pub struct HeadingIds {
    pub style: HeadingIdStyle,
    pub prefix: String,
}

impl Default for HeadingIds {
    fn default() -> Self {
        Self {
            style: HeadingIdStyle::KramdownGfm,
            prefix: String::new(),
        }
    }
}

/// Parses the body of `text` (from `body_start`) into `document`. `masked` is `text` with
/// Liquid masked; `document.liquid` already holds the tags.
pub fn parse_body(
    text: &str,
    masked: &str,
    body_start: usize,
    heading_ids: &HeadingIds,
    document: &mut Document,
) {
    let unresolved = RefCell::new(Vec::new());
    let mut on_broken_link = |broken: BrokenLink<'_>| {
        // `[text]` alone is ordinary prose far more often than a link; only the explicit forms count.
        if matches!(broken.link_type, LinkType::Reference | LinkType::Collapsed) {
            unresolved.borrow_mut().push(UnresolvedReference {
                label: broken.reference.to_string(),
                span: body_start + broken.span.start..body_start + broken.span.end,
            });
        }
        None::<(CowStr<'_>, CowStr<'_>)>
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let parser = Parser::new_with_broken_link_callback(
        &masked[body_start..],
        options,
        Some(&mut on_broken_link),
    );
    let mut builder = Builder::new(text, masked, heading_ids, document);
    let mut events = parser.into_offset_iter();
    for (event, range) in events.by_ref() {
        builder.event(event, range.start + body_start..range.end + body_start);
    }
    builder.flush_text();
    let definitions = events.reference_definitions();
    let mut definitions: Vec<LinkDefinition> = definitions
        .iter()
        .map(|(label, definition)| {
            let span = definition.span.start + body_start..definition.span.end + body_start;
            let target_span = definition_target_span(masked, &span);
            LinkDefinition {
                label: label.to_owned(),
                target: text[target_span.clone()].to_owned(),
                span,
                target_span,
            }
        })
        .collect();
    definitions.sort_by_key(|definition| definition.span.start);
    builder.finish(definitions);
    document.unresolved_references = unresolved.into_inner();
}

struct OpenLink {
    kind: LinkKind,
    is_image: bool,
    target: String,
    reference: Option<String>,
    span: Span,
    text: String,
    text_span: Option<Span>,
}

struct OpenHeading {
    level: u8,
    span: Span,
    explicit_id: Option<String>,
    text: String,
    /// The text ids are made from: kramdown applies its typographic replacements outside code.
    id_text: String,
}

struct OpenList {
    ordered: bool,
    span_start: usize,
    section: Option<usize>,
    items: Vec<ListItem>,
    open_item: Option<(usize, Vec<usize>)>,
}

struct Builder<'a> {
    text: &'a str,
    /// `text` with Liquid masked: where link syntax is scanned, since Liquid holds spaces.
    masked: &'a str,
    id_style: HeadingIdStyle,
    document: &'a mut Document,
    ids: HeadingIdGenerator,
    heading: Option<OpenHeading>,
    links: Vec<OpenLink>,
    lists: Vec<OpenList>,
    finished_lists: Vec<List>,
    /// Unlinked text waiting for bare URL detection, merged across adjacent text events.
    pending_text: Option<Span>,
    code_block_start: Option<usize>,
    html_block_start: Option<usize>,
    /// Set when a paragraph may be a kramdown attribute list (`{: #id}`) for the last heading.
    paragraph_start: Option<usize>,
    last_block_was_heading: bool,
    /// Links before this index were already given to a list item (or stood outside lists).
    links_attached: usize,
    /// Indices into `document.blocks` of the blocks open, and the block quotes open (`None`).
    open_blocks: Vec<Option<usize>>,
}

impl<'a> Builder<'a> {
    fn new(
        text: &'a str,
        masked: &'a str,
        heading_ids: &HeadingIds,
        document: &'a mut Document,
    ) -> Self {
        Self {
            text,
            masked,
            id_style: heading_ids.style,
            document,
            ids: HeadingIdGenerator::new(heading_ids.style, &heading_ids.prefix),
            heading: None,
            links: Vec::new(),
            lists: Vec::new(),
            finished_lists: Vec::new(),
            pending_text: None,
            code_block_start: None,
            html_block_start: None,
            paragraph_start: None,
            last_block_was_heading: false,
            links_attached: 0,
            open_blocks: Vec::new(),
        }
    }

    /// The innermost open block, and how many blocks and quotes are open.
    fn open_block(&mut self, kind: BlockKind, start: usize) {
        let parent = self.open_blocks.iter().rev().find_map(|open| *open);
        let section = match kind {
            BlockKind::Heading(_) => Some(self.document.headings.len()),
            _ => self.document.headings.len().checked_sub(1),
        };
        self.document.blocks.push(Block {
            kind,
            span: start..start,
            parent,
            depth: u8::try_from(self.open_blocks.len()).unwrap_or(u8::MAX),
            section,
            links: Vec::new(),
            images: Vec::new(),
            liquid: Vec::new(),
            literals: Vec::new(),
        });
        self.open_blocks.push(Some(self.document.blocks.len() - 1));
    }

    fn close_block(&mut self, end: usize) {
        if let Some(Some(index)) = self.open_blocks.pop() {
            let block = &mut self.document.blocks[index];
            block.span.end = trim_end_offset(self.text, end).max(block.span.start);
        }
    }

    /// Whether a paragraph starting now is a block of its own (not the text of a list item).
    fn paragraph_is_block(&self) -> bool {
        match self.open_blocks.last() {
            Some(Some(index)) => self.document.blocks[*index].kind != BlockKind::ListItem,
            _ => true,
        }
    }

    fn event(&mut self, event: Event<'_>, range: Span) {
        if !matches!(event, Event::Text(_)) {
            self.flush_text();
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => self.text(&text, range),
            Event::Code(code) => {
                self.document.code.push(range.clone());
                self.add_literal(code.trim());
                if let Some(heading) = &mut self.heading {
                    heading.id_text.push_str(&code);
                }
                self.visible_text(&code, range);
            }
            Event::InlineHtml(_) | Event::Html(_) if self.html_block_start.is_none() => {
                html_elements::extract(self.text, range, self.document);
                self.attach_new_links_to_item();
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Span) {
        let is_paragraph = matches!(tag, Tag::Paragraph);
        match tag {
            Tag::Heading { level, id, .. } => {
                self.open_block(BlockKind::Heading(level as u8), range.start);
                self.heading = Some(OpenHeading {
                    level: level as u8,
                    span: range,
                    explicit_id: id.map(|id| id.to_string()),
                    text: String::new(),
                    id_text: String::new(),
                });
            }
            Tag::Paragraph => {
                if self.paragraph_is_block() {
                    self.open_block(BlockKind::Paragraph, range.start);
                } else {
                    self.open_blocks.push(None);
                }
                self.paragraph_start = Some(range.start);
            }
            Tag::CodeBlock(_) => {
                self.open_block(BlockKind::CodeBlock, range.start);
                self.code_block_start = Some(range.start);
            }
            Tag::HtmlBlock => {
                self.open_block(BlockKind::HtmlBlock, range.start);
                self.html_block_start = Some(range.start);
            }
            Tag::BlockQuote(_) => self.open_blocks.push(None),
            Tag::TableHead | Tag::TableRow => self.open_block(BlockKind::TableRow, range.start),
            Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            } => self.open_link(link_type, &dest_url, &id, range, false),
            Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            } => self.open_link(link_type, &dest_url, &id, range, true),
            Tag::List(first_number) => self.lists.push(OpenList {
                ordered: first_number.is_some(),
                span_start: range.start,
                section: self.document.headings.len().checked_sub(1),
                items: Vec::new(),
                open_item: None,
            }),
            Tag::Item => {
                self.open_block(BlockKind::ListItem, range.start);
                if let Some(list) = self.lists.last_mut() {
                    list.open_item = Some((range.start, Vec::new()));
                }
            }
            _ => {}
        }
        if !is_paragraph && self.heading.is_none() {
            self.last_block_was_heading = false;
        }
    }

    fn end(&mut self, tag: TagEnd, range: Span) {
        match tag {
            TagEnd::Heading(_) => {
                self.close_block(range.end);
                self.close_heading();
                self.last_block_was_heading = true;
                return;
            }
            TagEnd::Paragraph => {
                self.close_block(range.end);
                self.close_paragraph(range);
            }
            TagEnd::BlockQuote(_) | TagEnd::TableHead | TagEnd::TableRow => {
                self.close_block(range.end);
            }
            TagEnd::CodeBlock => {
                self.close_block(range.end);
                if let Some(start) = self.code_block_start.take() {
                    self.document.code.push(start..range.end);
                }
            }
            TagEnd::HtmlBlock => {
                self.close_block(range.end);
                if let Some(start) = self.html_block_start.take() {
                    html_elements::extract(self.text, start..range.end, self.document);
                    self.attach_new_links_to_item();
                }
            }
            TagEnd::Link | TagEnd::Image => self.close_link(),
            TagEnd::Item => {
                self.close_block(range.end);
                if let Some(list) = self.lists.last_mut()
                    && let Some((start, links)) = list.open_item.take()
                {
                    list.items.push(ListItem {
                        span: start..trim_end_offset(self.text, range.end),
                        links,
                    });
                }
            }
            TagEnd::List(_) => {
                if let Some(list) = self.lists.pop() {
                    self.finished_lists.push(List {
                        span: list.span_start..trim_end_offset(self.text, range.end),
                        ordered: list.ordered,
                        depth: self.lists.len(),
                        section: list.section,
                        items: list.items,
                    });
                }
            }
            _ => {}
        }
        self.last_block_was_heading = false;
    }

    fn text(&mut self, text: &str, range: Span) {
        if self.code_block_start.is_some() {
            return;
        }
        let inside_image = self.links.iter().any(|link| link.is_image);
        if let Some(heading) = &mut self.heading
            && !inside_image
        {
            match self.id_style {
                HeadingIdStyle::KramdownGfm => heading.id_text.push_str(&typographic(text)),
                _ => heading.id_text.push_str(text),
            }
        }
        self.visible_text(text, range.clone());
        for number in text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|run| run.len() >= 2)
        {
            self.add_literal(number);
        }
        if self.links.is_empty() {
            self.pending_text = match self.pending_text.take() {
                Some(pending) if pending.end == range.start => Some(pending.start..range.end),
                Some(pending) => {
                    self.find_bare_urls(pending);
                    Some(range)
                }
                None => Some(range),
            };
        }
    }

    /// A number or inline code of the innermost open block (a few per block: enough to align).
    fn add_literal(&mut self, literal: &str) {
        const MOST_PER_BLOCK: usize = 16;
        if let Some(Some(index)) = self.open_blocks.iter().rev().find(|open| open.is_some()) {
            let literals = &mut self.document.blocks[*index].literals;
            if literals.len() < MOST_PER_BLOCK && !literal.is_empty() {
                literals.push(literal.to_owned());
            }
        }
    }

    /// Text that readers see: part of the open heading's and open links' text.
    fn visible_text(&mut self, text: &str, range: Span) {
        let inside_image = self.links.iter().any(|link| link.is_image);
        if let Some(heading) = &mut self.heading
            && !inside_image
        {
            heading.text.push_str(text);
        }
        for link in &mut self.links {
            if inside_image && !link.is_image {
                continue;
            }
            link.text.push_str(text);
            link.text_span = Some(match link.text_span.take() {
                Some(span) => span.start..range.end,
                None => range.clone(),
            });
        }
    }

    fn flush_text(&mut self) {
        if let Some(pending) = self.pending_text.take() {
            self.find_bare_urls(pending);
        }
    }

    fn find_bare_urls(&mut self, span: Span) {
        let mut finder = linkify::LinkFinder::new();
        finder.kinds(&[linkify::LinkKind::Url]);
        let slice = &self.text[span.clone()];
        for found in finder.links(slice) {
            let url_span = span.start + found.start()..span.start + found.end();
            self.document.links.push(Link {
                kind: LinkKind::Bare,
                target: found.as_str().to_owned(),
                text: found.as_str().to_owned(),
                text_span: url_span.clone(),
                target_span: url_span.clone(),
                has_liquid: liquid::overlaps(&self.document.liquid, &url_span),
                span: url_span,
                reference: None,
            });
            self.attach_new_links_to_item();
        }
    }

    fn open_link(
        &mut self,
        link_type: LinkType,
        destination: &str,
        reference: &str,
        range: Span,
        is_image: bool,
    ) {
        let kind = match link_type {
            LinkType::Autolink | LinkType::Email => LinkKind::Autolink,
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => LinkKind::Reference,
            _ => LinkKind::Inline,
        };
        let target = if link_type == LinkType::Email {
            format!("mailto:{destination}")
        } else {
            destination.to_owned()
        };
        self.links.push(OpenLink {
            kind,
            is_image,
            target,
            reference: (kind == LinkKind::Reference).then(|| reference.to_owned()),
            span: range,
            text: String::new(),
            text_span: None,
        });
    }

    fn close_link(&mut self) {
        let Some(open) = self.links.pop() else {
            return;
        };
        let target_span = match open.kind {
            LinkKind::Autolink => open.span.start + 1..open.span.end.saturating_sub(1),
            LinkKind::Reference => open.span.clone(), // replaced by the definition's span in `finish`
            _ => inline_target_span(self.masked, &open),
        };
        let text_span = match open.kind {
            LinkKind::Autolink => target_span.clone(),
            _ => bracketed_text_span(self.masked, &open),
        };
        // The written target, from the original text: masked Liquid must read as Liquid.
        let target = match open.kind {
            LinkKind::Inline if !target_span.is_empty() => {
                let written = &self.text[target_span.clone()];
                if liquid::overlaps(&self.document.liquid, &target_span) {
                    written.to_owned()
                } else {
                    open.target
                }
            }
            _ => open.target,
        };
        let has_liquid = liquid::overlaps(&self.document.liquid, &target_span);
        if open.is_image {
            self.document.images.push(Image {
                kind: ImageKind::Markdown,
                src: target,
                src_span: target_span,
                alt: Some(open.text),
                span: open.span,
                has_liquid,
            });
        } else {
            self.document.links.push(Link {
                kind: open.kind,
                target,
                target_span,
                text: open.text,
                text_span,
                span: open.span,
                reference: open.reference,
                has_liquid,
            });
            self.attach_new_links_to_item();
        }
    }

    /// Links added since the last call belong to the innermost open list item, if any.
    fn attach_new_links_to_item(&mut self) {
        let count = self.document.links.len();
        if let Some((_, item_links)) = self
            .lists
            .last_mut()
            .and_then(|list| list.open_item.as_mut())
        {
            item_links.extend(self.links_attached..count);
        }
        self.links_attached = count;
    }

    fn close_heading(&mut self) {
        let Some(open) = self.heading.take() else {
            return;
        };
        let span = open.span.start..trim_end_offset(self.text, open.span.end);
        let has_liquid = liquid::overlaps(&self.document.liquid, &span);
        let mut open = open;
        if matches!(
            self.id_style,
            HeadingIdStyle::KramdownGfm | HeadingIdStyle::Kramdown
        ) && open.explicit_id.is_some()
            && let Some(unread) = unread_attribute(self.text, &span)
        {
            // kramdown shows the attribute as text, and makes the id from it.
            let written = &self.text[unread.written.clone()];
            open.text.push_str(written);
            open.id_text.push_str(&typographic(written));
            open.explicit_id = None;
            self.document.broken_markup.push(unread.into_broken());
        }
        let explicit_id = open.explicit_id.map(|id| Anchor {
            span: explicit_id_span(self.text, &span, &id),
            id,
        });
        let id_source = match self.id_style {
            HeadingIdStyle::Kramdown => raw_heading_text(&self.text[span.clone()]),
            _ => open.id_text.trim().to_owned(),
        };
        let generated_id = match explicit_id {
            Some(_) => None,
            None => self.ids.next_id(&id_source).filter(|_| !has_liquid),
        };
        let first_line_end = self.text[span.clone()].find('\n').map_or(span.end, |at| {
            trim_end_offset(self.text, span.start + at + 1)
        });
        self.document.headings.push(Heading {
            level: open.level,
            text: open.text.trim().to_owned(),
            first_line_end,
            span,
            explicit_id,
            generated_id,
            has_liquid,
        });
    }

    /// A paragraph that is only a kramdown attribute list applies to the block before it.
    fn close_paragraph(&mut self, range: Span) {
        let Some(start) = self.paragraph_start.take() else {
            return;
        };
        let written = self.text[start..range.end].trim();
        if !(written.starts_with("{:") && written.ends_with('}')) {
            return;
        }
        let Some(id) = attribute_list_id(written) else {
            return;
        };
        let id_start = start
            + self.text[start..range.end]
                .find(&format!("#{id}"))
                .unwrap_or(0)
            + 1;
        let anchor = Anchor {
            id: id.to_owned(),
            span: id_start..id_start + id.len(),
        };
        match self.document.headings.last_mut() {
            Some(heading) if self.last_block_was_heading && heading.explicit_id.is_none() => {
                heading.generated_id = None;
                heading.explicit_id = Some(anchor);
            }
            _ => self.document.html_ids.push(anchor),
        }
    }

    fn finish(mut self, definitions: Vec<LinkDefinition>) {
        for link in &mut self.document.links {
            if link.kind != LinkKind::Reference {
                continue;
            }
            let label = link.reference.as_deref().unwrap_or_default();
            if let Some(definition) = definitions
                .iter()
                .find(|definition| labels_match(&definition.label, label))
            {
                link.target_span = definition.target_span.clone();
                link.target = definition.target.clone();
                link.has_liquid = liquid::overlaps(&self.document.liquid, &link.target_span);
            }
        }
        for image in &mut self.document.images {
            if image.kind == ImageKind::Markdown && image.src_span == image.span {
                if let Some(definition) = definitions.iter().find(|d| d.target == image.src) {
                    image.src_span = definition.target_span.clone();
                }
            }
        }
        assign_to_blocks(self.document);
        self.finished_lists.sort_by_key(|list| list.span.start);
        self.document.lists = self.finished_lists;
        self.document.link_definitions = definitions;
    }
}

/// Gives each link, image and Liquid tag to the innermost block it is written in.
fn assign_to_blocks(document: &mut Document) {
    let starts: Vec<usize> = document
        .blocks
        .iter()
        .map(|block| block.span.start)
        .collect();
    let innermost = |blocks: &[Block], offset: usize| {
        let mut at = starts
            .partition_point(|&start| start <= offset)
            .checked_sub(1);
        while let Some(index) = at {
            let span = &blocks[index].span;
            if span.start <= offset && offset < span.end.max(span.start + 1) {
                return Some(index);
            }
            at = blocks[index].parent;
        }
        None
    };
    for (index, link) in document.links.iter().enumerate() {
        if let Some(block) = innermost(&document.blocks, link.span.start) {
            document.blocks[block].links.push(index);
        }
    }
    for (index, image) in document.images.iter().enumerate() {
        if let Some(block) = innermost(&document.blocks, image.span.start) {
            document.blocks[block].images.push(index);
        }
    }
    for (index, tag) in document.liquid.iter().enumerate() {
        if let Some(block) = innermost(&document.blocks, tag.span.start) {
            document.blocks[block].liquid.push(index);
        }
    }
}

/// Reference labels match case-insensitively with whitespace collapsed (CommonMark).
fn labels_match(a: &str, b: &str) -> bool {
    let normalise = |label: &str| {
        label
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    normalise(a) == normalise(b)
}

/// The id in a kramdown attribute list such as `{: #faq .wide}`.
fn attribute_list_id(list: &str) -> Option<&str> {
    list.trim_start_matches("{:")
        .trim_end_matches('}')
        .split_whitespace()
        .find_map(|part| part.strip_prefix('#'))
        .filter(|id| !id.is_empty())
}

/// A heading's `{#id}` that kramdown does not read: not after a space or tab, or not an id
/// kramdown accepts (`[A-Za-z][\w:-]*`).
struct UnreadAttribute {
    /// From the whitespace before `{` (if any) to `}`: what kramdown shows as text.
    written: Span,
    /// The `{…}`.
    attribute: Span,
    id: String,
}

impl UnreadAttribute {
    fn into_broken(self) -> crate::model::BrokenMarkup {
        let id_start = self.attribute.start + 2;
        let id_span = id_start..id_start + self.id.len();
        let needs_space = self.written == self.attribute && is_kramdown_id(&self.id);
        crate::model::BrokenMarkup {
            cause: MarkupBreak::UnreadId,
            span: self.attribute.clone(),
            remains: Some(self.id),
            remains_span: id_span,
            repair: if needs_space {
                vec![(self.attribute.start..self.attribute.start, " ".to_owned())]
            } else {
                Vec::new()
            },
        }
    }
}

/// Whether kramdown reads `id` as a header id: `[A-Za-z][\w:-]*`.
pub fn is_kramdown_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '-'))
}

/// The `{#id}` ending a heading's first line, when kramdown would not read it.
fn unread_attribute(text: &str, heading: &Span) -> Option<UnreadAttribute> {
    let written = &text[heading.clone()];
    let first_line = written.lines().next().unwrap_or("").trim_end();
    let open = first_line.rfind('{')?;
    let attribute = first_line[open..].strip_suffix('}')?;
    let id = attribute.strip_prefix("{#")?.trim();
    let before = &first_line[..open];
    let spaced = before.ends_with([' ', '\t']);
    if spaced && is_kramdown_id(id) && !id.is_empty() {
        return None;
    }
    let written_start = heading.start + before.trim_end_matches([' ', '\t']).len();
    let attribute_start = heading.start + open;
    Some(UnreadAttribute {
        written: written_start..heading.start + first_line.len(),
        attribute: attribute_start..heading.start + first_line.len(),
        id: id.to_owned(),
    })
}

/// Where `{#id}` is written in a heading (the whole heading when it cannot be found).
fn explicit_id_span(text: &str, heading: &Span, id: &str) -> Span {
    let written = &text[heading.clone()];
    match written.rfind(&format!("#{id}")) {
        Some(at) => heading.start + at + 1..heading.start + at + 1 + id.len(),
        None => heading.clone(),
    }
}

/// The text between `[` (or `![`) and the `]` that closes it.
fn bracketed_text_span(masked: &str, link: &OpenLink) -> Span {
    let start = masked[link.span.clone()]
        .find('[')
        .map_or(link.span.start, |at| link.span.start + at + 1);
    let search_from = link.text_span.as_ref().map_or(start, |span| span.end);
    let end = masked[search_from.min(link.span.end)..link.span.end]
        .find(']')
        .map_or(search_from, |at| search_from + at);
    start..end.max(start)
}

/// A heading's source without its `#` markers and `{#id}`, as plain kramdown reads it.
fn raw_heading_text(heading: &str) -> String {
    let first_line = heading.lines().next().unwrap_or("");
    let without_id = match first_line.rfind("{#") {
        Some(at) if first_line.trim_end().ends_with('}') => &first_line[..at],
        _ => first_line,
    };
    without_id
        .trim_start_matches('#')
        .trim_end()
        .trim_end_matches('#')
        .trim()
        .to_owned()
}

/// Where the target of an inline link or image is written: after the `](` that follows its text.
fn inline_target_span(text: &str, link: &OpenLink) -> Span {
    let search_from = link
        .text_span
        .as_ref()
        .map_or(link.span.start, |span| span.end);
    let written = &text[search_from.min(link.span.end)..link.span.end];
    let Some(open) = written.find("](") else {
        return link.span.clone();
    };
    let mut start = search_from + open + 2;
    let bytes = text.as_bytes();
    while start < link.span.end && matches!(bytes[start], b' ' | b'\t' | b'\n' | b'\r') {
        start += 1;
    }
    if bytes.get(start) == Some(&b'<') {
        let end = text[start..link.span.end]
            .find('>')
            .map_or(link.span.end, |i| start + i);
        return start + 1..end;
    }
    let mut depth = 0usize;
    let mut end = start;
    while end < link.span.end {
        match bytes[end] {
            b'\\' => end += 1,
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b' ' | b'\t' | b'\n' | b'\r' => break,
            _ => {}
        }
        end += 1;
    }
    start..end.min(link.span.end)
}

/// Where the target of `[label]: target "title"` is written.
fn definition_target_span(text: &str, definition: &Span) -> Span {
    let written = &text[definition.clone()];
    let Some(colon) = written.find("]:") else {
        return definition.clone();
    };
    let after = &written[colon + 2..];
    let leading = after.len() - after.trim_start().len();
    let start = definition.start + colon + 2 + leading;
    let rest = &text[start..definition.end];
    if let Some(inner) = rest.strip_prefix('<') {
        let end = inner.find('>').unwrap_or(inner.len());
        return start + 1..start + 1 + end;
    }
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    start..start + end
}

/// `offset` moved back over trailing line breaks, so spans end on their last line.
fn trim_end_offset(text: &str, offset: usize) -> usize {
    let trimmed = text[..offset].trim_end_matches(['\n', '\r']);
    trimmed.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::liquid;

    fn parse(text: &str) -> Document {
        let mut document = Document {
            liquid: liquid::find_tags(text, 0),
            ..Document::default()
        };
        let masked = liquid::mask(text, &document.liquid).into_owned();
        parse_body(text, &masked, 0, &HeadingIds::default(), &mut document);
        document
    }

    #[test]
    fn inline_links_have_exact_spans() {
        let text = "Go to [the *FAQ*](../en/help#multi \"t\") now.";
        let document = parse(text);
        let link = &document.links[0];
        assert_eq!(link.kind, LinkKind::Inline);
        assert_eq!(link.text, "the FAQ");
        assert_eq!(&text[link.target_span.clone()], "../en/help#multi");
        assert_eq!(&text[link.text_span.clone()], "the *FAQ*");
    }

    #[test]
    fn reference_links_point_at_their_definition() {
        let text = "See [docs][d].\n\n[d]: https://example.org/docs\n";
        let document = parse(text);
        let link = &document.links[0];
        assert_eq!(link.target, "https://example.org/docs");
        assert_eq!(&text[link.target_span.clone()], "https://example.org/docs");
        assert_eq!(link.reference.as_deref(), Some("d"));
        assert_eq!(document.link_definitions.len(), 1);
    }

    #[test]
    fn liquid_targets_stay_liquid() {
        let text = "See [standards]({% include standards-url %}).";
        let document = parse(text);
        assert_eq!(document.links[0].target, "{% include standards-url %}");
        assert!(document.links[0].has_liquid);
    }

    #[test]
    fn bare_urls_are_found_outside_links_and_code() {
        let text = "Visit https://example.org/a today. `https://in.code/x`\n\n```\nhttps://block.example\n```\n";
        let document = parse(text);
        let targets: Vec<_> = document.links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(targets, ["https://example.org/a"]);
    }

    #[test]
    fn headings_get_explicit_or_generated_ids() {
        let text = "## What is it? {#what}\n\n## Why -- and how?\n\n## Why -- and how?\n";
        let document = parse(text);
        let ids: Vec<_> = document.headings.iter().map(|h| h.id().unwrap()).collect();
        assert_eq!(ids, ["what", "why--and-how", "why--and-how-1"]);
        assert_eq!(
            &text[document.headings[0]
                .explicit_id
                .as_ref()
                .unwrap()
                .span
                .clone()],
            "what"
        );
    }

    #[test]
    fn setext_headings_end_their_first_line_before_the_underline() {
        let text = "Title\r\n=====\n\n## Next\n";
        let document = parse(text);
        assert_eq!(&text[..document.headings[0].first_line_end], "Title");
        assert_eq!(
            document.headings[1].first_line_end,
            document.headings[1].span.end
        );
    }

    #[test]
    fn attribute_list_after_a_heading_sets_its_id() {
        let text = "## Title\n{: #custom}\n\nText\n";
        let document = parse(text);
        assert_eq!(document.headings[0].id(), Some("custom"));
    }

    #[test]
    fn list_items_know_their_links() {
        let text = "## Servers\n\n- [a.org](https://a.org) is one\n- [b.org](https://b.org)\n  - [c.org](https://c.org)\n";
        let document = parse(text);
        assert_eq!(document.lists.len(), 2);
        let outer = &document.lists[0];
        assert_eq!(outer.depth, 0);
        assert_eq!(outer.section, Some(0));
        assert_eq!(outer.items[0].links, [0]);
        assert_eq!(outer.items[1].links, [1]);
        assert_eq!(document.lists[1].items[0].links, [2]);
    }

    #[test]
    fn images_markdown_and_html() {
        let text = "![QR icon](../assets/qr.png)\n\n<img src=\"/assets/logo.svg\" alt=\"\">\n";
        let document = parse(text);
        assert_eq!(document.images.len(), 2);
        assert_eq!(
            &text[document.images[0].src_span.clone()],
            "../assets/qr.png"
        );
        assert_eq!(document.images[0].alt.as_deref(), Some("QR icon"));
        assert_eq!(document.images[1].src, "/assets/logo.svg");
    }

    #[test]
    fn unresolved_full_references_are_recorded() {
        let text = "A [link][nowhere] and [plain brackets].\n";
        let document = parse(text);
        assert_eq!(document.unresolved_references.len(), 1);
        assert_eq!(document.unresolved_references[0].label, "nowhere");
    }

    #[test]
    fn html_anchor_in_markdown_is_a_link() {
        let text = "Read <a href=\"https://x.org\">x.org</a>.\n";
        let document = parse(text);
        assert_eq!(document.links[0].kind, LinkKind::Html);
        assert_eq!(document.links[0].text, "x.org");
    }
}
