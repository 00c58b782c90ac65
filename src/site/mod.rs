//! What static-site renderers do with content: heading ids, host names.

pub mod heading_ids;
pub mod hosts;
