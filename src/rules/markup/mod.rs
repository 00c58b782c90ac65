//! The `markup` rules: links, images and headings whose markup a translation lost, found
//! where their remains stand as text.

mod heading_id_unread;
mod heading_marker_lost;
mod link_brackets_mangled;
mod link_full_width_punctuation;
mod link_target_next_line;
mod link_text_target_swapped;
mod link_words_before_target;
mod markup_placeholder;

super::declare_rules! {
    category: "markup";
    heading_id_unread => "heading-id-unread",
    heading_marker_lost => "heading-marker-lost",
    link_brackets_mangled => "link-brackets-mangled",
    link_full_width_punctuation => "link-full-width-punctuation",
    link_target_next_line => "link-target-next-line",
    link_text_target_swapped => "link-text-target-swapped",
    link_words_before_target => "link-words-before-target",
    markup_placeholder => "markup-placeholder",
}
