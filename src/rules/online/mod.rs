//! The `online` rules.

mod url_broken;
mod url_fragment_missing;
mod url_private;
mod url_redirected;
mod url_unverifiable;

super::declare_rules! {
    category: "online";
    url_broken => "url-broken",
    url_fragment_missing => "url-fragment-missing",
    url_private => "url-private",
    url_redirected => "url-redirected",
    url_unverifiable => "url-unverifiable",
}
