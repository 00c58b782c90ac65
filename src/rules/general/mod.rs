//! The `general` rules.

mod file_unreadable;
mod symlink_escapes_root;

super::declare_rules! {
    category: "general";
    file_unreadable => "file-unreadable",
    symlink_escapes_root => "symlink-escapes-root",
}
