//! The `parity` rules.

mod heading_id_parity;
mod link_parity;
mod liquid_mangled;
mod liquid_parity;

super::declare_rules! {
    category: "parity";
    heading_id_parity => "heading-id-parity",
    link_parity => "link-parity",
    liquid_mangled => "liquid-mangled",
    liquid_parity => "liquid-parity",
}
