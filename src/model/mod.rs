//! The document model: what every rule reads. One `Document` per file, built once by
//! `parse`, with byte spans into the file's text. Documents do not keep the text itself, so
//! a large corpus stays small in memory; the report stage re-reads files it shows.

pub mod catalog;
pub mod fluent;
pub mod yaml;

use crate::source::Span;
use catalog::{Catalog, CatalogFormat};
use fluent::FluentFile;

/// What kind of content a file holds, which decides how it is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    Markdown,
    /// MDX: Markdown with ES statements, JSX and `{expressions}` (Docusaurus, Astro).
    Mdx,
    Html,
    Fluent,
    /// A string catalog; read only when a layout places it in a locale.
    Catalog(CatalogFormat),
}

impl FileKind {
    pub fn from_path(path: &str) -> Option<Self> {
        let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
        // Hugo keeps its catalogs as `i18n/<lang>.toml|yaml|json` (also inside themes).
        let hugo = path
            .rsplit('/')
            .nth(1)
            .is_some_and(|directory| directory == "i18n");
        let catalog = |format| Some(FileKind::Catalog(format));
        match extension.as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Some(FileKind::Markdown),
            "mdx" => Some(FileKind::Mdx),
            "html" | "htm" => Some(FileKind::Html),
            "ftl" => Some(FileKind::Fluent),
            "yml" | "yaml" | "toml" | "json" if hugo => catalog(CatalogFormat::Hugo),
            "yml" | "yaml" if path.starts_with("_data/") || path.contains("/_data/") => {
                catalog(CatalogFormat::JekyllData)
            }
            "yml" | "yaml" => catalog(CatalogFormat::Yaml),
            "json" if path.starts_with("_locales/") || path.contains("/_locales/") => {
                catalog(CatalogFormat::Chrome)
            }
            "json" => catalog(CatalogFormat::Json),
            "arb" => catalog(CatalogFormat::Arb),
            "po" | "pot" => catalog(CatalogFormat::Gettext),
            _ => None,
        }
    }

    /// Whether files of this kind are read only when a layout places them: a YAML or JSON
    /// file elsewhere (`_config.yml`, `package.json`) is not a string catalog.
    pub fn needs_layout(self) -> bool {
        matches!(self, FileKind::Catalog(_))
    }
}

/// Everything extracted from one file.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub front_matter: FrontMatterBlock,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub link_definitions: Vec<LinkDefinition>,
    /// `[text][label]` and `[text][]` whose label has no definition (rendered as plain text).
    pub unresolved_references: Vec<UnresolvedReference>,
    pub images: Vec<Image>,
    pub lists: Vec<List>,
    /// The page's blocks in page order (by start): headings, paragraphs, list items, table
    /// rows, code and HTML blocks, each with the invariants written in it.
    pub blocks: Vec<Block>,
    /// Markup the renderer does not read as the author meant (`[text]（url）`, `###Title`,
    /// `Title?{#id}`, `](url)` without its `[`), outside code.
    pub broken_markup: Vec<BrokenMarkup>,
    pub liquid: Vec<LiquidTag>,
    /// Liquid whose delimiters are broken (`{ % … % }`, an unclosed `{%`), outside code.
    pub broken_liquid: Vec<BrokenLiquid>,
    /// Ids set by HTML attributes (`id=`, `<a name=>`) and kramdown attribute lists (`{: #id}`).
    pub html_ids: Vec<Anchor>,
    /// Byte ranges of code spans and code blocks, in order: nothing inside them is a link.
    pub code: Vec<Span>,
    /// An HTML page whose only job is to send the reader elsewhere (`<meta http-equiv="refresh">`).
    pub redirect: Option<String>,
    /// The file could not be read: the document is empty and no rule looks at it.
    pub unreadable: bool,
    /// The messages and terms of a Fluent (`.ftl`) resource.
    pub fluent: Option<FluentFile>,
    /// The keys of a string catalog (`_data/lang/de.yml`, `locales/de/app.json`, `de.po`).
    pub catalog: Option<Catalog>,
    /// A digest of a page's text after the front matter (trimmed), `None` when that text is
    /// empty: equal digests tell an untranslated copy of the source page from a translation.
    pub body_digest: Option<u64>,
}

/// The front matter of a Markdown or HTML page: a `---` block starting on the first line.
#[derive(Debug, Clone, Default)]
pub enum FrontMatterBlock {
    #[default]
    Absent,
    /// Opened with `---` on the first line but never closed.
    Unclosed {
        opening: Span,
    },
    /// The YAML inside does not parse, or is not a mapping.
    Invalid {
        block: Span,
        error: Span,
        message: String,
    },
    Present(FrontMatter),
}

impl FrontMatterBlock {
    pub fn parsed(&self) -> Option<&FrontMatter> {
        match self {
            FrontMatterBlock::Present(front_matter) => Some(front_matter),
            _ => None,
        }
    }

    /// Whether the page has a front matter block at all, valid or not.
    pub fn exists(&self) -> bool {
        !matches!(self, FrontMatterBlock::Absent)
    }
}

#[derive(Debug, Clone)]
pub struct FrontMatter {
    /// From the opening `---` to the end of the closing `---` line.
    pub block: Span,
    /// The opening `---` line, where findings about the whole block point.
    pub opening: Span,
    /// The closing `---` line, where a missing key would be added.
    pub closing: Span,
    pub entries: Vec<FrontMatterEntry>,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&FrontMatterEntry> {
        self.entries.iter().find(|entry| entry.key == key)
    }
}

/// One top-level `key: value` of the front matter.
#[derive(Debug, Clone)]
pub struct FrontMatterEntry {
    pub key: String,
    pub key_span: Span,
    pub value: Value,
    pub value_span: Span,
}

/// A YAML value, reduced to what comparisons need.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    /// Any scalar, as the text it resolves to (`true`, `3`, `Hello`).
    Scalar(String),
    List(Vec<Value>),
    Mapping(Vec<(String, Value)>),
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Scalar(text) => Some(text),
            _ => None,
        }
    }

    /// The value written compactly on one line, for messages.
    pub fn display(&self) -> String {
        match self {
            Value::Null => "null".to_owned(),
            Value::Scalar(text) => text.clone(),
            Value::List(items) => {
                let items: Vec<_> = items.iter().map(Value::display).collect();
                format!("[{}]", items.join(", "))
            }
            Value::Mapping(entries) => {
                let entries: Vec<_> = entries
                    .iter()
                    .map(|(key, value)| format!("{key}: {}", value.display()))
                    .collect();
                format!("{{{}}}", entries.join(", "))
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    /// The rendered text (emphasis markers dropped, code and link text kept).
    pub text: String,
    /// The whole heading line(s).
    pub span: Span,
    /// The end of the heading's first line (before a setext underline): where `{#id}` goes.
    pub first_line_end: usize,
    /// `{#id}` written on the heading, or in a kramdown attribute list right after it.
    pub explicit_id: Option<Anchor>,
    /// The id the renderer generates when there is no explicit one; `None` when the renderer
    /// gives none or the text contains Liquid (its rendered value is unknown).
    pub generated_id: Option<String>,
    pub has_liquid: bool,
}

impl Heading {
    /// The id readers can link to.
    pub fn id(&self) -> Option<&str> {
        self.explicit_id
            .as_ref()
            .map(|anchor| anchor.id.as_str())
            .or(self.generated_id.as_deref())
    }
}

/// An id a `#fragment` can point to, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub id: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](target)`
    Inline,
    /// `[text][label]`, `[text][]`, `[text]`
    Reference,
    /// `<https://example.org>`
    Autolink,
    /// `<a href="…">` in raw HTML or an HTML page.
    Html,
    /// A URL in running text, found by linkify.
    Bare,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub kind: LinkKind,
    /// The target as written (for reference links: as written in the definition).
    pub target: String,
    /// Where the target is written (for reference links: in the definition).
    pub target_span: Span,
    /// The visible text, as rendered (markup dropped).
    pub text: String,
    /// Where the visible text is written (empty span at the link for texts made of markup only).
    pub text_span: Span,
    /// The whole link.
    pub span: Span,
    /// For reference links, the label (`[text][label]`).
    pub reference: Option<String>,
    /// The target contains Liquid (`{% … %}`, `{{ … }}`); its rendered value is unknown here.
    pub has_liquid: bool,
}

/// `[label]: target "title"`
#[derive(Debug, Clone)]
pub struct LinkDefinition {
    pub label: String,
    pub target: String,
    pub span: Span,
    pub target_span: Span,
}

/// A `[text][label]` whose label has no definition.
#[derive(Debug, Clone)]
pub struct UnresolvedReference {
    pub label: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    /// `![alt](src)` or `![alt][ref]`
    Markdown,
    /// `<img src>`
    HtmlSrc,
    /// `<source src>` in `<picture>`, `<video>` or `<audio>`: its alt text is the `<img>`'s.
    HtmlSource,
    /// One candidate of a `srcset` attribute.
    HtmlSrcset,
    /// `<video poster>`
    HtmlPoster,
}

#[derive(Debug, Clone)]
pub struct Image {
    pub kind: ImageKind,
    pub src: String,
    pub src_span: Span,
    /// `None` when the image has no alt attribute at all.
    pub alt: Option<String>,
    pub span: Span,
    pub has_liquid: bool,
}

#[derive(Debug, Clone)]
pub struct List {
    pub span: Span,
    pub ordered: bool,
    /// 0 for a top-level list, 1 for a list inside an item, …
    pub depth: usize,
    /// Index into `Document::headings` of the heading this list stands under.
    pub section: Option<usize>,
    pub items: Vec<ListItem>,
}

#[derive(Debug, Clone)]
pub struct ListItem {
    pub span: Span,
    /// Indices into `Document::links` of the links in this item, not in lists nested in it.
    pub links: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LiquidKind {
    /// `{% … %}`
    Tag,
    /// `{{ … }}`
    Output,
}

#[derive(Debug, Clone)]
pub struct LiquidTag {
    pub kind: LiquidKind,
    pub span: Span,
    /// The text between the delimiters, trimmed (`include standards-url`).
    pub content: String,
}

/// What is wrong with a broken Liquid tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiquidBreak {
    /// A space inside a delimiter (`{ %`, `% }`, `{ {`, `} }`): Liquid prints it as text.
    SpacedDelimiter,
    /// Opened but not closed before the paragraph ends: Liquid stops with a syntax error.
    Unclosed,
}

/// A Liquid tag that the renderer will not run as the author meant.
#[derive(Debug, Clone)]
pub struct BrokenLiquid {
    pub kind: LiquidKind,
    pub problem: LiquidBreak,
    /// From the opening delimiter to the end of the closing one (or of the line, if unclosed).
    pub span: Span,
    /// The text between the delimiters, trimmed (`include standards-url`).
    pub content: String,
}

/// What kind of block a `Block` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    ListItem,
    TableRow,
    CodeBlock,
    HtmlBlock,
}

/// One block of a page: what the alignment pairs across languages.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    /// The innermost block (a list item) this one stands in.
    pub parent: Option<usize>,
    /// How many list items and block quotes enclose it.
    pub depth: u8,
    /// Index into `Document::headings` of the heading whose section holds the block (for a
    /// heading: itself).
    pub section: Option<usize>,
    /// Indices into `Document::links`, `images`, `liquid` of what is written in this block and
    /// not in a block nested in it.
    pub links: Vec<usize>,
    pub images: Vec<usize>,
    pub liquid: Vec<usize>,
    /// Numbers (two digits or more) and inline code written in the block, for the alignment.
    pub literals: Vec<String>,
}

/// Why markup found by `BrokenMarkup` does not render as meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkupBreak {
    /// `[text]（url）`, `［text］(url)`, `！[alt](src)`: full-width punctuation.
    FullWidth,
    /// `[text] words (url)`, `[text] (<url>)`: something between `]` and `(`.
    WordsBeforeTarget,
    /// `[text]` at the end of a line, `(url)` starting the next.
    TargetOnNextLine,
    /// `["text]](url)`, `text](url)`, `!alt](src)`: a bracket doubled or missing.
    Brackets,
    /// `###Title`: no space after the `#`s, so no heading.
    HeadingWithoutSpace,
    /// A paragraph that ends with `{#id}`: a heading that lost its `#`s.
    HeadingWithoutMarker,
    /// `Title?{#id}` or `{#1x}`: an explicit id the renderer does not read.
    UnreadId,
    /// `{a2}…{/a2}`, `%1$s`: a translation tool's placeholder left in the text.
    Placeholder,
}

/// Markup the renderer shows as text, with the remains that tell what it stood for.
#[derive(Debug, Clone)]
pub struct BrokenMarkup {
    pub cause: MarkupBreak,
    /// The whole broken construct.
    pub span: Span,
    /// What is left of the link target, image path or id, when there is one.
    pub remains: Option<String>,
    pub remains_span: Span,
    /// Edits that restore the markup, when they follow from the text alone.
    pub repair: Vec<(Span, String)>,
}

impl LiquidTag {
    /// The tag's name: `include` for `{% include x %}`, the variable for `{{ site.x }}`.
    pub fn name(&self) -> &str {
        self.content
            .split(|c: char| c.is_whitespace() || c == '|')
            .next()
            .unwrap_or("")
    }
}

impl Document {
    /// Every id a `#fragment` can name on this page.
    pub fn anchor_ids(&self) -> impl Iterator<Item = &str> {
        self.headings
            .iter()
            .filter_map(Heading::id)
            .chain(self.html_ids.iter().map(|anchor| anchor.id.as_str()))
    }

    /// Whether a byte offset lies inside a code span or block.
    pub fn in_code(&self, offset: usize) -> bool {
        let after = self.code.partition_point(|span| span.start <= offset);
        after > 0 && self.code[after - 1].contains(&offset)
    }
}
