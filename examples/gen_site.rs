//! Writes a synthetic multilingual Jekyll site for benchmarks: `locales` × `pages` Markdown
//! pages with realistic content (front matter, headings with ids, link lists, images, Liquid,
//! raw HTML, reference links, code) plus a YAML and a Fluent catalog per locale, with defects
//! seeded at known rates (wrong `lang`, missing keys, broken anchors, mistyped hosts, missing
//! and orphan translations, invalid front matter). The same seed writes the same bytes.
//!
//! Usage: `cargo run --release --example gen_site -- <out> [locales] [pages] [seed]`
//! (defaults: 40 locales, 500 pages, seed 1).

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

const LOCALES: &[&str] = &[
    "en", "de", "es", "fr", "it", "pt", "pt_BR", "nl", "pl", "ru", "uk", "cs", "sk", "sl", "hr",
    "sr", "bg", "ro", "hu", "fi", "sv", "nb", "da", "et", "lv", "lt", "el", "tr", "ar", "fa", "he",
    "hi", "bn", "id", "vi", "th", "ja", "ko", "zh_CN", "zh_TW", "ca", "eu", "gl", "sq", "eo", "ka",
];

const WORDS: &[&str] = &[
    "message",
    "chat",
    "contact",
    "device",
    "server",
    "account",
    "group",
    "backup",
    "encryption",
    "profile",
    "setting",
    "invite",
    "link",
    "address",
    "privacy",
    "network",
    "channel",
    "key",
    "verify",
    "update",
    "download",
    "install",
    "share",
    "image",
    "file",
    "voice",
    "video",
    "read",
    "receipt",
    "notification",
    "status",
    "archive",
    "delete",
    "block",
    "quote",
    "reply",
    "forward",
];

/// Accented spellings that make non-English text exercise UTF-8 paths.
const ACCENTS: &[&str] = &[
    "é", "ü", "ñ", "ç", "ø", "ß", "ł", "ő", "ж", "λ", "ش", "中", "한",
];

const HOSTS: &[&str] = &[
    "github.com",
    "delta.chat",
    "support.delta.chat",
    "f-droid.org",
    "apps.apple.com",
    "play.google.com",
    "www.rfc-editor.org",
    "en.wikipedia.org",
];

/// Hosts with one letter wrong, as translators sometimes leave them.
const MISTYPED_HOSTS: &[&str] = &["githb.com", "delta.caht", "f-droid.ogr", "play.gogle.com"];

const SECTIONS_PER_PAGE: usize = 8;

/// SplitMix64: small, fast and identical on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// What was seeded, printed at the end so a run can be checked against it.
#[derive(Default)]
struct Seeded {
    pages: usize,
    wrong_lang: usize,
    missing_title: usize,
    invalid_front_matter: usize,
    broken_anchors: usize,
    mistyped_hosts: usize,
    missing_translations: usize,
    orphans: usize,
    missing_catalog_keys: usize,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first() else {
        eprintln!("usage: gen_site <out> [locales] [pages] [seed]");
        return ExitCode::FAILURE;
    };
    let number = |index: usize, default: usize| {
        args.get(index)
            .map_or(Ok(default), |value| value.parse::<usize>())
    };
    let (Ok(locales), Ok(pages), Ok(seed)) = (number(1, 40), number(2, 500), number(3, 1)) else {
        eprintln!("locales, pages and seed must be numbers");
        return ExitCode::FAILURE;
    };
    if locales == 0 || locales > LOCALES.len() {
        eprintln!("locales must be between 1 and {}", LOCALES.len());
        return ExitCode::FAILURE;
    }
    match generate(Path::new(out), &LOCALES[..locales], pages, seed as u64) {
        Ok(seeded) => {
            println!(
                "{} pages in {locales} locales; seeded: {} wrong lang, {} missing title, \
                 {} invalid front matter, {} broken anchors, {} mistyped hosts, \
                 {} missing translations, {} orphans, {} missing catalog keys",
                seeded.pages,
                seeded.wrong_lang,
                seeded.missing_title,
                seeded.invalid_front_matter,
                seeded.broken_anchors,
                seeded.mistyped_hosts,
                seeded.missing_translations,
                seeded.orphans,
                seeded.missing_catalog_keys,
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("cannot write the site: {err}");
            ExitCode::FAILURE
        }
    }
}

fn generate(out: &Path, locales: &[&str], pages: usize, seed: u64) -> std::io::Result<Seeded> {
    let mut rng = Rng(seed);
    let mut seeded = Seeded::default();
    std::fs::create_dir_all(out)?;
    std::fs::write(
        out.join("_config.yml"),
        "title: Generated site\nbaseurl: \"\"\nkramdown:\n  auto_ids: true\n",
    )?;
    std::fs::write(out.join("l10nlint.toml"), "source-locale = \"en\"\n")?;
    for (locale_index, locale) in locales.iter().enumerate() {
        let is_source = locale_index == 0;
        let directory = out.join(locale);
        std::fs::create_dir_all(&directory)?;
        for page in 0..pages {
            if !is_source && rng.chance(30) {
                seeded.missing_translations += 1;
                continue;
            }
            let text = page_text(&mut rng, locale, page, pages, is_source, &mut seeded);
            std::fs::write(directory.join(page_name(page)), text)?;
            seeded.pages += 1;
        }
        if !is_source && rng.chance(200) {
            let orphan = directory.join(format!("orphan-{locale}.md"));
            std::fs::write(
                orphan,
                format!("---\ntitle: Orphan\nlang: {locale}\n---\n\nOld.\n"),
            )?;
            seeded.orphans += 1;
            seeded.pages += 1;
        }
        write_catalogs(out, &mut rng, locale, is_source, &mut seeded)?;
    }
    Ok(seeded)
}

fn page_name(page: usize) -> String {
    format!("page-{page:04}.md")
}

/// The heading ids of a page: the same in every locale, so cross-page anchors resolve.
fn section_id(section: usize) -> String {
    format!("section-{section}")
}

fn words(rng: &mut Rng, count: usize, accented: bool) -> String {
    let mut text = String::new();
    for index in 0..count {
        if index > 0 {
            text.push(' ');
        }
        text.push_str(rng.pick(WORDS));
        if accented && rng.chance(150) {
            text.push_str(rng.pick(ACCENTS));
        }
    }
    text
}

fn url(rng: &mut Rng, seeded: &mut Seeded) -> String {
    let host = if rng.chance(5) {
        seeded.mistyped_hosts += 1;
        rng.pick(MISTYPED_HOSTS)
    } else {
        rng.pick(HOSTS)
    };
    format!("https://{host}/{}/{}", rng.pick(WORDS), rng.below(1000))
}

fn page_text(
    rng: &mut Rng,
    locale: &str,
    page: usize,
    pages: usize,
    is_source: bool,
    seeded: &mut Seeded,
) -> String {
    let accented = !is_source;
    let mut text = String::with_capacity(8 * 1024);
    text.push_str("---\n");
    if !is_source && rng.chance(5) {
        seeded.invalid_front_matter += 1;
        text.push_str("title: [unclosed\n");
    } else if !is_source && rng.chance(20) {
        seeded.missing_title += 1;
    } else {
        let _ = writeln!(text, "title: \"{}\"", words(rng, 3, accented));
    }
    let lang = if !is_source && rng.chance(20) {
        seeded.wrong_lang += 1;
        "en"
    } else {
        locale
    };
    let _ = writeln!(text, "lang: {lang}");
    let _ = writeln!(text, "layout: page\nref: page-{page}");
    text.push_str("---\n\n");
    let _ = writeln!(text, "# {}\n", words(rng, 4, accented));
    let _ = writeln!(
        text,
        "{{% include toc.html %}}\n\n{} {{{{ site.title }}}} {}.\n",
        words(rng, 12, accented),
        words(rng, 8, accented)
    );
    for section in 0..SECTIONS_PER_PAGE {
        let _ = writeln!(
            text,
            "## {} {{#{}}}\n",
            words(rng, 3, accented),
            section_id(section)
        );
        let _ = writeln!(
            text,
            "{} [{}]({}) {} **{}** `{}`.\n",
            words(rng, 20, accented),
            words(rng, 2, accented),
            url(rng, seeded),
            words(rng, 15, accented),
            words(rng, 2, accented),
            rng.pick(WORDS)
        );
        match section % 4 {
            0 => {
                for _ in 0..5 {
                    let target = rng.below(pages);
                    let anchor = if rng.chance(10) {
                        seeded.broken_anchors += 1;
                        "no-such-section".to_owned()
                    } else {
                        section_id(rng.below(SECTIONS_PER_PAGE))
                    };
                    let _ = writeln!(
                        text,
                        "- [{}]({}#{anchor}) {}",
                        words(rng, 2, accented),
                        page_name(target).trim_end_matches(".md"),
                        words(rng, 5, accented)
                    );
                }
                text.push('\n');
            }
            1 => {
                let _ = writeln!(
                    text,
                    "![{}](../assets/img-{}.png)\n\n<div class=\"note\" id=\"note-{section}\">\n  <a href=\"{}\">{}</a>\n  <img src=\"/assets/logo.svg\" alt=\"\">\n</div>\n",
                    words(rng, 3, accented),
                    rng.below(50),
                    url(rng, seeded),
                    words(rng, 2, accented)
                );
            }
            2 => {
                let _ = writeln!(
                    text,
                    "{} [{}][ref-{section}] {} [docs][].\n\n[ref-{section}]: {}\n[docs]: {}\n",
                    words(rng, 10, accented),
                    words(rng, 2, accented),
                    words(rng, 6, accented),
                    url(rng, seeded),
                    url(rng, seeded)
                );
            }
            _ => {
                let _ = writeln!(
                    text,
                    "```sh\ncurl {}\n```\n\n1. {} {{{{ page.lang }}}}\n2. {}\n   - {} <{}>\n",
                    url(rng, seeded),
                    words(rng, 6, accented),
                    words(rng, 6, accented),
                    words(rng, 4, accented),
                    url(rng, seeded)
                );
            }
        }
    }
    text
}

fn write_catalogs(
    out: &Path,
    rng: &mut Rng,
    locale: &str,
    is_source: bool,
    seeded: &mut Seeded,
) -> std::io::Result<()> {
    const KEYS: usize = 60;
    let mut yaml = format!("{locale}:\n  nav:\n");
    let mut fluent = String::new();
    for key in 0..KEYS {
        if !is_source && rng.chance(20) {
            seeded.missing_catalog_keys += 1;
            continue;
        }
        let value = words(rng, 4, !is_source);
        let _ = writeln!(yaml, "    key_{key}: \"{value} %{{count}}\"");
        let _ = writeln!(fluent, "key-{key} = {value} {{ $count }}");
    }
    let data = out.join("_data/i18n");
    std::fs::create_dir_all(&data)?;
    std::fs::write(data.join(format!("{locale}.yml")), yaml)?;
    let fluent_directory = out.join("l10n").join(locale);
    std::fs::create_dir_all(&fluent_directory)?;
    std::fs::write(fluent_directory.join("main.ftl"), fluent)
}
