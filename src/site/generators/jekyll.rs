//! Jekyll (`_config.yml`): pages, posts and collections with their permalinks, `defaults`,
//! `include:`, `baseurl`, plugins that write files, and kramdown's heading ids.

use super::{
    CONFIG_MAX_BYTES, Generator, GeneratorModel, PageFacts, SiteLocales, is_page_source,
    output_for_url, split_file_name, strip_extension,
};
use crate::files::Confinement;
use crate::model::yaml::{YamlNode, YamlValue};
use crate::parse::HeadingIds;
use crate::parse::heading_ids::HeadingIdStyle;
use crate::parse::yaml;

#[derive(Debug, Clone, Default)]
pub struct Jekyll {
    config_file: Option<String>,
    locales: SiteLocales,
    heading_ids: HeadingIds,
    pub baseurl: String,
    /// The site-wide `permalink` (a style name such as `pretty`, or a template).
    pub permalink: Option<String>,
    /// `include:`: files and folders served although they start with `_` or `.`.
    pub include: Vec<String>,
    /// `plugins:` (some write files: `jekyll-feed` writes `feed.xml`).
    pub plugins: Vec<String>,
    /// Collections with `output: true`, by name, with their permalink template.
    collections: Vec<Collection>,
    /// `collections_dir:`, where the `_name` folders of collections live.
    collections_dir: String,
    /// `defaults:` that set a permalink for a path scope.
    default_permalinks: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
struct Collection {
    name: String,
    permalink: Option<String>,
}

impl Jekyll {
    pub fn load(root: &Confinement) -> Result<Self, String> {
        let mut jekyll = Jekyll {
            heading_ids: HeadingIds {
                style: HeadingIdStyle::KramdownGfm,
                prefix: String::new(),
            },
            ..Jekyll::default()
        };
        for name in ["_config.yml", "_config.yaml"] {
            if let Some(text) = root.read_text(name, CONFIG_MAX_BYTES) {
                jekyll.config_file = Some(name.to_owned());
                if let Some(config) = yaml::parse_yaml(&text).root {
                    jekyll.apply(&config);
                }
                break;
            }
        }
        Ok(jekyll)
    }

    /// A Jekyll model from settings alone, for tests and `[site]`.
    pub fn with(permalink: Option<&str>, include: &[&str], plugins: &[&str]) -> Self {
        Jekyll {
            permalink: permalink.map(str::to_owned),
            include: include.iter().map(|s| (*s).to_owned()).collect(),
            plugins: plugins.iter().map(|s| (*s).to_owned()).collect(),
            ..Jekyll::default()
        }
    }

    fn apply(&mut self, config: &YamlNode) {
        let text = |key: &str| config.get(key).and_then(YamlNode::as_str);
        if let Some(baseurl) = text("baseurl") {
            self.baseurl = baseurl.trim_matches('/').to_owned();
        }
        self.permalink = text("permalink").map(str::to_owned);
        self.include = string_list(config.get("include"));
        self.plugins = string_list(config.get("plugins").or_else(|| config.get("gems")));
        self.collections_dir = text("collections_dir")
            .unwrap_or("")
            .trim_matches('/')
            .to_owned();
        if let Some(YamlValue::Mapping(collections)) = config.get("collections").map(|c| &c.value) {
            for entry in collections {
                let Some(name) = entry.key.as_str() else {
                    continue;
                };
                let output = entry
                    .value
                    .get("output")
                    .and_then(YamlNode::as_str)
                    .is_some_and(|value| value == "true");
                if output {
                    self.collections.push(Collection {
                        name: name.to_owned(),
                        permalink: entry
                            .value
                            .get("permalink")
                            .and_then(YamlNode::as_str)
                            .map(str::to_owned),
                    });
                }
            }
        }
        if let Some(YamlValue::Sequence(defaults)) = config.get("defaults").map(|d| &d.value) {
            for default in defaults {
                let scope = default
                    .get("scope")
                    .and_then(|scope| scope.get("path"))
                    .and_then(YamlNode::as_str)
                    .unwrap_or("");
                if let Some(permalink) = default
                    .get("values")
                    .and_then(|values| values.get("permalink"))
                    .and_then(YamlNode::as_str)
                {
                    self.default_permalinks
                        .push((scope.trim_matches('/').to_owned(), permalink.to_owned()));
                }
            }
        }
        let kramdown = config.get("kramdown");
        let option = |name: &str| {
            kramdown
                .and_then(|k| k.get(name))
                .and_then(YamlNode::as_str)
        };
        // kramdown's default input in Jekyll is GFM; `input: kramdown` switches ids to ASCII.
        self.heading_ids.style = match option("input") {
            Some(input) if input.eq_ignore_ascii_case("kramdown") => HeadingIdStyle::Kramdown,
            _ => HeadingIdStyle::KramdownGfm,
        };
        if let Some(prefix) = option("auto_id_prefix") {
            self.heading_ids.prefix = prefix.to_owned();
        }
    }

    /// The collection a file belongs to, and its path inside the collection's folder.
    fn collection_of<'a>(&self, file: &'a str) -> Option<(&Collection, &'a str)> {
        let within = if self.collections_dir.is_empty() {
            file
        } else {
            file.strip_prefix(self.collections_dir.as_str())?
                .strip_prefix('/')?
        };
        self.collections.iter().find_map(|collection| {
            let rest = within.strip_prefix(&format!("_{}/", collection.name))?;
            Some((collection, rest))
        })
    }

    fn default_permalink(&self, file: &str) -> Option<&str> {
        self.default_permalinks
            .iter()
            .filter(|(scope, _)| {
                scope.is_empty() || file == scope || file.starts_with(&format!("{scope}/"))
            })
            .max_by_key(|(scope, _)| scope.len())
            .map(|(_, permalink)| permalink.as_str())
    }

    fn is_pretty(&self) -> bool {
        self.permalink
            .as_deref()
            .is_some_and(|style| style == "pretty" || style.ends_with('/'))
    }
}

impl GeneratorModel for Jekyll {
    fn generator(&self) -> Generator {
        Generator::Jekyll
    }

    fn config_file(&self) -> Option<&str> {
        self.config_file.as_deref()
    }

    fn locales(&self) -> &SiteLocales {
        &self.locales
    }

    fn heading_ids(&self) -> HeadingIds {
        self.heading_ids.clone()
    }

    fn baseurl(&self) -> &str {
        &self.baseurl
    }

    fn build_dirs(&self) -> &'static [&'static str] {
        &["_site"]
    }

    fn url_keys(&self) -> &'static [&'static str] {
        &["permalink", "redirect_from", "redirect_to"]
    }

    fn generated(&self) -> Vec<&'static str> {
        let mut generated = Vec::new();
        if self.plugins.iter().any(|p| p == "jekyll-feed") {
            generated.push("feed.xml");
        }
        if self.plugins.iter().any(|p| p == "jekyll-sitemap") {
            generated.extend(["sitemap.xml", "robots.txt"]);
        }
        generated
    }

    fn output(&self, page: &PageFacts) -> Option<String> {
        let file = page.path;
        let permalink = page.front("permalink");
        if let Some(post) = file.strip_prefix("_posts/") {
            return Some(match permalink {
                Some(permalink) => output_for_url(permalink),
                None => post_output(post, self.permalink.as_deref()),
            });
        }
        if let Some((collection, within)) = self.collection_of(file) {
            if let Some(permalink) = permalink {
                return Some(output_for_url(permalink));
            }
            if !is_page_source(file) {
                return Some(format!("{}/{within}", collection.name));
            }
            let template = collection
                .permalink
                .as_deref()
                .or_else(|| self.default_permalink(file))
                .unwrap_or("/:collection/:path:output_ext");
            return Some(collection_output(template, &collection.name, within, page));
        }
        let hidden = file
            .split('/')
            .any(|part| part.starts_with('_') || part.starts_with('.'));
        let included = self
            .include
            .iter()
            .any(|included| file.starts_with(included.trim_start_matches('/')));
        if hidden && !included {
            return None;
        }
        let default_permalink = || {
            is_page_source(file)
                .then(|| self.default_permalink(file))
                .flatten()
        };
        if let Some(permalink) = permalink.or_else(default_permalink) {
            return Some(output_for_url(permalink));
        }
        if !is_page_source(file) {
            return Some(file.to_owned());
        }
        let (directory, name) = split_file_name(file);
        let stem = strip_extension(name);
        Some(if stem == "index" {
            format!("{directory}index.html")
        } else if self.is_pretty() {
            format!("{directory}{stem}/index.html")
        } else {
            format!("{directory}{stem}.html")
        })
    }
}

/// A collection document's output under a permalink template: `:collection`, `:path`
/// (relative to the collection folder, without extension), `:name`, `:title`, `:slug`.
fn collection_output(template: &str, collection: &str, within: &str, page: &PageFacts) -> String {
    let path = strip_extension(within);
    let name = path.rsplit('/').next().unwrap_or(path);
    let slug = page.front("slug").unwrap_or(name);
    let template = match template {
        "pretty" => "/:collection/:path/",
        "none" | "date" | "ordinal" => "/:collection/:path:output_ext",
        other => other,
    };
    let expanded = template
        .replace(":collection", collection)
        .replace(":path", path)
        .replace(":name", name)
        .replace(":title", slug)
        .replace(":slug", slug)
        .replace(":output_ext", ".html");
    output_for_url(&expanded)
}

/// A post's output under the site's permalink style (`date` when unset).
fn post_output(post: &str, style: Option<&str>) -> String {
    let (categories, name) = split_file_name(post);
    let stem = strip_extension(name);
    let mut parts = stem.splitn(4, '-');
    let (year, month, day) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let title = parts.next().unwrap_or(stem);
    let template = match style.unwrap_or("date") {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        template => template,
    };
    let expanded = template
        .replace(":categories", categories.trim_end_matches('/'))
        .replace(":year", year)
        .replace(":month", month)
        .replace(":day", day)
        .replace(":title", title)
        .replace(":slug", title)
        .replace(":output_ext", ".html");
    output_for_url(&expanded)
}

/// The strings of a YAML sequence.
fn string_list(node: Option<&YamlNode>) -> Vec<String> {
    match node.map(|node| &node.value) {
        Some(YamlValue::Sequence(items)) => items
            .iter()
            .filter_map(|item| item.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collections_follow_their_permalink() {
        let text = "collections:\n  guides:\n    output: true\n    permalink: /:path/\n  drafts:\n    output: false\n";
        let mut jekyll = Jekyll::default();
        jekyll.apply(&yaml::parse_yaml(text).root.unwrap());
        let output = |path| jekyll.output(&PageFacts::file(path));
        assert_eq!(
            output("_guides/de/setup.md").as_deref(),
            Some("de/setup/index.html")
        );
        assert_eq!(output("_drafts/x.md"), None);
        assert_eq!(
            output("_guides/img/a.png").as_deref(),
            Some("guides/img/a.png")
        );
    }

    #[test]
    fn posts_follow_the_style() {
        assert_eq!(
            post_output("2023-12-13-chatmail.md", None),
            "2023/12/13/chatmail.html"
        );
        assert_eq!(
            post_output(
                "2023-12-13-chatmail.md",
                Some("/en/:year-:month-:day-:title")
            ),
            "en/2023-12-13-chatmail.html"
        );
    }
}
