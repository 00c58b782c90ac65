//! MDX (Docusaurus, Astro): ES `import`/`export` statements and `{expressions}` (JSX
//! attributes, comments `{/* … */}`) are masked with spaces before the Markdown is parsed,
//! so they never read as text, links or headings. JSX elements themselves read as HTML.
//! A heading's `{#id}` is kept: MDX sites read it as the heading's id.

/// `masked` (the text, Liquid already masked) with MDX syntax blanked out, outside code.
pub fn mask(masked: &str, body_start: usize) -> String {
    let mut bytes = masked.as_bytes().to_vec();
    let mut fence: Option<&str> = None;
    let mut statement = false;
    let mut offset = 0;
    for line in masked.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if start < body_start {
            continue;
        }
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            statement = false;
            continue;
        }
        let blank = trimmed.trim().is_empty();
        if blank {
            statement = false;
            continue;
        }
        let at_margin = line.len() == trimmed.len();
        if statement
            || (at_margin && (trimmed.starts_with("import ") || trimmed.starts_with("export ")))
        {
            blank_out(&mut bytes, start..start + line.trim_end().len());
            statement = true;
            continue;
        }
        mask_expressions(line, start, &mut bytes);
    }
    String::from_utf8(bytes).unwrap_or_else(|_| masked.to_owned())
}

/// Blanks every balanced `{…}` of one line outside code spans, except a heading's `{#id}`.
fn mask_expressions(line: &str, start: usize, bytes: &mut [u8]) {
    let mut depth = 0usize;
    let mut opened = 0;
    let mut in_code = false;
    for (index, c) in line.char_indices() {
        match c {
            '`' if depth == 0 => in_code = !in_code,
            '{' if !in_code => {
                if depth == 0 {
                    opened = index;
                }
                depth += 1;
            }
            '}' if !in_code && depth > 0 => {
                depth -= 1;
                let heading_id = line.trim_start().starts_with('#')
                    && line[opened + 1..].starts_with('#')
                    && line[index + 1..].trim().is_empty();
                if depth == 0 && !heading_id {
                    blank_out(bytes, start + opened..start + index + 1);
                }
            }
            _ => {}
        }
    }
}

fn blank_out(bytes: &mut [u8], range: std::ops::Range<usize>) {
    for byte in &mut bytes[range] {
        // Whole UTF-8 sequences are blanked, so the text stays valid.
        if *byte != b'\n' {
            *byte = b' ';
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_and_expressions_are_blanked() {
        let text = "import Tabs from '@theme/Tabs';\nexport const meta = {\n  a: 1,\n};\n\n# Title {#title}\n\nSee {props.name} and [a link](./x.md) `{code}`.\n\n```js\nimport x from 'y';\n```\n";
        let masked = mask(text, 0);
        assert_eq!(masked.len(), text.len());
        assert!(!masked.contains("import Tabs"));
        assert!(!masked.contains("a: 1"));
        assert!(masked.contains("# Title {#title}"));
        assert!(!masked.contains("props.name"));
        assert!(masked.contains("[a link](./x.md) `{code}`"));
        assert!(masked.contains("import x from 'y';"));
    }
}
