//! The site around the pages: its settings (`_config.yml`), and lookups across pages.

pub mod generators;
pub mod host_typos;
pub mod lookups;
pub mod online;
pub mod settings;
pub mod url_text;
pub mod urls;

use crate::discover::Corpus;
use crate::discover::CorpusFile;
use crate::model::Document;
use crate::site::online::OnlineResults;
use crate::suggest::SuggestionIndex;
pub use lookups::SiteLookups;
pub use settings::SiteSettings;
pub use urls::SiteUrls;

/// A file with its model.
#[derive(Clone, Copy)]
pub struct Page<'a> {
    pub file: &'a CorpusFile,
    pub document: &'a Document,
}

impl Page<'_> {
    pub fn path(&self) -> &str {
        &self.file.path
    }
}

/// Every linted page with its model, and the site's settings.
pub struct Site<'a> {
    pub corpus: &'a Corpus,
    /// Parallel to `corpus.files`.
    pub documents: &'a [Document],
    pub settings: &'a SiteSettings,
    /// The online check's verdicts; `None` when checking offline.
    pub online: Option<&'a OnlineResults>,
    /// Where each file is served, and what link targets reach.
    pub urls: &'a SiteUrls,
    /// Suggestions and ids, built on first use.
    pub lookups: &'a SiteLookups,
}

impl<'a> Site<'a> {
    pub fn page(&self, index: usize) -> Page<'a> {
        Page {
            file: &self.corpus.files[index],
            document: &self.documents[index],
        }
    }

    /// Every page that could be read.
    pub fn pages(&self) -> impl Iterator<Item = Page<'a>> + '_ {
        (0..self.documents.len())
            .map(|index| self.page(index))
            .filter(|page| !page.document.unreadable)
    }

    /// The ids of page `index`'s headings and elements, to look up and suggest from.
    pub fn anchors(&self, index: usize) -> &'a SuggestionIndex {
        self.lookups.anchors(index, &self.documents[index])
    }

    /// The source-language page of the page at `index`.
    pub fn source_of(&self, index: usize) -> Option<Page<'a>> {
        self.corpus.source_of(index).map(|source| self.page(source))
    }
}
