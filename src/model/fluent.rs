//! Fluent (`.ftl`) resources: messages and terms with byte spans, as `parse::fluent` reads
//! them.

use crate::source::Span;
use std::collections::{BTreeSet, HashMap};

/// The parser's reason for a piece of junk; match on it to single out, say,
/// `MissingDefaultVariant`.
pub use fluent_syntax::parser::ErrorKind as FluentErrorKind;

/// A parsed Fluent resource: its messages and terms in file order, and the parts that did not
/// parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FluentFile {
    /// Messages and terms in file order; an id defined twice appears twice.
    pub entries: Vec<FluentEntry>,
    pub junk: Vec<FluentJunk>,
    /// The position in `entries` of the first message and the first term of each id.
    first: HashMap<String, [Option<usize>; 2]>,
}

/// A message (`id = ...`) or term (`-id = ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FluentEntry {
    /// The identifier without a term's `-`.
    pub id: String,
    pub is_term: bool,
    /// The identifier, including a term's `-`.
    pub id_span: Span,
    /// From the identifier to the last character of the entry (its comment is not included).
    pub span: Span,
    pub value: Option<FluentPattern>,
    pub attributes: Vec<FluentAttribute>,
}

/// An attribute (`.title = ...`) of a message or term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FluentAttribute {
    pub name: String,
    pub name_span: Span,
    /// From the `.` to the end of the value.
    pub span: Span,
    pub value: FluentPattern,
}

/// What a value or attribute pattern contains, everything with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FluentPattern {
    /// The pattern's text after `=`, without surrounding blanks.
    pub span: Span,
    /// Every `$variable`, in source order, including selectors and function arguments.
    pub variables: Vec<VariableUse>,
    /// Every message and term reference, in source order, at any depth.
    pub references: Vec<Reference>,
    /// Every select expression, outer before inner; [`VariantIndex::select`] indexes this.
    pub selects: Vec<Select>,
    /// The literal text pieces (not blank ones), e.g. to look for URLs.
    pub text_runs: Vec<TextRun>,
}

/// A piece of literal text of a pattern, as written (one line at most).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextRun {
    pub text: String,
    pub span: Span,
}

/// A variant of one select expression of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VariantIndex {
    /// Index into [`FluentPattern::selects`].
    pub select: usize,
    /// Index into that select's [`Select::variants`].
    pub variant: usize,
}

/// One use of a variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableUse {
    /// The name without `$`.
    pub name: String,
    /// `$name`.
    pub span: Span,
    /// Keys of the enclosing variants, outermost first; empty outside select expressions.
    pub variant_path: Vec<String>,
    /// The innermost enclosing variant, `None` outside select expressions.
    pub enclosing: Option<VariantIndex>,
    /// Whether this is a select expression's selector (`{ $count -> ...}`). A selector belongs
    /// to the context around its select expression, so it counts for all of its variants.
    pub as_selector: bool,
}

/// Whether a reference names a message or a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferenceKind {
    Message,
    Term,
}

/// A reference to a message (`{ other }`, `{ other.attr }`) or term (`{ -brand }`,
/// `{ -brand(case: "genitive") }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub kind: ReferenceKind,
    /// The id without a term's `-`.
    pub id: String,
    pub attribute: Option<String>,
    /// The whole reference: `-brand.attr(case: "x")`, without the placeable's braces.
    pub span: Span,
    /// A term reference's named arguments, in source order.
    pub named_arguments: Vec<NamedArgument>,
}

/// A named argument `name: "value"` of a term reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedArgument {
    pub name: String,
    /// The literal's value: a string without its quotes, or a number as written.
    pub value: String,
    /// From the name to the end of the value.
    pub span: Span,
}

/// A select expression `{ $selector -> [key] ... *[other] ... }`.
///
/// A select expression without a default variant does not parse: it is junk with
/// [`FluentErrorKind::MissingDefaultVariant`], so every `Select` has exactly one default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Select {
    /// From `{` to `}`.
    pub span: Span,
    /// The selector's variable name, when the selector is a variable (or a function of one,
    /// like `NUMBER($count)`).
    pub selector_variable: Option<String>,
    pub variants: Vec<Variant>,
    /// The variant this select is nested in, `None` at the top of the pattern.
    pub enclosing: Option<VariantIndex>,
}

/// One variant `[key] value` of a select expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The key as written, e.g. `one` or `0`.
    pub key: String,
    /// The key inside the brackets.
    pub key_span: Span,
    /// Whether the key is a number literal rather than a name such as a plural category.
    pub is_numeric: bool,
    /// Marked with `*`.
    pub is_default: bool,
    /// From `[` (or the `*` before it) to the end of the variant's value.
    pub span: Span,
}

/// A part of the file that did not parse, with the parser's reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FluentJunk {
    /// The skipped text: from where the broken entry starts to where the next entry starts.
    pub span: Span,
    /// Where exactly the parser stopped (within `span`).
    pub error_span: Span,
    pub kind: FluentErrorKind,
    /// `kind` as a sentence, e.g. "expected token `=`".
    pub message: String,
    /// The id of the message or term the junk starts with (`-brand` gives `brand`, and
    /// `is_term`), so that other checks can tell a broken entry from a missing one.
    pub entry_id: Option<(String, bool)>,
}

/// The variables reachable along one path through a pattern's select expressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantBranch {
    /// The chosen variant keys, outer before inner and left before right; empty when the
    /// pattern has no select expression.
    pub path: Vec<String>,
    /// The chosen variants, parallel to `path`.
    pub variants: Vec<VariantIndex>,
    /// The variables used along that path: outside any select, as selectors, and inside the
    /// chosen variants.
    pub variables: BTreeSet<String>,
}

impl FluentFile {
    pub fn new(entries: Vec<FluentEntry>, junk: Vec<FluentJunk>) -> Self {
        let mut first: HashMap<String, [Option<usize>; 2]> = HashMap::new();
        for (position, entry) in entries.iter().enumerate() {
            let slot = &mut first.entry(entry.id.clone()).or_default()[usize::from(entry.is_term)];
            slot.get_or_insert(position);
        }
        Self {
            entries,
            junk,
            first,
        }
    }

    /// The first message (or term, with `is_term`) called `id`.
    pub fn find(&self, id: &str, is_term: bool) -> Option<&FluentEntry> {
        let position = self.first.get(id)?[usize::from(is_term)]?;
        self.entries.get(position)
    }

    /// Whether `entry` is not the first of its id (and kind) in the file.
    pub fn is_duplicate(&self, position: usize) -> bool {
        let entry = &self.entries[position];
        self.first
            .get(&entry.id)
            .and_then(|first| first[usize::from(entry.is_term)])
            .is_some_and(|first| first != position)
    }
}

impl FluentPattern {
    /// The names of all variables the pattern uses anywhere.
    pub fn variable_names(&self) -> BTreeSet<&str> {
        self.variables
            .iter()
            .map(|use_| use_.name.as_str())
            .collect()
    }

    /// One branch per combination of variants through the select expressions, each with the
    /// variables a reader of that branch would see. A translation keeps the source's variables
    /// when each of its branches has them; a variant may leave a variable out when it is the
    /// selector (`[one] One file` under `{ $count -> ...}`), since the selector counts for all.
    pub fn variables_by_variant(&self) -> Vec<VariantBranch> {
        self.branches(None)
    }

    fn branches(&self, context: Option<VariantIndex>) -> Vec<VariantBranch> {
        let variables = self
            .variables
            .iter()
            .filter(|use_| use_.enclosing == context)
            .map(|use_| use_.name.clone())
            .collect();
        let mut branches = vec![VariantBranch {
            path: Vec::new(),
            variants: Vec::new(),
            variables,
        }];
        let nested_selects = self
            .selects
            .iter()
            .enumerate()
            .filter(|(_, select)| select.enclosing == context);
        for (select_index, select) in nested_selects {
            let choices: Vec<VariantBranch> = (0..select.variants.len())
                .flat_map(|variant| {
                    let key = &select.variants[variant].key;
                    let chosen = VariantIndex {
                        select: select_index,
                        variant,
                    };
                    let inner = self.branches(Some(chosen));
                    inner.into_iter().map(move |branch| VariantBranch {
                        path: std::iter::once(key.clone()).chain(branch.path).collect(),
                        variants: std::iter::once(chosen).chain(branch.variants).collect(),
                        variables: branch.variables,
                    })
                })
                .collect();
            if branches.len().saturating_mul(choices.len()) > MAX_BRANCHES {
                // Selects in a row multiply the branches: 40 of them would make 2^40. Past the
                // limit, every branch gets what all variants of this select have in common.
                let mut common = choices.iter().map(|choice| &choice.variables);
                let first = common.next().cloned().unwrap_or_default();
                let shared: BTreeSet<String> = common.fold(first, |shared, variables| {
                    shared.intersection(variables).cloned().collect()
                });
                for branch in &mut branches {
                    branch.variables.extend(shared.iter().cloned());
                }
                continue;
            }
            branches = branches
                .iter()
                .flat_map(|before| {
                    choices.iter().map(move |choice| VariantBranch {
                        path: before.path.iter().chain(&choice.path).cloned().collect(),
                        variants: before
                            .variants
                            .iter()
                            .chain(&choice.variants)
                            .copied()
                            .collect(),
                        variables: before.variables.union(&choice.variables).cloned().collect(),
                    })
                })
                .collect();
        }
        branches
    }
}

/// The most branches `variables_by_variant` lists; real messages have a handful.
const MAX_BRANCHES: usize = 1024;
