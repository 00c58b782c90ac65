pub mod catalog;
pub mod placeholders;
pub mod yaml;
