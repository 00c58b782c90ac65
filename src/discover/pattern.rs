//! The one compiler of path globs with a `{locale}` placeholder, for layouts
//! (`content/{locale}/**/*.md`) and for every rule option that names localised files
//! (`image-parity`'s `assets/{locale}/**`).

use super::locale::is_locale_code;
use regex::Regex;
use std::collections::BTreeSet;
use std::ops::Range;

/// A glob over `/`-separated relative paths: `*`, `**`, `?`, `{a,b}` and `{locale}`.
#[derive(Debug, Clone)]
pub struct LocalePattern {
    glob: String,
    regex: Regex,
    /// The locales `{locale}` stands for; `None`: any locale code.
    locales: Option<BTreeSet<String>>,
}

impl LocalePattern {
    pub fn new(glob: &str) -> Result<Self, String> {
        let regex = Regex::new(&format!("^{}$", glob_to_regex(glob)))
            .map_err(|err| format!("invalid pattern `{glob}`: {err}"))?;
        Ok(Self {
            glob: glob.to_owned(),
            regex,
            locales: None,
        })
    }

    /// A pattern whose `{locale}` is one of `locales` only (those a generator's config
    /// declares), whether or not they read as locale codes elsewhere.
    pub fn with_locales(mut self, locales: BTreeSet<String>) -> Self {
        self.locales = Some(locales);
        self
    }

    /// The glob as written.
    pub fn glob(&self) -> &str {
        &self.glob
    }

    pub fn has_placeholder(&self) -> bool {
        self.glob.contains("{locale}")
    }

    /// Whether the whole path matches (for patterns without `{locale}`, or any locale).
    pub fn is_match(&self, path: &str) -> bool {
        match self.regex.captures(path) {
            Some(captures) => captures
                .name("locale")
                .is_none_or(|locale| self.is_locale(locale.as_str())),
            None => false,
        }
    }

    /// Where the path holds its locale, when the pattern matches it with a locale there.
    pub fn locale_range(&self, path: &str) -> Option<Range<usize>> {
        let locale = self.regex.captures(path)?.name("locale")?;
        self.is_locale(locale.as_str()).then(|| locale.range())
    }

    fn is_locale(&self, code: &str) -> bool {
        match &self.locales {
            Some(locales) => locales.contains(code),
            None => is_locale_code(code),
        }
    }
}

/// `path` with the locale at `range` written `{locale}`: `assets/{locale}/shot.png`.
pub fn with_placeholder(path: &str, range: Range<usize>) -> String {
    format!("{}{{locale}}{}", &path[..range.start], &path[range.end..])
}

/// A glob as a regex body. `*` is lazy so that in `shot-{locale}.png` the locale is the
/// longest tail (`pt-BR` in `shot-pt-BR.png`, not `BR`).
fn glob_to_regex(glob: &str) -> String {
    let mut regex = String::new();
    let mut rest = glob;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("{locale}") {
            regex.push_str(r"(?P<locale>[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("**/") {
            regex.push_str("(?:[^/]+/)*?");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("**") {
            regex.push_str(".*?");
            rest = after;
        } else if c == '{'
            && let Some(close) = rest.find('}')
        {
            let alternatives: Vec<String> = rest[1..close].split(',').map(regex::escape).collect();
            regex.push_str(&format!("(?:{})", alternatives.join("|")));
            rest = &rest[close + 1..];
        } else {
            match c {
                '*' => regex.push_str("[^/]*?"),
                '?' => regex.push_str("[^/]"),
                _ => regex.push_str(&regex::escape(&c.to_string())),
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    regex
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(glob: &str, path: &str) -> Option<String> {
        let pattern = LocalePattern::new(glob).unwrap();
        pattern
            .locale_range(path)
            .map(|range| path[range].to_owned())
    }

    #[test]
    fn captures_the_locale_wherever_the_placeholder_is() {
        assert_eq!(
            placed("{locale}/**/*.md", "pt_BR/a/b.md").as_deref(),
            Some("pt_BR")
        );
        assert_eq!(
            placed("**/*.{locale}.md", "docs/a.b.de.md").as_deref(),
            Some("de")
        );
        assert_eq!(
            placed("**/*-{locale}.png", "img/my-shot-pt-BR.png").as_deref(),
            Some("pt-BR")
        );
        assert_eq!(
            placed("assets/{locale}/**", "assets/nan-TW/x/y.png").as_deref(),
            Some("nan-TW")
        );
        assert_eq!(placed("{locale}/**/*.md", "img/a.md"), None);
        assert_eq!(
            placed("{locale}.{yml,yaml}", "es.yaml").as_deref(),
            Some("es")
        );
    }

    #[test]
    fn declared_locales_replace_the_code_check() {
        let pattern = LocalePattern::new("i18n/{locale}/**")
            .unwrap()
            .with_locales(["api".to_owned()].into());
        assert!(pattern.locale_range("i18n/api/x.md").is_some());
        assert!(pattern.locale_range("i18n/de/x.md").is_none());
    }

    #[test]
    fn placeholder_replaces_the_locale() {
        let path = "assets/de/shot.png";
        assert_eq!(with_placeholder(path, 7..9), "assets/{locale}/shot.png");
    }
}
