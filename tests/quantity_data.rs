//! QUANTITY against real data written by others (read from `../shared/eval/`, relative to the
//! crate root):
//!
//! * Microsoft Recognizers-Text Chinese specs (`quantity/recognizers-dev.jsonl`): currency,
//!   dimension and percentage cases through `find_quantities` (an expected span counts as found
//!   when a span overlaps it with the same value, and the same currency when one is given);
//!   number cases through `parse_quantity` on the expected span text.
//! * Duckling's Chinese corpus (`quantity/duckling-dev.jsonl`) through `parse_quantity`.
//! * The QUANTITY entities of `seed.gold.jsonl` and `news-dev.gold.jsonl`: strict span F1 of
//!   `find_quantities(to_simplified(fold(text)))`.
//!
//! Values are compared after converting both sides to a base unit per dimension (the references
//! name units in their own words). Duckling counts the items of a pair (`一对` = 2); our unit for
//! that is the measure word `对`, so the comparison doubles it. Run with `--nocapture` to see the
//! cases that fail.

use std::path::PathBuf;

use serde_json::Value;
use zhtag::quantity::{find_quantities, parse_quantity, Quantity};

fn data(rel: &str) -> Option<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/eval")
        .join(rel);
    std::fs::read_to_string(&p).ok()
}

fn lines(rel: &str) -> Vec<Value> {
    match data(rel) {
        Some(t) => t
            .lines()
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect(),
        None => {
            eprintln!("skipping: ../shared/eval/{rel} not found");
            Vec::new()
        }
    }
}

fn prepare(text: &str) -> String {
    zhtag::convert::to_simplified(&zhtag::normalize::fold(text))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-9)
}

/// (dimension, factor to the dimension's base unit) of one of our canonical units.
fn ours(unit: &str) -> Option<(&'static str, f64)> {
    Some(match unit {
        "m" => ("len", 1.0),
        "km" => ("len", 1000.0),
        "cm" => ("len", 0.01),
        "mm" => ("len", 0.001),
        "µm" => ("len", 1e-6),
        "nm" => ("len", 1e-9),
        "mi" => ("len", 1609.344),
        "ft" => ("len", 0.3048),
        "in" => ("len", 0.0254),
        "nmi" => ("len", 1852.0),
        "m2" => ("area", 1.0),
        "km2" => ("area", 1e6),
        "ha" => ("area", 1e4),
        "mu" => ("area", 10000.0 / 15.0),
        "acre" => ("area", 4046.8564224),
        "L" => ("vol", 1.0),
        "mL" => ("vol", 0.001),
        "m3" => ("vol", 1000.0),
        "cm3" => ("vol", 0.001),
        "gal" => ("vol", 3.785411784),
        "tsp" => ("vol", 0.005),
        "tbsp" => ("vol", 0.015),
        "g" => ("mass", 1.0),
        "kg" => ("mass", 1000.0),
        "t" => ("mass", 1e6),
        "mg" => ("mass", 1e-3),
        "µg" => ("mass", 1e-6),
        "jin" => ("mass", 500.0),
        "liang" => ("mass", 50.0),
        "B" => ("data", 1.0),
        "kB" => ("data", 1e3),
        "MB" => ("data", 1e6),
        "GB" => ("data", 1e9),
        "°C" => ("degC", 1.0),
        "°F" => ("degF", 1.0),
        "°" => ("deg", 1.0),
        _ => return None,
    })
}

/// The same for the unit names of the references.
fn theirs(unit: &str) -> Option<(&'static str, f64)> {
    Some(match unit {
        "Meter" | "Metre" => ("len", 1.0),
        "Kilometer" | "Kilometre" => ("len", 1000.0),
        "Centimeter" | "Centimetre" => ("len", 0.01),
        "Foot" => ("len", 0.3048),
        "Inch" => ("len", 0.0254),
        "Mile" => ("len", 1609.344),
        "Mu" => ("area", 10000.0 / 15.0),
        "Jin" => ("mass", 500.0),
        "Kilogram" => ("mass", 1000.0),
        "Gram" => ("mass", 1.0),
        "Microgram" => ("mass", 1e-6),
        "Megabyte" => ("data", 1e6),
        "Litre" => ("vol", 1.0),
        "Millilitre" => ("vol", 0.001),
        "Gallon" => ("vol", 3.785411784),
        "Celsius" => ("degC", 1.0),
        "Fahrenheit" => ("degF", 1.0),
        "Degree" => ("deg", 1.0),
        _ => return None,
    })
}

fn is_money(unit: &str) -> bool {
    unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase())
}

/// Our value expressed in the reference unit, if the units are compatible.
fn in_their_unit(q_value: f64, q_unit: &str, their: &str) -> Option<f64> {
    match their {
        "Cent" => is_money(q_unit).then_some(q_value * 100.0),
        "Dollar" => is_money(q_unit).then_some(q_value),
        "CNY" | "HKD" | "USD" | "EUR" => (q_unit == their).then_some(q_value),
        _ => {
            let (d1, f1) = ours(q_unit)?;
            let (d2, f2) = theirs(their)?;
            (d1 == d2).then_some(q_value * f1 / f2)
        }
    }
}

#[derive(Default)]
struct Rate {
    ok: usize,
    total: usize,
}
impl Rate {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        if ok {
            self.ok += 1;
        }
    }
    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.ok as f64 / self.total as f64
        }
    }
}

fn parse_expected_value(v: &Value) -> Option<f64> {
    let s = v.as_str()?;
    s.trim_end_matches('%').parse().ok()
}

#[test]
fn recognizers_text_specs() {
    let cases = lines("quantity/recognizers-dev.jsonl");
    if cases.is_empty() {
        return;
    }
    let mut spans = Rate::default();
    let mut numbers = Rate::default();
    let mut per_kind: std::collections::BTreeMap<String, Rate> = Default::default();
    for c in &cases {
        let kind = c["kind"].as_str().unwrap_or("");
        let text = c["text"].as_str().unwrap_or("");
        let exp = c["expected"].as_array().cloned().unwrap_or_default();
        if kind == "number" {
            for e in &exp {
                let Some(v) = parse_expected_value(&e["value"]) else {
                    continue;
                };
                let t = e["text"].as_str().unwrap_or("");
                let got = parse_quantity(t);
                let ok = got.as_ref().is_ok_and(|q| close(q.value, v));
                if !ok {
                    println!(
                        "NUMBER MISS {:?} expected {v} got {:?}",
                        t,
                        got.map(|q| q.value)
                    );
                }
                numbers.add(ok);
            }
            continue;
        }
        let found = find_quantities(&prepare(text));
        for e in &exp {
            let Some(v) = parse_expected_value(&e["value"]) else {
                continue;
            }; // bare currency names
            let (s, en) = (
                e["start"].as_u64().unwrap_or(0) as usize,
                e["end"].as_u64().unwrap_or(0) as usize,
            );
            let iso = e["iso"].as_str();
            let unit = e["unit"].as_str();
            let ok = found.iter().any(|f| {
                if !(f.start < en && s < f.end) {
                    return false;
                }
                let q = &f.quantity;
                match kind {
                    "percentage" => matches!(q.unit.as_str(), "%" | "pp") && close(q.value, v),
                    "currency" => close(q.value, v) && iso.is_none_or(|i| q.unit == i),
                    _ => match unit.and_then(|u| in_their_unit(q.value, &q.unit, u)) {
                        Some(x) => close(x, v),
                        None => false,
                    },
                }
            });
            if !ok {
                println!(
                    "{kind} MISS {:?} [{}] expected {v} {:?} found {:?}",
                    text,
                    e["text"],
                    iso.or(unit),
                    found
                        .iter()
                        .map(|f| (f.start, f.end, f.quantity.value, f.quantity.unit.clone()))
                        .collect::<Vec<_>>()
                );
            }
            spans.add(ok);
            per_kind.entry(kind.to_string()).or_default().add(ok);
        }
    }
    for (k, r) in &per_kind {
        println!("recognizers {k}: {}/{} = {:.3}", r.ok, r.total, r.rate());
    }
    println!(
        "recognizers currency+dimension+percentage spans: {}/{} = {:.3}",
        spans.ok,
        spans.total,
        spans.rate()
    );
    println!(
        "recognizers number values: {}/{} = {:.3}",
        numbers.ok,
        numbers.total,
        numbers.rate()
    );
    assert!(
        spans.rate() >= 0.95,
        "span recall {:.3} < 0.95",
        spans.rate()
    );
    assert!(
        numbers.rate() >= 0.95,
        "number rate {:.3} < 0.95",
        numbers.rate()
    );
}

/// Duckling's expectation: (relation, unit, value, range).
type Expectation = (String, Option<String>, Option<f64>, Option<(f64, f64)>);

fn duckling_expected(e: &str) -> Option<Expectation> {
    if let Some(rest) = e.strip_prefix("NumeralValue ") {
        let v: f64 = rest
            .trim_matches(|c| c == '(' || c == ')')
            .trim()
            .parse()
            .ok()?;
        return Some(("simple".into(), None, Some(v), None));
    }
    let mut it = e.splitn(3, ' ');
    let rel = it.next()?.to_string();
    let unit = it.next()?.to_string();
    let rest = it.next()?.trim();
    if rel == "between" {
        let inner = rest.trim_start_matches('(').split(')').next()?;
        let mut p = inner.split(',').map(|x| x.trim().parse::<f64>());
        let a = p.next()?.ok()?;
        let b = p.next()?.ok()?;
        return Some((rel, Some(unit), None, Some((a, b))));
    }
    let v: f64 = rest.split_whitespace().next()?.parse().ok()?;
    Some((rel, Some(unit), Some(v), None))
}

fn duckling_ok(
    q: &Quantity,
    unit: &Option<String>,
    v: Option<f64>,
    range: Option<(f64, f64)>,
) -> bool {
    let conv = |x: f64| -> Option<f64> {
        match unit {
            None => Some(match q.unit.as_str() {
                "对" | "双" => x * 2.0,
                _ => x,
            }),
            Some(u) => in_their_unit(x, &q.unit, u),
        }
    };
    if let Some((a, b)) = range {
        return match (q.min.and_then(conv), q.max.and_then(conv)) {
            (Some(x), Some(y)) => close(x, a) && close(y, b),
            _ => false,
        };
    }
    match (conv(q.value), v) {
        (Some(x), Some(v)) => close(x, v),
        _ => false,
    }
}

#[test]
fn duckling_corpus() {
    let cases = lines("quantity/duckling-dev.jsonl");
    if cases.is_empty() {
        return;
    }
    let mut per_dim: std::collections::BTreeMap<String, Rate> = Default::default();
    for c in &cases {
        let dim = c["dimension"].as_str().unwrap_or("").to_string();
        let text = c["text"].as_str().unwrap_or("");
        let exp = c["expected"].as_str().unwrap_or("");
        let Some((_rel, unit, v, range)) = duckling_expected(exp) else {
            println!("cannot read expectation {exp:?}");
            continue;
        };
        let got = parse_quantity(text);
        let ok = got.as_ref().is_ok_and(|q| duckling_ok(q, &unit, v, range));
        if !ok {
            println!(
                "DUCKLING {dim} MISS {text:?} expected {exp:?} got {:?}",
                got
            );
        }
        per_dim.entry(dim).or_default().add(ok);
    }
    let mut all = Rate::default();
    for (d, r) in &per_dim {
        println!("duckling {d}: {}/{} = {:.3}", r.ok, r.total, r.rate());
        all.ok += r.ok;
        all.total += r.total;
    }
    println!("duckling all: {}/{} = {:.3}", all.ok, all.total, all.rate());
    for d in [
        "Numeral",
        "AmountOfMoney",
        "Quantity",
        "Distance",
        "Volume",
        "Temperature",
    ] {
        if let Some(r) = per_dim.get(d) {
            assert!(r.rate() >= 0.95, "duckling {d}: {:.3} < 0.95", r.rate());
        }
    }
}

/// Strict span P/R/F1 on the QUANTITY entities of a gold file. Returns (raw F1, F1 after
/// dropping predictions that overlap a longer gold entity of another label, as the tagger's
/// overlap resolution does).
fn gold_f1(rel: &str) -> Option<(f64, f64)> {
    let docs = lines(rel);
    if docs.is_empty() {
        return None;
    }
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    let (mut tp2, mut fp2) = (0usize, 0usize);
    for d in &docs {
        let text = d["text"].as_str().unwrap_or("");
        let ents = d["entities"].as_array().cloned().unwrap_or_default();
        let span = |e: &Value| {
            (
                e["start"].as_u64().unwrap_or(0) as usize,
                e["end"].as_u64().unwrap_or(0) as usize,
            )
        };
        let gold: Vec<(usize, usize)> = ents
            .iter()
            .filter(|e| e["label"] == "QUANTITY")
            .map(span)
            .collect();
        let others: Vec<(usize, usize)> = ents
            .iter()
            .filter(|e| e["label"] != "QUANTITY")
            .map(span)
            .collect();
        let pred: Vec<(usize, usize)> = find_quantities(&prepare(text))
            .iter()
            .map(|q| (q.start, q.end))
            .collect();
        let chars: Vec<char> = text.chars().collect();
        let show = |(a, b): (usize, usize)| -> String {
            let ctx = |x: usize, y: usize| {
                chars
                    .get(x.min(chars.len())..y.min(chars.len()))
                    .map(|c| c.iter().collect::<String>())
                    .unwrap_or_default()
            };
            format!(
                "{}【{}】{}",
                ctx(a.saturating_sub(6), a),
                ctx(a, b),
                ctx(b, b + 6)
            )
            .replace('\n', " ")
        };
        for p in &pred {
            let hit = gold.contains(p);
            let shadowed = others
                .iter()
                .any(|o| o.0 < p.1 && p.0 < o.1 && (o.1 - o.0) > (p.1 - p.0));
            if hit {
                tp += 1;
                tp2 += 1;
            } else {
                fp += 1;
                if !shadowed {
                    fp2 += 1;
                }
                println!(
                    "{rel} FP{} {}",
                    if shadowed {
                        " (loses to a longer entity)"
                    } else {
                        ""
                    },
                    show(*p)
                );
            }
        }
        for g in &gold {
            if !pred.contains(g) {
                fnn += 1;
                println!("{rel} FN {}", show(*g));
            }
        }
    }
    let f1 = |tp: usize, fp: usize, fnn: usize| {
        let p = tp as f64 / (tp + fp).max(1) as f64;
        let r = tp as f64 / (tp + fnn).max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    };
    let raw = f1(tp, fp, fnn);
    let resolved = f1(tp2, fp2, fnn);
    println!("{rel}: tp {tp} fp {fp} fn {fnn} strict F1 {raw:.3}; after overlap resolution fp {fp2} F1 {resolved:.3}");
    Some((raw, resolved))
}

#[test]
fn seed_gold_quantity_f1() {
    if let Some((raw, _)) = gold_f1("seed.gold.jsonl") {
        assert!(raw >= 0.97, "seed strict F1 {raw:.3} < 0.97");
    }
}

#[test]
fn news_dev_gold_quantity_f1() {
    if let Some((raw, _)) = gold_f1("news-dev.gold.jsonl") {
        assert!(raw >= 0.93, "news-dev strict F1 {raw:.3} < 0.93");
    }
}
