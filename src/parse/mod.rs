pub mod placeholders;
pub mod yaml;
