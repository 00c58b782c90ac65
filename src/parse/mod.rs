pub mod catalog;
pub mod fluent;
pub mod placeholders;
pub mod plurals;
pub mod yaml;
