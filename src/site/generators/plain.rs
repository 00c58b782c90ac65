//! Plain repositories as a repository browser shows them: every file at its path, a folder
//! served by its `README.md`, `README.<lang>.md` translations, GitHub's heading ids.

use super::{Generator, GeneratorModel, PageFacts, SiteLocales};
use crate::parse::HeadingIds;
use crate::parse::heading_ids::HeadingIdStyle;

#[derive(Debug, Clone, Default)]
pub struct Plain {
    locales: SiteLocales,
}

impl GeneratorModel for Plain {
    fn generator(&self) -> Generator {
        Generator::Plain
    }

    fn config_file(&self) -> Option<&str> {
        None
    }

    fn locales(&self) -> &SiteLocales {
        &self.locales
    }

    fn heading_ids(&self) -> HeadingIds {
        HeadingIds {
            style: HeadingIdStyle::GitHub,
            prefix: String::new(),
        }
    }

    fn baseurl(&self) -> &str {
        ""
    }

    fn url_keys(&self) -> &'static [&'static str] {
        &[]
    }

    fn output(&self, page: &PageFacts) -> Option<String> {
        Some(page.path.to_owned())
    }

    fn serves_sources(&self) -> bool {
        true
    }
}
