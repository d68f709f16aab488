//! Writes a synthetic company registry (names only) for measuring `--dict` load: `N` rows of
//! random Han characters and a company suffix, from a fixed seed (the same file every run).
//!
//! ```sh
//! cargo run --release --example synthetic_dict -- 200000 > /tmp/companies-200k.tsv
//! /usr/bin/time -v zhtag tag --dict /tmp/companies-200k.tsv --quiet - < /dev/null
//! ```

use std::io::Write;

const SUFFIXES: [&str; 4] = ["股份有限公司", "科技公司", "有限公司", "實業集團"];

/// A small deterministic generator (xorshift64*), enough for synthetic names.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Writes `rows` unique names to `out`, with the organizations header.
pub fn write_registry(rows: usize, out: &mut impl Write) -> std::io::Result<()> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut seen = std::collections::HashSet::new();
    writeln!(out, "name\ttype\taliases")?;
    while seen.len() < rows {
        let len = 2 + (rng.next() % 3) as usize;
        let mut name: String = (0..len)
            .filter_map(|_| char::from_u32(0x4E00 + (rng.next() % 0x5000) as u32))
            .collect();
        name.push_str(SUFFIXES[(rng.next() % SUFFIXES.len() as u64) as usize]);
        if seen.insert(name.clone()) {
            writeln!(out, "{name}\tcompany\t")?;
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let rows = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200_000);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_registry(rows, &mut out)?;
    out.flush()
}
