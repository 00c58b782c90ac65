//! Property tests: the parsers and the whole lint never panic, and every span they hand to
//! rules and reports lies inside the text on character boundaries (rules slice with them).
//! Inputs mix Markdown, Liquid, kramdown and HTML fragments with arbitrary text. The case
//! count follows `PROPTEST_CASES`; `bench/fuzz.sh` runs many more.

use l10nlint::files::Sources;
use l10nlint::lint::{self, LintRequest};
use l10nlint::model::catalog::CatalogFormat;
use l10nlint::model::{Document, FileKind, FrontMatterBlock};
use l10nlint::output::{self, Format, ReportOptions};
use l10nlint::parse::{self, HeadingIds, catalog, fluent};
use l10nlint::source::Span;
use proptest::prelude::*;

/// Pieces that exercise the parser's corners; joined in any order and amount.
fn markdown_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_owned()),
        Just("title: x\nlang: de\n".to_owned()),
        Just("## Heading {#id}\n".to_owned()),
        Just("# Heading\n{: #custom .class}\n".to_owned()),
        Just("{: #lonely}\n".to_owned()),
        Just("[text](target#frag \"title\")".to_owned()),
        Just("[text][ref] [ref][] [ref]".to_owned()),
        Just("[ref]: https://example.org/x \"t\"\n".to_owned()),
        Just("[ref]:\n  <https://example.org/y>\n".to_owned()),
        Just("![alt](img.png) ![alt][ref]".to_owned()),
        Just("<https://example.org> <mail@example.org>".to_owned()),
        Just("https://bare.example.org/path?q=1.".to_owned()),
        Just("{% include x.html %}".to_owned()),
        Just("{{ site.url }}".to_owned()),
        Just("[x]({{ site.url }}/a)".to_owned()),
        Just("{{ {% %} }}".to_owned()),
        Just("<a href=\"#x\" id=\"y\">a</a>".to_owned()),
        Just("<img src=\"a.png\" srcset=\"a.png 1x, b.png 2x\" alt=\"\">".to_owned()),
        Just("<div>\n<a name=z>\n</div>\n".to_owned()),
        Just("```\ncode [x](y)\n```\n".to_owned()),
        Just("`code`".to_owned()),
        Just("- item\n  - nested [l](u)\n".to_owned()),
        Just("1. one\n2. two\n".to_owned()),
        Just("> quote\n".to_owned()),
        Just("| a | b |\n|---|---|\n| [c](d) | e |\n".to_owned()),
        Just("[^note]\n\n[^note]: footnote\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("é中😀".to_owned()),
        "[\\[\\](){}#<>!:*_`\\-\\n %a-zé]{0,12}",
        any::<String>(),
    ]
}

fn markdown_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(markdown_fragment(), 0..40).prop_map(|parts| parts.concat())
}

fn fluent_text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("hello = Hello { $name }\n".to_owned()),
        Just("-brand = Delta\n    .gender = feminine\n".to_owned()),
        Just("msg = { -brand } { other.attr }\n".to_owned()),
        Just("count = { $n ->\n    [one] One\n   *[other] { $n } many\n}\n".to_owned()),
        Just("nested = { { { \"x\" } } }\n".to_owned()),
        Just("fn = { NUMBER($n, minimumFractionDigits: 2) }\n".to_owned()),
        Just("# comment\n## group\n### resource\n".to_owned()),
        Just("    continued line\n".to_owned()),
        Just("broken = {\n".to_owned()),
        Just("= no id\n".to_owned()),
        Just("\n".to_owned()),
        "[a-z{}$\\-=*\\[\\]. \\n>\"]{0,16}",
        any::<String>(),
    ];
    proptest::collection::vec(fragment, 0..30).prop_map(|parts| parts.concat())
}

fn yaml_text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("de:\n".to_owned()),
        Just("  nav:\n".to_owned()),
        Just("    key: \"Value %{count}\"\n".to_owned()),
        Just("    key: duplicate\n".to_owned()),
        Just("  list:\n    - a\n    - b\n".to_owned()),
        Just("  anchor: &a x\n  alias: *a\n".to_owned()),
        Just("  block: |\n    text\n".to_owned()),
        Just("  flow: {a: [1, 2], b: c}\n".to_owned()),
        Just("---\n".to_owned()),
        Just("\t".to_owned()),
        "[a-z:\\-\\[\\]{}&*|>'\" \\n#]{0,16}",
        any::<String>(),
    ];
    proptest::collection::vec(fragment, 0..30).prop_map(|parts| parts.concat())
}

fn assert_span(text: &str, span: &Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} splits a character"
    );
}

fn assert_spans_valid(text: &str, document: &Document) {
    match &document.front_matter {
        FrontMatterBlock::Absent => {}
        FrontMatterBlock::Unclosed { opening } => assert_span(text, opening, "opening"),
        FrontMatterBlock::Invalid { block, error, .. } => {
            assert_span(text, block, "front matter");
            assert_span(text, error, "front matter error");
        }
        FrontMatterBlock::Present(front_matter) => {
            for span in [
                &front_matter.block,
                &front_matter.opening,
                &front_matter.closing,
            ] {
                assert_span(text, span, "front matter");
            }
            for entry in &front_matter.entries {
                assert_span(text, &entry.key_span, "key");
                assert_span(text, &entry.value_span, "value");
            }
        }
    }
    for heading in &document.headings {
        assert_span(text, &heading.span, "heading");
        if let Some(anchor) = &heading.explicit_id {
            assert_span(text, &anchor.span, "heading id");
        }
    }
    for link in &document.links {
        assert_span(text, &link.span, "link");
        assert_span(text, &link.target_span, "link target");
        assert_span(text, &link.text_span, "link text");
    }
    for definition in &document.link_definitions {
        assert_span(text, &definition.span, "definition");
        assert_span(text, &definition.target_span, "definition target");
    }
    for reference in &document.unresolved_references {
        assert_span(text, &reference.span, "unresolved reference");
    }
    for image in &document.images {
        assert_span(text, &image.span, "image");
        assert_span(text, &image.src_span, "image source");
    }
    for list in &document.lists {
        assert_span(text, &list.span, "list");
        for item in &list.items {
            assert_span(text, &item.span, "list item");
            assert!(item.links.iter().all(|&link| link < document.links.len()));
        }
    }
    for tag in &document.liquid {
        assert_span(text, &tag.span, "liquid");
    }
    for anchor in &document.html_ids {
        assert_span(text, &anchor.span, "html id");
    }
    for span in &document.code {
        assert_span(text, span, "code");
    }
}

proptest! {
    #[test]
    fn markdown_pages_parse_with_valid_spans(text in markdown_text()) {
        for kind in [FileKind::Markdown, FileKind::Html] {
            let document = parse::parse(kind, &text, &HeadingIds::default());
            assert_spans_valid(&text, &document);
        }
    }

    #[test]
    fn front_matter_then_body_parses_with_valid_spans(
        front_matter in yaml_text(),
        body in markdown_text(),
    ) {
        let text = format!("---\n{front_matter}\n---\n{body}");
        let document = parse::parse(FileKind::Markdown, &text, &HeadingIds::default());
        assert_spans_valid(&text, &document);
    }

    #[test]
    fn fluent_files_parse_with_valid_spans(text in fluent_text()) {
        let file = fluent::parse_fluent(&text);
        for entry in &file.entries {
            assert_span(&text, &entry.span, "entry");
            assert_span(&text, &entry.id_span, "entry id");
            let patterns = entry
                .value
                .iter()
                .chain(entry.attributes.iter().map(|attribute| &attribute.value));
            for pattern in patterns {
                assert_span(&text, &pattern.span, "pattern");
                let _ = pattern.variable_names();
                let _ = pattern.variables_by_variant();
            }
        }
        for junk in &file.junk {
            assert_span(&text, &junk.span, "junk");
            assert_span(&text, &junk.error_span, "junk error");
        }
    }

    #[test]
    fn json_po_and_toml_catalogs_parse_with_valid_spans(
        text in r#"[{}\[\]":,#= \n\\a-z0-9%é\[\]]{0,120}|msgid "[a-z%{}]{0,8}"\nmsgstr(\[[0-3]\])? "[a-zé%]{0,8}\n?"#
    ) {
        for format in [CatalogFormat::Json, CatalogFormat::Arb, CatalogFormat::Gettext, CatalogFormat::Hugo] {
            let catalog = catalog::parse_catalog(format, &text);
            if let Some(error) = &catalog.error {
                assert_span(&text, &error.span, "error");
            }
            for entry in &catalog.entries {
                assert_span(&text, &entry.key_span, "key");
                assert_span(&text, &entry.value_span, "value");
                if let Some(value) = &entry.value {
                    let within = entry.span_of(0..value.len());
                    assert_span(&text, &within, "value text");
                }
            }
        }
    }

    #[test]
    fn yaml_catalogs_parse_with_valid_spans(text in yaml_text()) {
        let catalog = catalog::parse_catalog(CatalogFormat::Yaml, &text);
        if let Some(error) = &catalog.error {
            assert_span(&text, &error.span, "error");
        }
        if let Some((_, span)) = catalog.locale_key() {
            assert_span(&text, &span, "locale key");
        }
        for entry in &catalog.entries {
            assert_span(&text, &entry.key_span, "key");
            assert_span(&text, &entry.value_span, "value");
        }
        for duplicate in &catalog.duplicates {
            assert_span(&text, &duplicate.first_key_span, "first key");
            assert_span(&text, &duplicate.duplicate_key_span, "duplicate key");
        }
    }
}

proptest! {
    // Each case writes a site to disk; fewer cases keep the default run quick.
    #![proptest_config(ProptestConfig {
        cases: ProptestConfig::default().cases / 4,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_generated_two_locale_site_lints_and_reports(
        source in markdown_text(),
        translation in markdown_text(),
        fluent_source in fluent_text(),
        fluent_translation in fluent_text(),
        yaml_translation in yaml_text(),
    ) {
        let site = tempfile::tempdir().expect("temp dir");
        let files = [
            ("en/page.md", &source),
            ("de/page.md", &translation),
            ("en/app.ftl", &fluent_source),
            ("de/app.ftl", &fluent_translation),
            ("de/strings.yml", &yaml_translation),
        ];
        for (path, text) in files {
            let path = site.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        let request = LintRequest {
            root: site.path().to_owned(),
            select: vec!["ALL".to_owned()],
            ..LintRequest::default()
        };
        let outcome = lint::lint(&request).expect("lint");
        for format in [Format::Human, Format::Concise, Format::Json] {
            let options = ReportOptions { width: 80, ..ReportOptions::default() };
            let mut sources = Sources::new(site.path().to_owned(), u64::MAX);
            let mut out = Vec::new();
            output::report(format, &outcome.diagnostics, &mut sources, &options, &mut out)
                .expect("report");
        }
    }
}
