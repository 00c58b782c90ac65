//! The `images` rules.

mod image_alt_missing;
mod image_missing;
mod image_parity;

super::declare_rules! {
    category: "images";
    image_alt_missing => "image-alt-missing",
    image_missing => "image-missing",
    image_parity => "image-parity",
}
