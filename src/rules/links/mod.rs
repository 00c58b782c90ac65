//! The `links` rules.

mod anchor_broken;
mod autolink_mangled;
mod host_typo;
mod link_bare_domain;
mod link_broken;
mod link_empty_target;
mod link_scheme_typo;
mod link_space_before_target;
mod link_target_whitespace;
mod link_text_host_mismatch;
mod link_unbalanced_brackets;
mod path_escapes_root;
mod reference_duplicate;
mod reference_undefined;
mod reference_unused;

super::declare_rules! {
    category: "links";
    anchor_broken => "anchor-broken",
    autolink_mangled => "autolink-mangled",
    host_typo => "host-typo",
    link_bare_domain => "link-bare-domain",
    link_broken => "link-broken",
    link_empty_target => "link-empty-target",
    link_scheme_typo => "link-scheme-typo",
    link_space_before_target => "link-space-before-target",
    link_target_whitespace => "link-target-whitespace",
    link_text_host_mismatch => "link-text-host-mismatch",
    link_unbalanced_brackets => "link-unbalanced-brackets",
    path_escapes_root => "path-escapes-root",
    reference_duplicate => "reference-duplicate",
    reference_undefined => "reference-undefined",
    reference_unused => "reference-unused",
}
