pub mod generate;
mod names;
