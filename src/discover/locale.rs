//! Recognising locale codes in paths: `es`, `pt_BR`, `zh-Hant`, `sr-Latn`, `zh_CN`.

/// ISO 639-1 language codes.
const TWO_LETTER: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Three-letter codes of languages that sites are commonly translated into and that have no
/// two-letter code. Kept short on purpose: `css`, `img` or `api` must never read as locales.
const THREE_LETTER: &[&str] = &[
    "ast", "bal", "ckb", "fil", "fur", "gsw", "haw", "hsb", "kab", "kmr", "lij", "lmo", "nds",
    "pcm", "sat", "scn", "sco", "szl", "tok", "tzm", "vec", "yue", "zgh",
];

/// Whether `name` is a locale code: a known language, optionally followed by script and
/// region subtags joined with `-` or `_` (`pt_BR`, `zh-Hant`, `sr-Latn-RS`, `es-419`).
pub fn is_locale_code(name: &str) -> bool {
    let mut subtags = name.split(['-', '_']);
    let language = subtags.next().unwrap_or_default();
    let known = language.len() == 2 && TWO_LETTER.contains(&language)
        || language.len() == 3 && THREE_LETTER.contains(&language);
    known && subtags.all(is_script_or_region)
}

/// Whether two codes name the same locale: `pt_BR`, `pt-BR` and `pt-br` do.
pub fn same_locale(a: &str, b: &str) -> bool {
    let normalise = |code: &str| code.replace('_', "-").to_ascii_lowercase();
    normalise(a) == normalise(b)
}

/// The language subtag of a locale code: `pt` for `pt_BR`.
pub fn language_of(locale: &str) -> &str {
    locale.split(['-', '_']).next().unwrap_or(locale)
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

fn is_script_or_region(subtag: &str) -> bool {
    let letters = subtag.chars().all(|c| c.is_ascii_alphabetic());
    let digits = subtag.chars().all(|c| c.is_ascii_digit());
    (letters && matches!(subtag.len(), 2 | 4)) || (digits && subtag.len() == 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_locale_codes() {
        for code in [
            "en", "es", "pt_BR", "zh_CN", "zh-Hant", "sr-Latn", "es-419", "fil", "de-AT",
        ] {
            assert!(is_locale_code(code), "{code}");
        }
    }

    #[test]
    fn locale_spellings_compare_equal() {
        assert!(same_locale("pt_BR", "pt-br"));
        assert!(!same_locale("pt", "pt_BR"));
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
            "assets", "img", "css", "js", "api", "_posts", "docs", "EN", "en_", "xx",
        ] {
            assert!(!is_locale_code(name), "{name}");
        }
    }
}
