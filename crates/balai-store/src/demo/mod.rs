pub mod generate;
mod muat;
mod names;

pub use muat::{PENDUDUK_PER_DESA, RingkasDemo};
