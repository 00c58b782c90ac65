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
    fn rejects_ordinary_directory_names() {
        for name in [
            "assets", "img", "css", "js", "api", "_posts", "docs", "EN", "en_", "xx",
        ] {
            assert!(!is_locale_code(name), "{name}");
        }
    }
}
