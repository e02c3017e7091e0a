#![no_main]
//! The letter-template compiler on any body an admin could type, with the sample data.

use std::sync::LazyLock;

static MESIN: LazyLock<balai_pdf::Mesin> = LazyLock::new(balai_pdf::Mesin::baru);
static CONTOH: LazyLock<serde_json::Value> = LazyLock::new(balai_pdf::contoh_data);

libfuzzer_sys::fuzz_target!(|badan: &str| {
    let _ = MESIN.periksa(badan, &CONTOH);
});
