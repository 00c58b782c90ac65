//! The `general` rules.

super::declare_rules! {
    category: "general";
    file_unreadable => "file-unreadable",
    symlink_escapes_root => "symlink-escapes-root",
}
