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
//!   --runs N          runs over the data in the orders of seeds seed..seed+N, weights averaged
//!   --holdout K       hold every Kth training sentence out and score on them (tuning epochs)
//!   --eval MODEL      no training: score MODEL on --dev
//!   --dump FILE       with --dev: per-sentence JSONL (tokens, dictionary, windows, gold, found)
//!   --no-dict         no dictionary-match features
//!   --foreign, --augment-dict N   experimental augmentations (transliterated names; jieba's names)
//!   --gate            with --dev: decode only the chars the recognizer decodes (Model::active)
//!   --errors          with --dev: list the missed and spurious spans
//! ```
//!
//! The shipped model: `cargo run --release --example train_model -- --epochs 20 --runs 4
//! --augment 2 --names …/dict.txt
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

use zhtag::model::features::{
    is_surname, name_kind, word_hash, DictSpan, KnownWords, NameSet, MAX_NAME_LEN,
};
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
    eval: Option<String>,
    dump: Option<String>,
    holdout: usize,
    dict: bool,
    copy_names: bool,
    foreign: bool,
    augment_dict: usize,
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
        eval: None,
        dump: None,
        holdout: 0,
        dict: true,
        copy_names: false,
        foreign: false,
        augment_dict: 0,
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
            "--runs" => a.opts.runs = num(value()?)? as usize,
            "--min-count" => a.opts.min_count = num(value()?)? as u32,
            "--every" => a.every = (num(value()?)? as usize).max(1),
            "--limit" => a.limit = num(value()?)? as usize,
            "--dev" => a.dev.push(value()?),
            "--errors" => a.errors = true,
            "--names" => a.names = Some(value()?),
            "--augment" => a.augment = num(value()?)? as usize,
            "--gate" => a.gate = true,
            "--refilter" => a.refilter = Some(value()?),
            "--eval" => a.eval = Some(value()?),
            "--dump" => a.dump = Some(value()?),
            "--holdout" => a.holdout = num(value()?)? as usize,
            "--no-dict" => a.dict = false,
            "--copy-names" => a.copy_names = true,
            "--foreign" => a.foreign = true,
            "--augment-dict" => a.augment_dict = num(value()?)? as usize,
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => a.train.push(arg),
        }
    }
    if a.train.is_empty() && a.refilter.is_none() && a.eval.is_none() {
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

/// The words of 2–8 chars that jieba's dictionary (`word freq pos` lines) tags as names, and
/// the filter of all its words of 2–4 chars.
fn read_names(path: &str) -> Result<(NameSet, KnownWords), String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = NameSet::default();
    let mut known = KnownWords::with_capacity_bits();
    for line in raw.lines() {
        let mut it = line.split_whitespace();
        let (Some(w), Some(freq)) = (it.next(), it.next()) else {
            continue;
        };
        let len = w.chars().count();
        if !(2..=MAX_NAME_LEN).contains(&len) {
            continue;
        }
        if len <= 4 {
            known.insert(word_hash(w));
        }
        let freq = freq.parse::<u64>().unwrap_or(0);
        if let Some(kind) = it.next().and_then(|pos| name_kind(w, freq, pos)) {
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

/// The shape of a PERSON span, for the augmentation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// 2 or 3 Han chars (with `foreign`: and a common surname first).
    Chinese,
    /// With `foreign`: 2 or more Han chars (and separator dots), not [`Shape::Chinese`]: a
    /// transliterated name.
    Foreign,
    /// Anything else (Latin letters, one char): left as it is.
    Other,
}

/// A name's separator dot (阿·德米特里).
fn is_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '‧' | '・')
}

/// The shape of the span `s..e` of `chars` (`simple`: the same chars in Simplified, for the
/// surname test).
fn shape(chars: &[char], simple: &[char], s: usize, e: usize, foreign: bool) -> Shape {
    let Some(span) = chars.get(s..e) else {
        return Shape::Other;
    };
    let han = |c: &char| zhtag::recognize::is_han(*c);
    if !foreign {
        return if (2..=3).contains(&span.len()) && span.iter().all(han) {
            Shape::Chinese
        } else {
            Shape::Other
        };
    }
    if (2..=3).contains(&span.len()) && span.iter().all(han) && is_surname(simple.get(s).copied()) {
        Shape::Chinese
    } else if span.len() >= 2
        && span.iter().all(|c| han(c) || is_dot(*c))
        && span.iter().filter(|c| han(c)).count() >= 2
    {
        Shape::Foreign
    } else {
        Shape::Other
    }
}

/// Copies of the records with their names replaced by random ones of the same length: for a
/// Chinese name a surname and given-name chars, for a transliterated one (with `foreign`) chars
/// of the training's transliterated names, all drawn by frequency from the training names
/// themselves (`simple`: the records' texts in Simplified, or empty where conversion changed
/// the length).
fn augment(
    records: &[Record],
    simple: &[Vec<char>],
    copies: usize,
    seed: u64,
    foreign: bool,
) -> Vec<Record> {
    let (mut surnames, mut given, mut translit) = (Vec::new(), Vec::new(), Vec::new());
    for (r, simple) in records.iter().zip(simple) {
        let chars: Vec<char> = r.text.chars().collect();
        for &(l, s, e) in &r.spans {
            if l != Label::Person {
                continue;
            }
            match shape(&chars, simple, s, e, foreign) {
                Shape::Chinese => {
                    surnames.push(chars[s]);
                    given.extend_from_slice(&chars[s + 1..e]);
                }
                Shape::Foreign => translit.extend(chars[s..e].iter().filter(|c| !is_dot(**c))),
                Shape::Other => {}
            }
        }
    }
    let mut rng = Rng(seed ^ 0xa06e);
    let mut out = Vec::new();
    for _ in 0..copies {
        for (r, simple) in records.iter().zip(simple) {
            let mut chars: Vec<char> = r.text.chars().collect();
            let mut changed = false;
            for &(l, s, e) in &r.spans {
                if l != Label::Person {
                    continue;
                }
                match shape(&chars, simple, s, e, foreign) {
                    Shape::Chinese => {
                        if let Some(&c) = rng.pick(&surnames) {
                            chars[s] = c;
                        }
                        for slot in &mut chars[s + 1..e] {
                            if let Some(&c) = rng.pick(&given) {
                                *slot = c;
                            }
                        }
                    }
                    Shape::Foreign => {
                        for slot in chars[s..e].iter_mut().filter(|c| !is_dot(**c)) {
                            if let Some(&c) = rng.pick(&translit) {
                                *slot = c;
                            }
                        }
                    }
                    Shape::Other => continue,
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

/// Copies of the records with their names replaced by names of jieba's dictionary: a Chinese
/// name by one of its `nr` words of a Chinese name's shape, a transliterated one by one of its
/// `nrt` words (Simplified, any length), so that the model sees jieba's name words, as jieba
/// segments and tags them, where names stand. Spans after a replaced name move with it.
fn augment_dict(
    records: &[Record],
    simple: &[Vec<char>],
    copies: usize,
    seed: u64,
    pools: &NamePools,
) -> Vec<Record> {
    let mut rng = Rng(seed ^ 0xd1c7);
    let mut out = Vec::new();
    for _ in 0..copies {
        for (r, simple) in records.iter().zip(simple) {
            let chars: Vec<char> = r.text.chars().collect();
            // the names to replace, in order and not overlapping, with their new chars
            let mut names: Vec<(usize, usize)> = r
                .spans
                .iter()
                .filter(|&&(l, s, e)| {
                    l == Label::Person && shape(&chars, simple, s, e, true) != Shape::Other
                })
                .map(|&(_, s, e)| (s, e))
                .collect();
            names.sort_unstable();
            names.dedup_by(|b, a| b.0 < a.1);
            if names.is_empty() {
                continue;
            }
            let mut text = String::new();
            let mut at = 0;
            // (old start, old end, new start, new end) of each replaced name
            let mut moved = Vec::new();
            for &(s, e) in &names {
                let pool = match shape(&chars, simple, s, e, true) {
                    Shape::Chinese => &pools.chinese,
                    _ => &pools.foreign,
                };
                let Some(name) = rng.pick(pool) else {
                    continue;
                };
                text.extend(&chars[at..s]);
                let new_start = text.chars().count();
                text.extend(name);
                moved.push((s, e, new_start, new_start + name.len()));
                at = e;
            }
            text.extend(&chars[at..]);
            // a span boundary after a replaced name moves with it; one inside it is lost
            let map = |i: usize, end: bool| -> Option<usize> {
                let mut d = 0isize;
                for &(s, e, _, ne) in &moved {
                    if (end && i <= s) || (!end && i < s) {
                        break;
                    }
                    if i < e {
                        return None;
                    }
                    d = ne as isize - e as isize;
                }
                Some((i as isize + d) as usize)
            };
            let mut spans = Vec::new();
            for &(l, s, e) in &r.spans {
                if let Some(m) = moved.iter().find(|m| (m.0, m.1) == (s, e)) {
                    spans.push((l, m.2, m.3));
                } else if let (Some(ns), Some(ne)) = (map(s, false), map(e, true)) {
                    spans.push((l, ns, ne));
                }
            }
            out.push(Record { text, spans });
        }
    }
    out
}

/// Names of jieba's dictionary for [`augment_dict`] (Simplified chars).
#[derive(Default)]
struct NamePools {
    chinese: Vec<Vec<char>>,
    foreign: Vec<Vec<char>>,
}

/// The `nr`/`nrfg` words of a Chinese name's shape and the `nrt` words of 2–6 chars of
/// jieba's dictionary, without the words a training span of another label covers (jieba
/// tags football clubs `nrt`).
fn name_pools(path: &str, records: &[Record], simple: &[Vec<char>]) -> Result<NamePools, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut other = std::collections::HashSet::new();
    for (r, simple) in records.iter().zip(simple) {
        for &(l, s, e) in &r.spans {
            if l != Label::Person
                && let Some(w) = simple.get(s..e)
            {
                other.insert(w.iter().collect::<String>());
            }
        }
    }
    let mut pools = NamePools::default();
    for line in raw.lines() {
        let mut it = line.split_whitespace();
        let (Some(w), Some(_), Some(pos)) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        let chars: Vec<char> = w.chars().collect();
        if other.contains(w) || !chars.iter().all(|&c| zhtag::recognize::is_han(c)) {
            continue;
        }
        match pos {
            "nr" | "nrfg"
                if (2..=3).contains(&chars.len()) && is_surname(chars.first().copied()) =>
            {
                pools.chinese.push(chars)
            }
            "nrt" if (2..=6).contains(&chars.len()) => pools.foreign.push(chars),
            _ => {}
        }
    }
    Ok(pools)
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

fn dict_spans(tagger: &Tagger, p: &Prepared<'_>, on: bool) -> Vec<DictSpan> {
    let mut cands: Vec<Candidate> = Vec::new();
    if !on {
        return Vec::new();
    }
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

/// Trains on the files of `a` and writes the model; returns it (as written) and the held-out
/// sentences.
fn train(a: &Args, tagger: &Tagger) -> Result<(Model, Vec<Record>), String> {
    let t0 = Instant::now();
    let mut trainer = Trainer::new(a.opts.clone());
    if let Some(path) = &a.names {
        let (n, known) = read_names(path)?;
        eprintln!("{} name words from {path}", n.len());
        trainer.set_names(n);
        trainer.set_known(known);
    }
    let (mut records, mut held) = (Vec::new(), Vec::new());
    let mut seen = 0usize;
    for f in &a.train {
        for mut r in read(f)? {
            seen += 1;
            if !(seen - 1).is_multiple_of(a.every) || records.len() >= a.limit {
                continue;
            }
            fix_conventions(&mut r);
            if a.holdout > 0 && seen.is_multiple_of(a.holdout) {
                held.push(r);
            } else {
                records.push(r);
            }
        }
    }
    let simple: Vec<Vec<char>> = records
        .iter()
        .map(|r| {
            let p = tagger.prepare(&r.text);
            let c: Vec<char> = p.chars().collect();
            if c.len() == r.text.chars().count() {
                c
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut extra = augment(&records, &simple, a.augment, a.opts.seed, a.foreign);
    let random_copies = extra.len();
    if a.augment_dict > 0
        && let Some(path) = &a.names
    {
        let pools = name_pools(path, &records, &simple)?;
        eprintln!(
            "{} Chinese and {} transliterated names of jieba's for the copies",
            pools.chinese.len(),
            pools.foreign.len()
        );
        extra.extend(augment_dict(
            &records,
            &simple,
            a.augment_dict,
            a.opts.seed,
            &pools,
        ));
    }
    let mut skipped = 0;
    let (copies, random) = (records.len(), records.len() + random_copies);
    for (i, r) in records.iter().chain(&extra).enumerate() {
        let Some((text, tokens)) = prepare(tagger, &r.text) else {
            skipped += 1;
            continue;
        };
        let p = Prepared::new(&text, tokens);
        let dict = dict_spans(tagger, &p, a.dict);
        // the copies with made-up names learn nothing of jieba's name words
        if i < copies || i >= random || a.copy_names {
            trainer.add(&p, &dict, &r.spans);
        } else {
            trainer.add_copy(&p, &dict, &r.spans);
        }
    }
    eprintln!(
        "{} sentences ({skipped} skipped, {} held out) prepared in {:.1} s",
        trainer.len(),
        held.len(),
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
    std::fs::write(&a.out, &bytes).map_err(|e| format!("{}: {e}", a.out))?;
    // the model as written, after quantization
    let model =
        Model::from_bytes(&bytes).map_err(|e| format!("the written model does not load: {e}"))?;
    Ok((model, held))
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
    let loaded = match &a.eval {
        Some(path) => std::fs::read(path)
            .map_err(|e| format!("{path}: {e}"))
            .and_then(|b| Model::from_bytes(&b).map_err(|e| format!("{path}: {e}")))
            .map(|m| (m, Vec::new())),
        None => train(&a, &tagger),
    };
    let (model, held) = match loaded {
        Ok(x) => x,
        Err(e) => {
            eprintln!("train_model: {e}");
            return ExitCode::from(1);
        }
    };
    // score the model alone on the dev files and the held-out sentences
    let how = Scoring {
        gate: a.gate,
        errors: a.errors,
        dict: a.dict,
        dump: a.dump.clone(),
    };
    for f in &a.dev {
        match read(f) {
            Ok(records) => score(&model, &tagger, f, records, &how),
            Err(e) => {
                eprintln!("train_model: {e}");
                return ExitCode::from(1);
            }
        }
    }
    if !held.is_empty() {
        score(&model, &tagger, "held-out", held, &how);
    }
    ExitCode::SUCCESS
}

/// How [`score`] decodes and what it prints.
struct Scoring {
    /// Decode only the chars of [`Model::active`].
    gate: bool,
    /// List the missed and spurious spans.
    errors: bool,
    /// Give the model the dictionary matches.
    dict: bool,
    /// Write each sentence's prepared text, tokens, dictionary matches, decoded ranges, gold
    /// and found spans to this JSONL file (for error analysis).
    dump: Option<String>,
}

/// Scores `model` alone on `records` (per confidence threshold) and prints the figures
/// under the name `f`.
fn score(model: &Model, tagger: &Tagger, f: &str, records: Vec<Record>, how: &Scoring) {
    // per type and confidence threshold: (gold, predicted, correct)
    const THRESHOLDS: [f32; 7] = [0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8];
    let mut counts: BTreeMap<(Label, u32), (usize, usize, usize)> = BTreeMap::new();
    let (mut chars, mut active) = (0usize, 0usize);
    let mut ranges = Vec::new();
    let mut buffers = zhtag::model::Buffers::default();
    let mut dump = String::new();
    for r in records {
        let Some((text, tokens)) = prepare(tagger, &r.text) else {
            continue;
        };
        let p = Prepared::new(&text, tokens);
        let dict = dict_spans(tagger, &p, how.dict);
        let n = p.chars.len();
        if how.gate {
            model.active(&p, tagger.segmenter(), &mut ranges);
        } else {
            ranges.clear();
            ranges.push(0..n);
        }
        chars += n;
        active += ranges.iter().map(|r| r.len()).sum::<usize>();
        let mut all = Vec::new();
        model.find_in(&p, &dict, &ranges, &mut buffers, &mut all);
        if how.dump.is_some() {
            let line = serde_json::json!({
                "text": text,
                "tokens": p.tokens.iter().map(|t| [t.start, t.end]).collect::<Vec<_>>(),
                "dict": dict.iter().map(|d| (d.label.to_string(), d.start, d.end)).collect::<Vec<_>>(),
                "ranges": ranges.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
                "gold": r.spans.iter().map(|s| (s.0.to_string(), s.1, s.2)).collect::<Vec<_>>(),
                "found": all.iter().map(|s| (s.label.to_string(), s.start, s.end, s.confidence)).collect::<Vec<_>>(),
            });
            dump.push_str(&line.to_string());
            dump.push('\n');
        }
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
            if how.errors && th == 0.0 {
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
    if let Some(path) = &how.dump
        && let Err(e) = std::fs::write(path, dump)
    {
        eprintln!("train_model: {path}: {e}");
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
