//! The TBX reader on arbitrary bytes, through the public loader (the reader itself is
//! crate-private): the bytes are written to a `.tbx` and a `.xml` file and loaded.
#![no_main]

use glosscheck::glossary::Glossary;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    for name in ["g.tbx", "g.xml"] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        if let Ok((glossary, _problems)) = Glossary::load_with_problems(&path) {
            let _ = glosscheck::glossary::write_tbx(&glossary);
        }
        let _ = Glossary::load(&path);
    }
});
