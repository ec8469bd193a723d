//! `Glossary::from_csv_str` on arbitrary text: an error or a glossary, never a panic.
#![no_main]

use glosscheck::glossary::Glossary;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(glossary) = Glossary::from_csv_str("fuzz.csv", text) {
        // Whatever was accepted can be written back and read again.
        let written = glosscheck::glossary::write_csv(&glossary);
        let _ = Glossary::from_csv_str("fuzz.csv", &written);
        let _ = glosscheck::glossary::write_tbx(&glossary);
    }
});
