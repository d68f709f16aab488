//! What the probe examples share (a module, not an example: cargo builds only `examples/*.rs`
//! and `examples/*/main.rs`).

/// The `text` of every JSON line of `path` (lines that are not JSON records with a string
/// `text` are skipped); an unreadable file ends the process with a message naming `probe`.
pub fn texts(probe: &str, path: &str) -> Vec<String> {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("{probe}: {path}: {e}");
        std::process::exit(2)
    });
    raw.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(String::from))
        .collect()
}
