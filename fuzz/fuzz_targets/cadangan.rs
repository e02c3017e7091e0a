#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| balai_store::fuzz::cadangan(data));
