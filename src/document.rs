//! Stage 5 — the document: what one sentence decided is found again in the others.
//!
//! The recognizers see one sentence at a time. Some knowledge belongs to the document: a short
//! form declared once (`大连船舶重工集团有限公司（以下简称大船集团）`) names the same body
//! wherever it recurs, before or after the declaration. The document stage runs after every
//! sentence of a [section](crate::tagger) has been recognized and before [`crate::resolve`]:
//! it collects such names and proposes their other occurrences as candidates.
//!
//! Three kinds of names are collected:
//! * **declared short forms** (`X（简称Y）`): Y is found everywhere, with X as canonical name;
//! * **recurring names**: an ORG decided with a strong cue ([`Candidate::strong`]: a legal
//!   suffix, a stock code, a role noun, a parent body with its sub-unit) is found at its other
//!   occurrences too, and so is its short form where the text uses one: the name without its
//!   legal or trade suffix (某某科技股份有限公司 → 某某科技 → 某某), or a sub-unit without its
//!   parent (经济部投资台湾事务所 → 投资台湾事务所).
//!
//! * **model names**: a PERSON name the learned model found with confidence ≥
//!   [`MODEL_NAME_MIN_CONFIDENCE`] (a title or a reporting verb beside it, as a rule) is found at
//!   its other occurrences, as PERSON from the model: below rules and dictionaries in resolve.
//!
//! An occurrence is marked only at token-compatible boundaries: it does not cut a word of
//! jieba's in two, except a one-char function word glued to it (为 + 仁享 in 为仁享).
//!
//! # Invariants
//! * The scope is the section (a run of whole lines of at most a fixed size), so a declaration
//!   in one article of an archive does not leak into articles far after it, and the work and
//!   memory are bounded by the section, not the document.
//! * Each short form is kept once (the first declaration wins) and all occurrences are found in
//!   one pass over the section's text: the cost is O(text + names).

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;

use crate::entity::{Label, Normalized, Source};
use crate::recognize::{org, Candidate, Prepared};

/// The names a section declares: short form (prepared script) → canonical name (original
/// script).
#[derive(Debug, Default)]
pub struct Names {
    canonical: FxHashMap<String, Name>,
    /// Short forms in the order first declared.
    order: Vec<String>,
}

/// What a collected name stands for.
#[derive(Debug, Clone)]
struct Name {
    /// The canonical name (original script).
    canonical: String,
    /// Who found it: a declaration, a strong rule or the model.
    source: Source,
    /// Its label.
    label: Label,
    /// The model's confidence, for a name the model found.
    confidence: Option<f32>,
}

impl Names {
    /// Records a name; a short form already known keeps its first canonical name.
    ///
    /// ```
    /// let mut names = zhtag::document::Names::default();
    /// names.insert("大船集团".into(), "大連船舶重工集團".into());
    /// names.insert("大船集团".into(), "別的".into());
    /// assert_eq!(names.len(), 1);
    /// ```
    pub fn insert(&mut self, short: String, canonical: String) {
        self.insert_org(short, canonical, Source::Declared);
    }

    /// Records an ORG name found by `source` (declared, or recurring from a strong rule).
    fn insert_org(&mut self, short: String, canonical: String, source: Source) {
        self.insert_name(
            short,
            Name {
                canonical,
                source,
                label: Label::Org,
                confidence: None,
            },
        );
    }

    fn insert_name(&mut self, short: String, name: Name) {
        if !self.canonical.contains_key(&short) {
            self.order.push(short.clone());
            self.canonical.insert(short, name);
        }
    }

    /// Number of distinct short forms.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// True when nothing was declared.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

/// Runs the document stage over one section: `sentences[i]`'s candidates are `cands[i]`.
/// `original(i, start, end)` gives the original text of chars `start..end` of sentence `i`
/// (declared names are normalized to the original script of the full name).
///
/// ```
/// let tagger = zhtag::Tagger::new();
/// let text = "大連船舶重工集團有限公司（以下簡稱大船集團）開工。\n大船集團表示";
/// let orgs: Vec<_> = tagger.tag(text).into_iter().filter(|e| e.text == "大船集團").collect();
/// assert_eq!(orgs.len(), 2);
/// ```
///
/// Returns what it did, counted (see [`Scans`]).
pub fn run(
    sentences: &[Prepared<'_>],
    cands: &mut [Vec<Candidate>],
    original: &dyn Fn(usize, usize, usize) -> String,
) -> Scans {
    let mut names = declared_names(sentences, cands, original);
    recurring_names(sentences, cands, original, &mut names);
    model_names(sentences, cands, original, &mut names);
    let mut scans = Scans {
        names: names.len(),
        ..Scans::default()
    };
    if names.is_empty() {
        return scans;
    }
    mark_occurrences(&names, sentences, cands);
    // one automaton of every name, one pass over each sentence
    scans.pattern_bytes = names.order.iter().map(String::len).sum();
    scans.text_bytes = sentences.iter().map(|p| p.text.len()).sum();
    scans
}

/// The work of [`run`] over one section, counted: the names collected and the bytes of names
/// and text the occurrence search reads (each name once into the automaton, each sentence
/// once through it), for tests that the work grows linearly with the text.
///
/// ```
/// let s = zhtag::document::Scans { names: 2, pattern_bytes: 24, text_bytes: 300 };
/// assert_eq!(s.total(), 324);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scans {
    /// Distinct names searched for.
    pub names: usize,
    /// Bytes of those names (the automaton's size).
    pub pattern_bytes: usize,
    /// Bytes of text searched.
    pub text_bytes: usize,
}

impl Scans {
    /// Bytes read in all: names and text.
    pub fn total(&self) -> usize {
        self.pattern_bytes + self.text_bytes
    }
}

/// The short forms declared in the section (`…（简称X）` after an ORG candidate).
fn declared_names(
    sentences: &[Prepared<'_>],
    cands: &[Vec<Candidate>],
    original: &dyn Fn(usize, usize, usize) -> String,
) -> Names {
    let mut names = Names::default();
    for (i, (p, cs)) in sentences.iter().zip(cands).enumerate() {
        if !p.text.contains("简称") {
            continue;
        }
        for (short, full) in org::declarations(p, cs) {
            let canonical = p.text.find(&full).map_or(full.clone(), |b| {
                let s = p.char_at_byte(b);
                original(i, s, s + full.chars().count())
            });
            names.insert(short, canonical);
        }
    }
    names
}

/// Legal and trade suffixes whose removal leaves the short form a text may use for a company
/// (股份有限公司, 有限公司, 股份, 集团, and the trade words of the ORG rules: 科技, 化工, 医药 …).
const LEGAL_ENDS: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "股份公司",
    "控股集团",
    "股份",
    "集团",
    "公司",
];

/// Adds the ORG names decided with a strong cue in the section, and their short forms.
fn recurring_names(
    sentences: &[Prepared<'_>],
    cands: &[Vec<Candidate>],
    original: &dyn Fn(usize, usize, usize) -> String,
    names: &mut Names,
) {
    for (i, (p, cs)) in sentences.iter().zip(cands).enumerate() {
        for c in cs.iter().filter(|c| c.strong && c.label == Label::Org) {
            let name = p.slice(c.start, c.end);
            // Latin names recur in other shapes (case, spacing): only Han names are searched
            if name.chars().count() < 2 || !name.chars().all(crate::recognize::is_han) {
                continue;
            }
            let canonical = original(i, c.start, c.end);
            names.insert_org(name.to_string(), canonical.clone(), Source::Rule);
            for short in short_forms(name) {
                names.insert_org(short.to_string(), canonical.clone(), Source::Rule);
            }
            // a sub-unit named after its parent: the sub-unit alone (parent = another ORG
            // candidate that starts where this one does and ends inside it)
            for d in cs.iter().filter(|d| {
                d.label == Label::Org && d.start == c.start && d.end < c.end && c.end - d.end >= 4
            }) {
                let unit = p.slice(d.end, c.end);
                if unit.chars().all(crate::recognize::is_han) {
                    names.insert_org(unit.to_string(), original(i, d.end, c.end), Source::Rule);
                }
            }
        }
    }
}

/// A PERSON name the model found with at least this confidence marks its other occurrences in
/// the section (chosen on the dev files: seed, news-dev, news-dev2; see models/README.md).
pub const MODEL_NAME_MIN_CONFIDENCE: f32 = 0.5;

/// Adds the PERSON names the model found with confidence ≥ [`MODEL_NAME_MIN_CONFIDENCE`]: Han
/// names of two to four chars (a one-char name is too often an ordinary word elsewhere).
fn model_names(
    sentences: &[Prepared<'_>],
    cands: &[Vec<Candidate>],
    original: &dyn Fn(usize, usize, usize) -> String,
    names: &mut Names,
) {
    for (i, (p, cs)) in sentences.iter().zip(cands).enumerate() {
        for c in cs.iter().filter(|c| {
            c.source == Source::Model
                && c.label == Label::Person
                && c.confidence.is_some_and(|x| x >= MODEL_NAME_MIN_CONFIDENCE)
        }) {
            let name = p.slice(c.start, c.end);
            if !(2..=4).contains(&name.chars().count())
                || !name.chars().all(crate::recognize::is_han)
            {
                continue;
            }
            let name = Name {
                canonical: original(i, c.start, c.end),
                source: Source::Model,
                label: Label::Person,
                confidence: c.confidence,
            };
            names.insert_name(p.slice(c.start, c.end).to_string(), name);
        }
    }
}

/// The short forms of a company name: without its legal suffix, then without its trade word
/// (某某科技股份有限公司 → 某某科技 → 某某); each keeps at least two chars.
///
/// ```
/// assert_eq!(zhtag::document::short_forms("华星科技股份有限公司"), ["华星科技", "华星"]);
/// assert_eq!(zhtag::document::short_forms("华星"), Vec::<&str>::new());
/// ```
pub fn short_forms(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = name;
    if let Some(r) = LEGAL_ENDS.iter().find_map(|e| rest.strip_suffix(e))
        && r.chars().count() >= 2
    {
        out.push(r);
        rest = r;
    }
    if let Some(r) = org::trade_words().iter().find_map(|e| rest.strip_suffix(e))
        && r.chars().count() >= 2
    {
        out.push(r);
    }
    out
}

/// True when char `i` of `p` can start (`start`) or end a name: no jieba word crosses it, or
/// the word crossing it has only a one-char function word on the other side (为 + 仁享).
fn boundary_ok(p: &Prepared<'_>, i: usize, start: bool) -> bool {
    if i == 0 || i >= p.len() || (start && p.starts_token(i)) || (!start && p.ends_token(i)) {
        return true;
    }
    // the tokens are in text order: the one crossing `i` is the last one starting before it
    let k = p.tokens.partition_point(|t| t.start < i);
    let Some(tok) = k
        .checked_sub(1)
        .and_then(|k| p.tokens.get(k))
        .filter(|t| i < t.end)
    else {
        return true;
    };
    let other = if start {
        p.slice(tok.start, i)
    } else {
        p.slice(i, tok.end)
    };
    other.chars().count() == 1 && org::is_stop(other)
}

/// Up to this many names are searched one by one (`memmem`); more are compiled into one
/// automaton. A section of a news article collects a handful of names, and building an
/// Aho-Corasick DFA for them cost more than the searches (measured: the DFA build was ~2 % of
/// `tag`).
const FEW_NAMES: usize = 24;

/// Finds the leftmost-longest, non-overlapping occurrences of a set of non-empty names.
enum Matcher {
    /// One finder per name.
    Few(Vec<memchr::memmem::Finder<'static>>),
    /// One automaton for all.
    Many(AhoCorasick),
}

impl Matcher {
    fn new(order: &[String]) -> Option<Matcher> {
        if order.len() <= FEW_NAMES && order.iter().all(|n| !n.is_empty()) {
            let finders = order
                .iter()
                .map(|n| memchr::memmem::Finder::new(n.as_bytes()).into_owned());
            return Some(Matcher::Few(finders.collect()));
        }
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(order)
            .ok()
            .map(Matcher::Many)
    }

    /// The occurrences in `text` as (name index, start byte, end byte), in text order: at each
    /// step the leftmost match, the longest of those starting there (what
    /// [`MatchKind::LeftmostLongest`] gives).
    fn find_all(&self, text: &str, out: &mut Vec<(usize, usize, usize)>) {
        out.clear();
        let finders = match self {
            Matcher::Many(a) => {
                let found = a.find_iter(text);
                out.extend(found.map(|m| (m.pattern().as_usize(), m.start(), m.end())));
                return;
            }
            Matcher::Few(f) => f,
        };
        let hay = text.as_bytes();
        let find = |j: usize, from: usize| -> Option<usize> {
            let f = finders.get(j)?;
            f.find(hay.get(from..)?).map(|i| from + i)
        };
        // the next occurrence of each name at or after `pos` (None: no more)
        let mut next: Vec<Option<usize>> = (0..finders.len()).map(|j| find(j, 0)).collect();
        let mut pos = 0;
        loop {
            let mut best: Option<(usize, usize, usize)> = None;
            for (j, at) in next.iter_mut().enumerate() {
                if at.is_some_and(|s| s < pos) {
                    *at = find(j, pos);
                }
                let (Some(s), Some(f)) = (*at, finders.get(j)) else {
                    continue;
                };
                let e = s + f.needle().len();
                if best.is_none_or(|(_, bs, be)| s < bs || (s == bs && e > be)) {
                    best = Some((j, s, e));
                }
            }
            let Some(m) = best else { return };
            out.push(m);
            pos = m.2;
        }
    }
}

/// Proposes every occurrence of a collected name as a candidate of its label.
fn mark_occurrences(names: &Names, sentences: &[Prepared<'_>], cands: &mut [Vec<Candidate>]) {
    let Some(matcher) = Matcher::new(&names.order) else {
        return;
    };
    let mut found = Vec::new();
    for (p, cs) in sentences.iter().zip(cands.iter_mut()) {
        matcher.find_all(p.text, &mut found);
        for &(pattern, m_start, m_end) in &found {
            let short = &names.order[pattern];
            let start = p.char_at_byte(m_start);
            let end = p.char_at_byte(m_end);
            let Some(name) = names.canonical.get(short) else {
                continue;
            };
            let source = name.source;
            if source != Source::Declared
                && !(boundary_ok(p, start, true) && boundary_ok(p, end, false))
            {
                continue;
            }
            // a short form written with its own legal suffix again (某某 + 股份) is one name
            let end = if source == Source::Declared || name.label != Label::Org {
                end
            } else {
                LEGAL_ENDS
                    .iter()
                    .filter(|e| p.text.get(m_end..).is_some_and(|rest| rest.starts_with(*e)))
                    .map(|e| end + e.chars().count())
                    .find(|&e| boundary_ok(p, e, false))
                    .unwrap_or(end)
            };
            cs.push(Candidate {
                label: name.label,
                start,
                end,
                normalized: Normalized::Name {
                    name: name.canonical.clone(),
                    kind: None,
                },
                source,
                // a model name stays below the rules and dictionaries in resolve
                strong: source != Source::Model,
                confidence: name.confidence,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Tagger;

    #[test]
    fn a_short_form_is_found_before_its_declaration_too() {
        let tagger = Tagger::new();
        let text = "華星科技宣布擴產。\n華星光電科技股份有限公司（簡稱華星科技）表示";
        let found: Vec<_> = tagger
            .tag(text)
            .into_iter()
            .filter(|e| e.text == "華星科技")
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|e| matches!(&e.normalized,
            crate::Normalized::Name { name, .. } if name == "華星光電科技股份有限公司")));
    }

    /// The PERSON entities of `text`, as (text, start).
    fn persons(text: &str) -> Vec<(String, usize)> {
        Tagger::new()
            .tag(text)
            .into_iter()
            .filter(|e| e.label == crate::Label::Person)
            .map(|e| (e.text, e.start))
            .collect()
    }

    #[test]
    fn a_name_the_model_found_with_a_cue_is_found_bare_in_another_sentence() {
        // the title (教練, 主任) makes the model sure; the bare mention alone it does not take
        let text = "教練白雲山指出，球隊狀況良好。\n據了解白雲山已提出報告。";
        assert_eq!(persons(text), [("白雲山".into(), 2), ("白雲山".into(), 19)]);
        assert_eq!(persons("據了解白雲山已提出報告。"), []);
        assert_eq!(persons("據了解高山青已提出報告。"), []);
        let text = "主任高山青指出，人力短缺。\n據了解高山青已提出報告。";
        assert_eq!(persons(text), [("高山青".into(), 2), ("高山青".into(), 17)]);
    }

    #[test]
    fn the_few_names_matcher_finds_what_the_automaton_finds() {
        use super::Matcher;
        let names: Vec<String> = ["华星", "华星科技", "星科", "科技", "技术", "星"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let Some(few @ Matcher::Few(_)) = Matcher::new(&names) else {
            panic!("few names: one finder each")
        };
        let many = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&names)
            .map(Matcher::Many)
            .expect("builds");
        for text in [
            "华星科技术华星星科技",
            "",
            "星星",
            "科技华星科技华",
            "无关的文字",
        ] {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            few.find_all(text, &mut a);
            many.find_all(text, &mut b);
            assert_eq!(a, b, "{text}");
        }
    }

    #[test]
    fn repeated_declarations_are_kept_once() {
        let tagger = Tagger::new();
        let article = "華星光電科技股份有限公司（簡稱華星科技）表示，華星科技將擴產。\n";
        let text = article.repeat(50);
        let n = tagger
            .tag(&text)
            .iter()
            .filter(|e| e.text == "華星科技")
            .count();
        assert_eq!(n, 100);
    }
}
