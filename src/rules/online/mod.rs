//! The `online` rules.

super::declare_rules! {
    category: "online";
    url_broken => "url-broken",
    url_fragment_missing => "url-fragment-missing",
    url_private => "url-private",
    url_redirected => "url-redirected",
    url_unverifiable => "url-unverifiable",
}
