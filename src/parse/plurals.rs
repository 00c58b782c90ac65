//! CLDR plural categories of a locale, for checking plural variant keys (`[one]`, `[few]`),
//! and gettext `Plural-Forms` formulas.

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

/// The cardinal plural categories of `locale` in CLDR order (`zero`, `one`, `two`, `few`,
/// `many`, `other`) as the bundled CLDR data defines them, or `None` when the code does not parse or CLDR has no rules for it.
///
/// Accepts the spellings found in file names: `pt_BR`, `zh-Hant`, `sr-Latn`. A regional or
/// script variant without rules of its own falls back to its language (`pt-BR` uses `pt`).
pub fn plural_categories(locale: &str) -> Option<Vec<&'static str>> {
    categories(locale, PluralRuleType::CARDINAL)
}

/// The ordinal categories (`1st`, `2nd`, `3rd`, `4th` are `one two few other` in English).
pub fn ordinal_categories(locale: &str) -> Option<Vec<&'static str>> {
    categories(locale, PluralRuleType::ORDINAL)
}

/// The cardinal categories that select exactly one number (`one` in English is 1 only; in
/// French it is 0 and 1, in Russian 1, 21, 31, …): a form for such a category may say the
/// number in words instead of printing it.
pub fn single_number_categories(locale: &str) -> Vec<&'static str> {
    let Some(rules) = rules(locale, PluralRuleType::CARDINAL) else {
        return Vec::new();
    };
    let mut hits: Vec<(&'static str, usize)> = Vec::new();
    // Counts are whole numbers: `0.0` selecting Welsh `zero` too does not make it two numbers.
    for sample in 0..=1000u32 {
        if let Ok(category) = rules.select(sample) {
            let name = category_name(&category);
            match hits.iter_mut().find(|(known, _)| *known == name) {
                Some((_, count)) => *count += 1,
                None => hits.push((name, 1)),
            }
        }
    }
    hits.into_iter()
        .filter(|(_, count)| *count == 1)
        .map(|(name, _)| name)
        .collect()
}

fn rules(locale: &str, kind: PluralRuleType) -> Option<PluralRules> {
    let langid: LanguageIdentifier = locale.replace('_', "-").parse().ok()?;
    let language_only = LanguageIdentifier::from_parts(langid.language, None, None, &[]);
    PluralRules::create(langid, kind)
        .or_else(|_| PluralRules::create(language_only, kind))
        .ok()
}

fn categories(locale: &str, kind: PluralRuleType) -> Option<Vec<&'static str>> {
    let rules = rules(locale, kind)?;
    // intl_pluralrules cannot list a locale's categories, so they are found by selecting
    // numbers that together reach every category CLDR defines.
    let mut found = Vec::new();
    for sample in plural_samples() {
        if let Ok(category) = rules.select(sample.as_str()) {
            let name = category_name(&category);
            if !found.contains(&name) {
                found.push(name);
            }
        }
    }
    found.sort_by_key(|name| CLDR_ORDER.iter().position(|known| known == name));
    Some(found)
}

const CLDR_ORDER: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Integers up to 1000 reach every integer category (Arabic's `many` is 11–99 modulo 100,
/// Welsh's `many` is 6); decimals reach the categories only fractions select (`other` in
/// Russian, `one` for 0.0–1.5 in French); a million reaches the `many` that newer CLDR versions
/// give French, Spanish and Italian.
fn plural_samples() -> impl Iterator<Item = String> {
    let integers = (0..=1000).map(|n: u32| n.to_string());
    let decimals = (0..=30).map(|tenths: u32| format!("{}.{}", tenths / 10, tenths % 10));
    let large = ["1000000", "0.00", "1.00", "10.0"].map(str::to_owned);
    integers.chain(decimals).chain(large)
}

fn category_name(category: &PluralCategory) -> &'static str {
    match category {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// A gettext `plural=` formula (`n%10==1 && n%100!=11 ? 0 : …`), parsed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluralFormula {
    node: Node,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    N,
    Number(u64),
    Not(Box<Node>),
    Binary(Box<Node>, Operator, Box<Node>),
    Conditional(Box<Node>, Box<Node>, Box<Node>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operator {
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
}

impl PluralFormula {
    /// Parses C's subset that gettext formulas use; `None` for anything else.
    pub fn parse(expression: &str) -> Option<Self> {
        let tokens = tokenize(expression)?;
        let mut parser = FormulaParser {
            tokens,
            at: 0,
            depth: 0,
        };
        let node = parser.conditional()?;
        (parser.at == parser.tokens.len()).then_some(Self { node })
    }

    /// The index of the form used for `n`.
    pub fn index(&self, n: u64) -> Option<u64> {
        evaluate(&self.node, n)
    }

    /// The form indices that only one number in 0..=1000 selects: a form for such an index may
    /// say the number in words.
    pub fn single_number_indices(&self) -> Vec<u64> {
        let mut hits: std::collections::BTreeMap<u64, usize> = std::collections::BTreeMap::new();
        for n in 0..=1000 {
            if let Some(index) = self.index(n) {
                *hits.entry(index).or_default() += 1;
            }
        }
        hits.into_iter()
            .filter(|(_, count)| *count == 1)
            .map(|(index, _)| index)
            .collect()
    }
}

fn evaluate(node: &Node, n: u64) -> Option<u64> {
    Some(match node {
        Node::N => n,
        Node::Number(value) => *value,
        Node::Not(inner) => u64::from(evaluate(inner, n)? == 0),
        Node::Conditional(condition, then, otherwise) => {
            if evaluate(condition, n)? != 0 {
                evaluate(then, n)?
            } else {
                evaluate(otherwise, n)?
            }
        }
        Node::Binary(left, operator, right) => {
            let left = evaluate(left, n)?;
            let right = evaluate(right, n)?;
            match operator {
                Operator::Or => u64::from(left != 0 || right != 0),
                Operator::And => u64::from(left != 0 && right != 0),
                Operator::Equal => u64::from(left == right),
                Operator::NotEqual => u64::from(left != right),
                Operator::Less => u64::from(left < right),
                Operator::LessEqual => u64::from(left <= right),
                Operator::Greater => u64::from(left > right),
                Operator::GreaterEqual => u64::from(left >= right),
                Operator::Add => left.checked_add(right)?,
                Operator::Subtract => left.checked_sub(right)?,
                Operator::Multiply => left.checked_mul(right)?,
                Operator::Divide => left.checked_div(right)?,
                Operator::Remainder => left.checked_rem(right)?,
            }
        }
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    N,
    Number(u64),
    Symbol(&'static str),
}

fn tokenize(expression: &str) -> Option<Vec<Token>> {
    const SYMBOLS: [&str; 19] = [
        "||", "&&", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "!", "?", ":", "(",
        ")", ";",
    ];
    let mut tokens = Vec::new();
    let mut rest = expression.trim().trim_end_matches(';');
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
        } else if c == 'n' {
            tokens.push(Token::N);
            rest = &rest[1..];
        } else if c.is_ascii_digit() {
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            tokens.push(Token::Number(rest[..end].parse().ok()?));
            rest = &rest[end..];
        } else {
            let symbol = SYMBOLS.iter().find(|symbol| rest.starts_with(**symbol))?;
            tokens.push(Token::Symbol(symbol));
            rest = &rest[symbol.len()..];
        }
    }
    Some(tokens)
}

struct FormulaParser {
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

impl FormulaParser {
    fn eat(&mut self, symbol: &str) -> bool {
        if matches!(self.tokens.get(self.at), Some(Token::Symbol(found)) if *found == symbol) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn conditional(&mut self) -> Option<Node> {
        self.depth += 1;
        if self.depth > 64 {
            return None;
        }
        let condition = self.binary(0)?;
        let node = if self.eat("?") {
            let then = self.conditional()?;
            if !self.eat(":") {
                return None;
            }
            let otherwise = self.conditional()?;
            Node::Conditional(Box::new(condition), Box::new(then), Box::new(otherwise))
        } else {
            condition
        };
        self.depth -= 1;
        Some(node)
    }

    /// Binary operators by C precedence, loosest first.
    fn binary(&mut self, level: usize) -> Option<Node> {
        const LEVELS: [&[(&str, Operator)]; 6] = [
            &[("||", Operator::Or)],
            &[("&&", Operator::And)],
            &[("==", Operator::Equal), ("!=", Operator::NotEqual)],
            &[
                ("<=", Operator::LessEqual),
                (">=", Operator::GreaterEqual),
                ("<", Operator::Less),
                (">", Operator::Greater),
            ],
            &[("+", Operator::Add), ("-", Operator::Subtract)],
            &[
                ("*", Operator::Multiply),
                ("/", Operator::Divide),
                ("%", Operator::Remainder),
            ],
        ];
        let Some(operators) = LEVELS.get(level) else {
            return self.unary();
        };
        let mut left = self.binary(level + 1)?;
        'outer: loop {
            for (symbol, operator) in operators.iter() {
                if self.eat(symbol) {
                    let right = self.binary(level + 1)?;
                    left = Node::Binary(Box::new(left), *operator, Box::new(right));
                    continue 'outer;
                }
            }
            return Some(left);
        }
    }

    fn unary(&mut self) -> Option<Node> {
        if self.eat("!") {
            self.depth += 1;
            if self.depth > 64 {
                return None;
            }
            let inner = self.unary()?;
            self.depth -= 1;
            return Some(Node::Not(Box::new(inner)));
        }
        if self.eat("(") {
            let inner = self.conditional()?;
            return self.eat(")").then_some(inner);
        }
        let token = self.tokens.get(self.at)?.clone();
        self.at += 1;
        match token {
            Token::N => Some(Node::N),
            Token::Number(value) => Some(Node::Number(value)),
            Token::Symbol(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_of_common_locales() {
        assert_eq!(plural_categories("en"), Some(vec!["one", "other"]));
        assert_eq!(plural_categories("ja"), Some(vec!["other"]));
        // intl_pluralrules 7 ships CLDR 37, before French gained `many` (CLDR 38).
        assert_eq!(plural_categories("fr"), Some(vec!["one", "other"]));
        assert_eq!(
            plural_categories("ru"),
            Some(vec!["one", "few", "many", "other"])
        );
        assert_eq!(
            plural_categories("ar"),
            Some(vec!["zero", "one", "two", "few", "many", "other"])
        );
        assert_eq!(
            plural_categories("cy"),
            Some(vec!["zero", "one", "two", "few", "many", "other"])
        );
        assert_eq!(
            plural_categories("pl"),
            Some(vec!["one", "few", "many", "other"])
        );
    }

    #[test]
    fn file_name_spellings_and_fallback_to_the_language() {
        assert_eq!(plural_categories("pt_BR"), plural_categories("pt"));
        assert_eq!(plural_categories("zh-Hant"), Some(vec!["other"]));
        assert_eq!(plural_categories("sr-Latn"), plural_categories("sr"));
        assert_eq!(plural_categories("zh_CN"), Some(vec!["other"]));
    }

    #[test]
    fn ordinals_and_single_number_categories() {
        assert_eq!(
            ordinal_categories("en"),
            Some(vec!["one", "two", "few", "other"])
        );
        assert_eq!(single_number_categories("en"), ["one"]);
        assert!(single_number_categories("fr").is_empty());
        assert!(single_number_categories("ru").is_empty());
        let welsh = single_number_categories("cy");
        for category in ["zero", "one", "two", "few", "many"] {
            assert!(welsh.contains(&category), "{category}");
        }
        assert_eq!(single_number_categories("ja"), Vec::<&str>::new());
    }

    #[test]
    fn gettext_formulas() {
        let russian = PluralFormula::parse(
            "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        )
        .unwrap();
        assert_eq!(russian.index(1), Some(0));
        assert_eq!(russian.index(21), Some(0));
        assert_eq!(russian.index(3), Some(1));
        assert_eq!(russian.index(11), Some(2));
        assert!(russian.single_number_indices().is_empty());
        let english = PluralFormula::parse("n != 1").unwrap();
        assert_eq!(english.single_number_indices(), [0]);
        assert_eq!(PluralFormula::parse("0").unwrap().index(5), Some(0));
        assert!(PluralFormula::parse("n ? : 1").is_none());
        assert!(PluralFormula::parse("n / 0").unwrap().index(3).is_none());
        assert!(PluralFormula::parse(&"(".repeat(500)).is_none());
    }

    #[test]
    fn unknown_or_malformed_codes_have_no_categories() {
        assert_eq!(plural_categories("not a locale"), None);
        assert_eq!(plural_categories("qqq"), None);
    }
}
