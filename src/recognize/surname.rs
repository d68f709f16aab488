//! PERSON for a surname that stands for one person beside a title or an honorific: 王先生,
//! 林局长, 江主席, 陈某 give PERSON 王, 林, 江, 陈.
//!
//! GUIDELINES: "PERSON — a person's name"; CLARIFICATIONS 1: the title word stays outside and
//! the person is PERSON. When a text refers to someone by surname and title only, the surname
//! is the name it uses (the convention of MSRA's annotation, and of English NER's *Mr. Smith*
//! → *Smith*).
//!
//! The rule, on the prepared (Simplified) text:
//! * a common surname ([`crate::model::features::is_surname`]) that starts a jieba token (so
//!   the char is no part of a word: 任 of 新任主席 is not a surname here),
//! * followed right away by a word of `dictionaries/person_rules.tsv` (lists `honorifics`
//!   and `titles`): in the same token (jieba joins 王某, 吴先生) or as the next token, when the
//!   surname alone is not a function word or verb by jieba's tag (和, 任, 于),
//! * and the surname with the title is no common word of jieba's dictionary (古老).
//!
//! The model's own spans of that shape (刘某, 侯老) are dropped by [`super::person`], so the
//! surname is found here alone.
//!
//! # Invariants
//! * Every span is one char, and its source is [`crate::Source::Rule`]; overlaps go to
//!   [`crate::resolve`], where any longer span wins.

use std::sync::LazyLock;

use super::{Candidate, Context, Prepared, Recognizer};
use crate::entity::Label;
use crate::model::features::is_surname;

/// The embedded file of the rule's word lists, as errors report it (the format of
/// [`crate::vocab`]).
pub const VOCAB_FILE: &str = "dictionaries/person_rules.tsv";

/// The names of the lists: forms of address (先生, 老师, 某) and office titles (主席, 局长).
pub const VOCAB_LISTS: &[&str] = &["honorifics", "titles"];

/// The embedded file, parsed on first use (the format and its checks: [`crate::vocab`]).
pub(crate) static VOCAB: crate::vocab::Embedded = crate::vocab::Embedded::new(
    VOCAB_FILE,
    include_str!("../../dictionaries/person_rules.tsv"),
    VOCAB_LISTS,
);

/// The words of both lists in one set: the rule asks of every token after a surname.
static TITLES: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| {
    VOCAB_LISTS
        .iter()
        .flat_map(|l| VOCAB.get(l).iter().copied())
        .collect()
});

/// True when `w` (Simplified) is an honorific or a title of the lists.
pub(crate) fn is_title(w: &str) -> bool {
    !w.is_empty() && TITLES.contains(w)
}

/// The surname-and-title recognizer.
///
/// ```
/// use zhtag::{Label, Tagger};
/// let tagger = Tagger::new();
/// let text = "王先生表示，店面下月重新開張。";
/// let people: Vec<_> = tagger.tag(text).into_iter().filter(|e| e.label == Label::Person).collect();
/// assert_eq!(people.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(), ["王"]);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct SurnameTitles;

impl Recognizer for SurnameTitles {
    fn name(&self) -> &'static str {
        "surname_title"
    }

    fn labels(&self) -> &'static [Label] {
        &[Label::Person]
    }

    fn find(&self, p: &Prepared<'_>, ctx: &Context<'_>, cands: &mut Vec<Candidate>) {
        for k in 0..p.tokens.len() {
            if surname_with_title(p, ctx, k).is_some() {
                let s = p.tokens[k].start;
                cands.push(Candidate::rule(Label::Person, s, s + 1));
            }
        }
    }
}

/// jieba's frequency from which a surname and a title written together are an ordinary word
/// (古老 "ancient" 2,695), not a reference to a person (王夫人 796, 程先生 190).
pub const COMMON_WORD_MIN_FREQ: usize = 1_000;

fn common_word(p: &Prepared<'_>, ctx: &Context<'_>, start: usize, end: usize) -> bool {
    ctx.segmenter.word_freq(p.slice(start, end)).unwrap_or(0) >= COMMON_WORD_MIN_FREQ
}

/// Where the title after the surname at the start of token `k` ends, if the token is a
/// surname and a title jieba joined (王某, 吴先生), or a surname alone followed by a title
/// token. A surname alone must not be a function word or a verb as jieba tags the char
/// (和 `c`, 任 `r`, 于 `p`, 常 `d`): 并任会长 names no one.
fn surname_with_title(p: &Prepared<'_>, ctx: &Context<'_>, k: usize) -> Option<usize> {
    let t = p.tokens.get(k)?;
    if !is_surname(p.char_at(t.start)) {
        return None;
    }
    if t.end - t.start > 1 {
        let whole = is_title(p.slice(t.start + 1, t.end)) && !common_word(p, ctx, t.start, t.end);
        return whole.then_some(t.end);
    }
    let title = p.tokens.get(k + 1)?;
    if !is_title(p.slice(title.start, title.end)) || common_word(p, ctx, t.start, title.end) {
        return None;
    }
    let tag = ctx
        .segmenter
        .pos(p.slice(t.start, t.end))
        .unwrap_or_default();
    let function = ["c", "p", "r", "d", "v"].contains(&tag.as_str()) || tag.starts_with('u');
    (!function).then_some(title.end)
}
