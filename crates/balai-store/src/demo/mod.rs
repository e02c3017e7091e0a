pub mod generate;

pub use generate::DemoPlan;
mod muat;
mod names;

pub use muat::{PENDUDUK_PER_DESA, RingkasDemo};
