//! Surface forms claimed by two dictionary entries:
//! `cargo run --release --example dict_collisions [FILE...]`.
//!
//! Reads the given dictionary files (by default the three under `dictionaries/`), prepares every
//! name and alias as the matcher does (fold, then Traditional → Simplified), and prints each
//! prepared form that two different entries give, with file:line of both. The lexicon keeps only
//! the entry loaded last for such a form, so the earlier one silently loses it.
//! Exit status 1 when there is any.

use std::collections::HashMap;
use std::path::Path;

use zhtag::convert::{EmbeddedConverter, ScriptConverter, Variant};
use zhtag::dictionary::Dictionary;

fn main() -> Result<(), zhtag::Error> {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        files = ["organizations.tsv", "policy_terms.tsv", "places.tsv"]
            .iter()
            .map(|f| format!("{}/dictionaries/{f}", env!("CARGO_MANIFEST_DIR")))
            .collect();
    }
    let converter = EmbeddedConverter::new(Variant::T2s)?;
    // prepared form → (file, entry name)
    let mut owner: HashMap<String, (String, String)> = HashMap::new();
    let mut clashes = 0;
    for f in &files {
        let d = Dictionary::load(Path::new(f))?;
        let short = Path::new(f)
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for e in &d.entries {
            for form in e.surface_forms() {
                let key = converter.convert(&zhtag::normalize::fold(form));
                match owner.get(&key) {
                    Some((of, on)) if !(of == &short && on == &e.name) => {
                        clashes += 1;
                        println!("{key}\t{of}:{on}\t{short}:{}", e.name);
                    }
                    Some(_) => {}
                    None => {
                        owner.insert(key, (short.clone(), e.name.clone()));
                    }
                }
            }
        }
    }
    eprintln!("{clashes} surface forms given by two entries");
    std::process::exit(if clashes > 0 { 1 } else { 0 });
}
