//! Trains the learned recognizer's model from gold-format JSONL files.
//!
//! ```text
//! cargo run --release --example train_model -- [OPTIONS] TRAIN.jsonl...
//!   --out FILE        where to write the model (default models/person.zhm)
//!   --types LIST      entity types to tag, comma-separated (default PERSON)
//!   --epochs N        passes over the data (default 10)
//!   --seed N          seed of the visiting order (default 24301)
//!   --min-count N     leave out features seen fewer times (default 2)
//!   --every N         keep one training sentence in N (a quick subsample; default 1)
//!   --limit N         keep at most N training sentences (default all)
//!   --names FILE      jieba's dict.txt: its nr/nrt/nrfg words become a feature, and all its
//!                     words of 2–4 chars the filter of known words the gate asks
//!   --refilter MODEL  no training: read MODEL, give it the known-words filter of --names
//!                     (weights untouched) and write it to --out
//!   --augment N       add N copies of each sentence with a Chinese name, the names replaced
//!                     by random ones (surname and given-name chars drawn from the training
//!                     names), so the model learns the contexts and shapes of names, not the
//!                     names themselves (default 0)
//!   --dev FILE        after training, score the model alone on FILE (repeatable)
//!   --gate            with --dev: decode only the chars the recognizer decodes (Model::active)
//!   --errors          with --dev: list the missed and spurious spans
//! ```
//!
//! The shipped model: `cargo run --release --example train_model --
//! ../shared/train/cluener-train.tw.jsonl ../shared/train/cluener-dev.tw.jsonl
//! ../shared/train/uner-gsd-train.gold.jsonl` (see models/README.md).
//!
//! Each line is `{"text", "entities": [{"start", "end", "label"}]}` with offsets in chars of the
//! text; labels the model does not tag are ignored (CLUENER's ADDRESS, POSITION, … are not
//! ours). Conventions of the sources that differ from the guidelines are corrected here:
//! UNER tags reign names (成化十五年, 明治四十三年) as PERSON; a PERSON span followed by a
//! numeral and 年 is dropped.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Instant;

use zhtag::model::features::{name_kind, word_hash, DictSpan, KnownWords, NameSet};
use zhtag::model::train::{TrainOptions, Trainer};
use zhtag::model::Model;
use zhtag::recognize::{Candidate, Prepared};
use zhtag::{Label, Tagger};

struct Args {
    out: String,
    opts: TrainOptions,
    every: usize,
    limit: usize,
    train: Vec<String>,
    dev: Vec<String>,
    errors: bool,
    names: Option<String>,
    augment: usize,
    gate: bool,
    refilter: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        out: "models/person.zhm".into(),
        opts: TrainOptions {
            seed: 24301,
            min_count: 2,
            ..TrainOptions::default()
        },
        every: 1,
        limit: usize::MAX,
        train: Vec::new(),
        dev: Vec::new(),
        errors: false,
        names: None,
        augment: 0,
        gate: false,
        refilter: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        let num = |v: String| v.parse::<u64>().map_err(|e| format!("{v}: {e}"));
        match arg.as_str() {
            "--out" => a.out = value()?,
            "--types" => {
                a.opts.types = value()?
                    .split(',')
                    .map(|s| s.parse::<Label>())
                    .collect::<Result<_, _>>()?
            }
            "--epochs" => a.opts.epochs = num(value()?)? as usize,
            "--seed" => a.opts.seed = num(value()?)?,
            "--min-count" => a.opts.min_count = num(value()?)? as u32,
            "--every" => a.every = (num(value()?)? as usize).max(1),
            "--limit" => a.limit = num(value()?)? as usize,
            "--dev" => a.dev.push(value()?),
            "--errors" => a.errors = true,
            "--names" => a.names = Some(value()?),
            "--augment" => a.augment = num(value()?)? as usize,
            "--gate" => a.gate = true,
            "--refilter" => a.refilter = Some(value()?),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => a.train.push(arg),
        }
    }
    if a.train.is_empty() && a.refilter.is_none() {
        return Err("no training file".into());
    }
    Ok(a)
}

/// A sentence: text and its spans (labels we know; others dropped).
struct Record {
    text: String,
    spans: Vec<(Label, usize, usize)>,
}

fn read(path: &str) -> Result<Vec<Record>, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", i + 1))?;
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            return Err(format!("{path}:{}: no text", i + 1));
        };
        let mut spans = Vec::new();
        for e in v
            .get("entities")
            .and_then(|e| e.as_array())
            .into_iter()
            .flatten()
        {
            let (Some(s), Some(en), Some(l)) = (
                e.get("start").and_then(|x| x.as_u64()),
                e.get("end").and_then(|x| x.as_u64()),
                e.get("label").and_then(|x| x.as_str()),
            ) else {
                continue;
            };
            if let Ok(label) = l.parse::<Label>() {
                spans.push((label, s as usize, en as usize));
            }
        }
        out.push(Record {
            text: text.to_string(),
            spans,
        });
    }
    Ok(out)
}

/// The words of 2–4 chars that jieba's dictionary (`word freq pos` lines) tags as names, and
/// the filter of all its words of 2–4 chars.
fn read_names(path: &str) -> Result<(NameSet, KnownWords), String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = NameSet::default();
    let mut known = KnownWords::with_capacity_bits();
    for line in raw.lines() {
        let mut it = line.split_whitespace();
        let (Some(w), Some(_)) = (it.next(), it.next()) else {
            continue;
        };
        if !(2..=4).contains(&w.chars().count()) {
            continue;
        }
        known.insert(word_hash(w));
        if let Some(kind) = it.next().and_then(name_kind) {
            out.insert(word_hash(w), kind);
        }
    }
    Ok((out, known))
}

/// splitmix64, for the augmentation's choices.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> Option<&'a T> {
        if v.is_empty() {
            None
        } else {
            v.get((self.next() % v.len() as u64) as usize)
        }
    }
}

/// True for a PERSON span that looks like a Chinese name: 2 or 3 Han chars.
fn chinese_name(chars: &[char], s: usize, e: usize) -> bool {
    (2..=3).contains(&(e - s))
        && chars
            .get(s..e)
            .is_some_and(|c| c.iter().all(|&c| zhtag::recognize::is_han(c)))
}

/// Copies of the records with their Chinese names replaced by random ones of the same length:
/// surnames and given-name chars are drawn, by frequency, from the training names themselves.
fn augment(records: &[Record], copies: usize, seed: u64) -> Vec<Record> {
    let (mut surnames, mut given) = (Vec::new(), Vec::new());
    for r in records {
        let chars: Vec<char> = r.text.chars().collect();
        for &(l, s, e) in &r.spans {
            if l == Label::Person && chinese_name(&chars, s, e) {
                surnames.push(chars[s]);
                given.extend_from_slice(&chars[s + 1..e]);
            }
        }
    }
    let mut rng = Rng(seed ^ 0xa06e);
    let mut out = Vec::new();
    for _ in 0..copies {
        for r in records {
            let mut chars: Vec<char> = r.text.chars().collect();
            let mut changed = false;
            for &(l, s, e) in &r.spans {
                if l != Label::Person || !chinese_name(&chars, s, e) {
                    continue;
                }
                if let Some(&c) = rng.pick(&surnames) {
                    chars[s] = c;
                }
                for slot in &mut chars[s + 1..e] {
                    if let Some(&c) = rng.pick(&given) {
                        *slot = c;
                    }
                }
                changed = true;
            }
            if changed {
                out.push(Record {
                    text: chars.into_iter().collect(),
                    spans: r.spans.clone(),
                });
            }
        }
    }
    out
}

/// Drops PERSON spans that are reign names: followed by a numeral (or 元) and then 年.
fn fix_conventions(r: &mut Record) {
    let chars: Vec<char> = r.text.chars().collect();
    r.spans.retain(|&(l, _, e)| {
        if l != Label::Person {
            return true;
        }
        let mut j = e;
        while chars
            .get(j)
            .is_some_and(|&c| "元一二三四五六七八九十廿卅〇○零0123456789".contains(c))
        {
            j += 1;
        }
        !(j > e && chars.get(j) == Some(&'年'))
    });
}

/// The prepared sentence of a record (None when conversion changed the char count).
fn prepare(tagger: &Tagger, text: &str) -> Option<(String, Vec<zhtag::segment::Token>)> {
    let prepared = tagger.prepare(text);
    if prepared.chars().count() != text.chars().count() {
        return None;
    }
    let tokens = tagger.segmenter().tokens(&prepared);
    Some((prepared, tokens))
}

fn dict_spans(tagger: &Tagger, p: &Prepared<'_>) -> Vec<DictSpan> {
    let mut cands: Vec<Candidate> = Vec::new();
    tagger.lexicon().find(p, tagger.segmenter(), &mut cands);
    cands.iter().map(DictSpan::from).collect()
}

/// `--refilter`: the model at `from` with the known-words filter of jieba's dictionary `names`.
fn refilter(from: &str, names: Option<&str>, out: &str) -> ExitCode {
    let Some(names) = names else {
        eprintln!("train_model: --refilter needs --names");
        return ExitCode::from(2);
    };
    let model = std::fs::read(from)
        .map_err(|e| format!("{from}: {e}"))
        .and_then(|b| Model::from_bytes(&b).map_err(|e| format!("{from}: {e}")));
    let result = model.and_then(|mut m| {
        let (_, known) = read_names(names)?;
        m.set_known(known);
        std::fs::write(out, m.to_bytes()).map_err(|e| format!("{out}: {e}"))
    });
    match result {
        Ok(()) => {
            eprintln!("wrote {out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("train_model: {e}");
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    let a = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("train_model: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(from) = &a.refilter {
        return refilter(from, a.names.as_deref(), &a.out);
    }
    let tagger = Tagger::new();
    let t0 = Instant::now();
    let mut trainer = Trainer::new(a.opts.clone());
    if let Some(path) = &a.names {
        match read_names(path) {
            Ok((n, known)) => {
                eprintln!("{} name words from {path}", n.len());
                trainer.set_names(n);
                trainer.set_known(known);
            }
            Err(e) => {
                eprintln!("train_model: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let mut records = Vec::new();
    let mut seen = 0usize;
    for f in &a.train {
        let rs = match read(f) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("train_model: {e}");
                return ExitCode::from(1);
            }
        };
        for mut r in rs {
            seen += 1;
            if !(seen - 1).is_multiple_of(a.every) || records.len() >= a.limit {
                continue;
            }
            fix_conventions(&mut r);
            records.push(r);
        }
    }
    let extra = augment(&records, a.augment, a.opts.seed);
    let mut skipped = 0;
    for r in records.iter().chain(&extra) {
        let Some((text, tokens)) = prepare(&tagger, &r.text) else {
            skipped += 1;
            continue;
        };
        let p = Prepared::new(&text, tokens);
        let dict = dict_spans(&tagger, &p);
        trainer.add(&p, &dict, &r.spans);
    }
    eprintln!(
        "{} sentences ({skipped} skipped) prepared in {:.1} s",
        trainer.len(),
        t0.elapsed().as_secs_f64()
    );
    let t1 = Instant::now();
    let model = trainer.train(|epoch, wrong| eprintln!("epoch {epoch}: {wrong} sentences wrong"));
    let bytes = model.to_bytes();
    eprintln!(
        "trained in {:.1} s: {} features, {} bytes",
        t1.elapsed().as_secs_f64(),
        model.feature_count(),
        bytes.len()
    );
    if let Err(e) = std::fs::write(&a.out, &bytes) {
        eprintln!("train_model: {}: {e}", a.out);
        return ExitCode::from(1);
    }
    // score the model alone (as written, after quantization) on the dev files
    let model = match zhtag::model::Model::from_bytes(&bytes) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("train_model: the written model does not load: {e}");
            return ExitCode::from(1);
        }
    };
    for f in &a.dev {
        let records = match read(f) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("train_model: {e}");
                return ExitCode::from(1);
            }
        };
        // per type and confidence threshold: (gold, predicted, correct)
        const THRESHOLDS: [f32; 7] = [0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8];
        let mut counts: BTreeMap<(Label, u32), (usize, usize, usize)> = BTreeMap::new();
        let (mut chars, mut active) = (0usize, 0usize);
        let mut ranges = Vec::new();
        let mut buffers = zhtag::model::Buffers::default();
        for r in records {
            let Some((text, tokens)) = prepare(&tagger, &r.text) else {
                continue;
            };
            let p = Prepared::new(&text, tokens);
            let dict = dict_spans(&tagger, &p);
            let n = p.chars.len();
            if a.gate {
                model.active(&p, tagger.segmenter(), &mut ranges);
            } else {
                ranges.clear();
                ranges.push(0..n);
            }
            chars += n;
            active += ranges.iter().map(|r| r.len()).sum::<usize>();
            let mut all = Vec::new();
            model.find_in(&p, &dict, &ranges, &mut buffers, &mut all);
            for (&th, &t) in THRESHOLDS
                .iter()
                .flat_map(|th| model.types().iter().map(move |t| (th, t)))
            {
                let found: Vec<_> = all.iter().filter(|s| s.confidence >= th).collect();
                let gold: Vec<(usize, usize)> = r
                    .spans
                    .iter()
                    .filter(|s| s.0 == t)
                    .map(|s| (s.1, s.2))
                    .collect();
                let pred: Vec<(usize, usize)> = found
                    .iter()
                    .filter(|s| s.label == t)
                    .map(|s| (s.start, s.end))
                    .collect();
                if a.errors && th == 0.0 {
                    let chars: Vec<char> = r.text.chars().collect();
                    let show = |s: usize, e: usize| {
                        let a0 = s.saturating_sub(6);
                        let b0 = (e + 6).min(chars.len());
                        format!(
                            "{}[{}]{}",
                            chars[a0..s].iter().collect::<String>(),
                            chars[s..e].iter().collect::<String>(),
                            chars[e..b0].iter().collect::<String>()
                        )
                    };
                    for g in gold.iter().filter(|g| !pred.contains(g)) {
                        println!("missed\t{t}\t{}", show(g.0, g.1));
                    }
                    for x in pred.iter().filter(|x| !gold.contains(x)) {
                        println!("spurious\t{t}\t{}", show(x.0, x.1));
                    }
                }
                let c = counts.entry((t, (th * 100.0) as u32)).or_default();
                c.0 += gold.len();
                c.1 += pred.len();
                c.2 += pred.iter().filter(|x| gold.contains(x)).count();
            }
        }
        println!(
            "{f}\tdecoded {active} of {chars} chars ({:.1} %)",
            100.0 * active as f64 / chars.max(1) as f64
        );
        for ((t, th), (g, p, c)) in counts {
            let pr = c as f64 / p.max(1) as f64;
            let re = c as f64 / g.max(1) as f64;
            let f1 = if pr + re > 0.0 {
                2.0 * pr * re / (pr + re)
            } else {
                0.0
            };
            println!(
                "{f}\t{t}\tconf>={:.2}\tgold {g}\tpred {p}\tP {pr:.3}\tR {re:.3}\tF1 {f1:.3}",
                th as f32 / 100.0
            );
        }
    }
    ExitCode::SUCCESS
}
