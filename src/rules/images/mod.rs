//! The `images` rules.

super::declare_rules! {
    category: "images";
    image_alt_missing => "image-alt-missing",
    image_missing => "image-missing",
    image_parity => "image-parity",
}
