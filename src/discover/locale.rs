//! Locale codes: which names in paths and configs are locales (`es`, `pt_BR`, `zh-Hant`,
//! `sr-Latn-RS`, `nan-TW`, `lad`), how two spellings compare, and which locale of a site is
//! its source. The one implementation every layer uses.
//!
//! A name is a locale when it parses as a BCP 47 language tag whose subtags are registered
//! in the IANA Language Subtag Registry (through the `language-tags` crate), so no list of
//! languages is kept here. The registry also holds three-letter codes that read as ordinary
//! folder names (`css`, `api`, `lib`, `src`): those are refused unless a generator's config
//! names them as locales.

use language_tags::LanguageTag;

/// Registered three-letter language subtags that are far more often folder or file names
/// than locales of a translated site. Asturian (`ast`) is left out: sites are translated
/// into it.
const FOLDER_WORDS: &[&str] = &[
    "abs", "act", "add", "ads", "age", "air", "all", "alt", "amp", "any", "api", "apk", "app",
    "arc", "arr", "art", "aux", "avi", "bag", "bar", "bib", "bid", "big", "bin", "bio", "bit",
    "biz", "bmp", "bot", "box", "bug", "bus", "buy", "cab", "can", "cap", "car", "cdn", "cfg",
    "chr", "cla", "cli", "cms", "coc", "col", "com", "cov", "cpu", "crm", "crt", "csr", "css",
    "csv", "cup", "cur", "cut", "day", "def", "del", "dep", "dev", "dir", "doc", "dos", "dox",
    "dry", "end", "env", "err", "etc", "ext", "fan", "fly", "fun", "fut", "gem", "git", "gnu",
    "gui", "gym", "hot", "how", "hub", "ibm", "inc", "inn", "int", "jks", "job", "kbd", "key",
    "kit", "lab", "lan", "law", "let", "lib", "lic", "log", "lot", "low", "man", "map", "max",
    "mdn", "mdx", "med", "men", "mil", "min", "mit", "mod", "mov", "msg", "mus", "net", "new",
    "nix", "now", "num", "ogg", "old", "one", "opt", "org", "osx", "pad", "pay", "pem", "pic",
    "pip", "pix", "pkg", "png", "pod", "pop", "pre", "pro", "pst", "pub", "put", "pwa", "ram",
    "rap", "rar", "raw", "rel", "res", "rom", "row", "sad", "sci", "sdk", "sea", "sec", "sem",
    "seo", "set", "sig", "six", "sky", "src", "sre", "ssd", "ssg", "ssh", "ssl", "ssr", "str",
    "sub", "sum", "sys", "tab", "tag", "tar", "tbl", "tcp", "tea", "ten", "tex", "tif", "tip",
    "tls", "tmp", "toe", "top", "tos", "toy", "try", "tsv", "tsx", "two", "txt", "unx", "val",
    "van", "var", "ver", "vid", "vis", "wan", "war", "wav", "way", "win", "www", "xml", "yes",
    "yml", "zoo",
];

/// Registered language subtags that name no language of content: undetermined, multiple,
/// no linguistic content, uncoded.
const NOT_A_LANGUAGE: &[&str] = &["und", "mul", "zxx", "mis"];

/// Whether `name` is a locale code as written in a path or a file name: a registered
/// language (lowercase, as paths write it), optionally followed by registered script,
/// region and variant subtags joined with `-` or `_` (`pt_BR`, `zh-Hant`, `es-419`).
pub fn is_locale_code(name: &str) -> bool {
    parse_locale(name).is_some_and(|tag| !FOLDER_WORDS.contains(&tag.primary_language()))
}

/// Whether `name` is a locale code when a generator's config declares it (`locales:
/// [en, api]`): like [`is_locale_code`], without refusing folder-like languages.
pub fn is_declared_locale_code(name: &str) -> bool {
    parse_locale(name).is_some()
}

fn parse_locale(name: &str) -> Option<LanguageTag> {
    let language = name.split(['-', '_']).next().unwrap_or_default();
    if !language.bytes().all(|byte| byte.is_ascii_lowercase()) {
        return None;
    }
    let tag = LanguageTag::parse(&name.replace('_', "-")).ok()?;
    let plain = tag.extended_language().is_none()
        && tag.extension().is_none()
        && tag.private_use().is_none();
    let language = tag.primary_language();
    let private_range = language.len() == 3 && ("qaa"..="qtz").contains(&language);
    (plain && !private_range && !NOT_A_LANGUAGE.contains(&language) && tag.validate().is_ok())
        .then_some(tag)
}

/// Whether two codes name the same locale: `pt_BR`, `pt-BR` and `pt-br` do.
pub fn same_locale(a: &str, b: &str) -> bool {
    normalise(a) == normalise(b)
}

/// The language subtag of a locale code: `pt` for `pt_BR`.
pub fn language_of(locale: &str) -> &str {
    locale.split(['-', '_']).next().unwrap_or(locale)
}

fn normalise(code: &str) -> String {
    code.replace('_', "-").to_ascii_lowercase()
}

/// The source locale of a site whose configuration names none, from the locales its files
/// are in and how many files each has: `default` when present (`en`), else a variant of its
/// language (`en-US`, `en_GB`), else the locale with the most files. Among variants with as
/// many files, the language's most likely region (CLDR likely subtags: `en-US` for `en`) wins:
/// the source is complete, and so are some translations into a regional variant. `None` when
/// there are no locales at all.
pub fn detect_source_locale<'a>(
    default: &str,
    files_per_locale: impl IntoIterator<Item = (&'a str, usize)>,
) -> Option<String> {
    let counts: Vec<(&str, usize)> = files_per_locale.into_iter().collect();
    if counts.iter().any(|(locale, _)| *locale == default) {
        return Some(default.to_owned());
    }
    let likely_region = likely_region(default);
    let is_likely = |locale: &str| {
        let region = locale.split(['-', '_']).nth(1);
        region.is_some_and(|region| Some(region.to_ascii_uppercase()) == likely_region)
    };
    let best = |candidates: Vec<(&str, usize)>| {
        candidates
            .into_iter()
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then_with(|| is_likely(a.0).cmp(&is_likely(b.0)))
                    .then_with(|| b.0.cmp(a.0))
            })
            .map(|(locale, _)| locale.to_owned())
    };
    let same_language = |locale: &str| language_of(locale) == language_of(default);
    best(
        counts
            .iter()
            .copied()
            .filter(|(locale, _)| same_language(locale))
            .collect(),
    )
    .or_else(|| best(counts))
}

/// The region CLDR deems most likely for a language: `US` for `en`, `BR` for `pt`.
fn likely_region(language: &str) -> Option<String> {
    let mut identifier: unic_langid::LanguageIdentifier = language.parse().ok()?;
    identifier.maximize();
    identifier.region.map(|region| region.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_registered_locale_codes() {
        for code in [
            "en",
            "es",
            "pt_BR",
            "pt-br",
            "zh_CN",
            "zh-Hant",
            "sr-Latn",
            "sr-Latn-RS",
            "es-419",
            "fil",
            "de-AT",
            "lad",
            "nan-TW",
            "tlh",
            "ast",
            "yue",
            "de-CH-1996",
        ] {
            assert!(is_locale_code(code), "{code}");
        }
    }

    #[test]
    fn locale_spellings_compare_equal() {
        assert!(same_locale("pt_BR", "pt-br"));
        assert!(!same_locale("pt", "pt_BR"));
        assert_eq!(language_of("pt_BR"), "pt");
    }

    #[test]
    fn source_locale_prefers_the_default_then_its_language_then_the_largest() {
        assert_eq!(
            detect_source_locale("en", [("en", 1), ("de", 9)]).as_deref(),
            Some("en")
        );
        assert_eq!(
            detect_source_locale("en", [("en-US", 3), ("de", 9), ("en-GB", 2)]).as_deref(),
            Some("en-US")
        );
        assert_eq!(
            detect_source_locale("en", [("zh", 9), ("ja", 4)]).as_deref(),
            Some("zh")
        );
        assert_eq!(detect_source_locale("en", []), None);
    }

    #[test]
    fn among_equally_large_variants_the_likely_region_is_the_source() {
        assert_eq!(
            detect_source_locale("en", [("en-CA", 4), ("en-GB", 4), ("en-US", 4), ("de", 4)])
                .as_deref(),
            Some("en-US")
        );
        assert_eq!(
            detect_source_locale("pt", [("pt-PT", 2), ("pt_BR", 2)]).as_deref(),
            Some("pt_BR")
        );
    }

    #[test]
    fn rejects_ordinary_directory_names() {
        for name in [
            "assets",
            "img",
            "css",
            "js",
            "api",
            "lib",
            "src",
            "doc",
            "app",
            "_posts",
            "docs",
            "EN",
            "en_",
            "xx",
            "und",
            "qaa",
            "x-foo",
            "en-x-private",
            "i18n",
            "v1",
            "static",
            "blog",
        ] {
            assert!(!is_locale_code(name), "{name}");
        }
        assert!(is_declared_locale_code("api"));
        assert!(!is_declared_locale_code("img"));
    }
}
