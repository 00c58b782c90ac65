pub mod catalog;
pub mod placeholders;
pub mod plurals;
pub mod yaml;
