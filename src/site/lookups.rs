//! Lookups across the site, each built once on first use and shared by every page's rules:
//! the pages and files suggestions come from, and each page's ids. Without them every broken
//! link would be compared with every page of the site.

use crate::model::Document;
use crate::site::SiteUrls;
use crate::suggest::SuggestionIndex;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Default)]
pub struct SiteLookups {
    pages: OnceLock<SuggestionIndex>,
    files: OnceLock<ServedFiles>,
    /// Parallel to the documents.
    anchors: Vec<OnceLock<SuggestionIndex>>,
}

/// The files the site serves that are not pages (images, downloads).
#[derive(Debug)]
pub struct ServedFiles {
    pub index: SuggestionIndex,
    /// Each file name (`logo.png`) → the URL paths serving a file of that name.
    pub by_name: HashMap<String, Vec<String>>,
}

impl SiteLookups {
    /// Lookups for a site of `documents` pages, all still to be built.
    pub fn new(documents: usize) -> Self {
        Self {
            anchors: (0..documents).map(|_| OnceLock::new()).collect(),
            ..Self::default()
        }
    }

    /// The URL path of every page (without a trailing `/`), in path order.
    pub fn pages(&self, urls: &SiteUrls) -> &SuggestionIndex {
        self.pages.get_or_init(|| {
            let mut pages: Vec<String> = urls
                .pages()
                .map(|(url, _)| url.trim_end_matches('/').to_owned())
                .collect();
            pages.sort_unstable();
            SuggestionIndex::new(pages)
        })
    }

    /// Every file the site serves that is not a page, in path order.
    pub fn files(&self, urls: &SiteUrls) -> &ServedFiles {
        self.files.get_or_init(|| {
            let mut files: Vec<&str> = urls
                .outputs()
                .filter(|output| !output.ends_with(".html"))
                .collect();
            files.sort_unstable();
            let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
            for file in &files {
                let name = file.rsplit('/').next().unwrap_or(file);
                by_name
                    .entry(name.to_owned())
                    .or_default()
                    .push((*file).to_owned());
            }
            ServedFiles {
                index: SuggestionIndex::new(files),
                by_name,
            }
        })
    }

    /// The ids of page `index`'s headings and elements, in id order.
    pub fn anchors(&self, index: usize, document: &Document) -> &SuggestionIndex {
        static NONE: OnceLock<SuggestionIndex> = OnceLock::new();
        let Some(cell) = self.anchors.get(index) else {
            return NONE.get_or_init(SuggestionIndex::default);
        };
        cell.get_or_init(|| {
            let mut ids: Vec<&str> = document.anchor_ids().collect();
            ids.sort_unstable();
            SuggestionIndex::new(ids)
        })
    }
}
