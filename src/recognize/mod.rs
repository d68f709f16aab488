//! Stage 4 — recognizers. Each one reads a [`Prepared`] sentence and proposes [`Candidate`]s;
//! none of them decides overlaps (that is [`crate::resolve`]'s job).
//!
//! Where a label is decided:
//! * [`lexicon`]: ORG, POLICY and LOC from the dictionaries (names and aliases, at token boundaries);
//! * [`org`]: ORG for unseen names (suffix rules, government bodies by structure, declared short forms);
//! * [`bodies`]: ORG for committees of a place, bodies inside title words, armies;
//! * [`policy`]: POLICY for unlisted titles and programs (《…方案》, quoted programs, numbered slogans);
//! * [`quantity`]: QUANTITY from the grammar in [`crate::quantity`];
//! * [`date`]: DATE for explicit calendar expressions;
//! * [`person`]: PERSON from the learned sequence labeller ([`crate::model`]).
//!
//! Every recognizer has one shape, [`Recognizer`], and [`pipeline`] lists them in the order
//! they run: the one place to look for what proposes a label.

pub mod bodies;
pub mod date;
pub mod lexicon;
pub mod loc;
pub mod org;
pub mod person;
pub mod policy;
pub mod quantity;
pub mod surname;

use crate::entity::{Label, Normalized, Source};
use crate::segment::{Segmenter, Token};
use lexicon::Lexicon;

/// What a recognizer may read besides the sentence: the compiled dictionaries and the segmenter
/// (for jieba's POS tags). Shared by every sentence of every document.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The compiled dictionaries.
    pub lexicon: &'a Lexicon,
    /// jieba, with the dictionary words added.
    pub segmenter: &'a Segmenter,
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("lexicon_entries", &self.lexicon.len())
            .finish_non_exhaustive()
    }
}

/// One recognition stage: reads a prepared sentence and proposes candidates.
///
/// `cands` holds the candidates of the recognizers before this one in [`pipeline`]'s list;
/// a recognizer may read them (to extend or chain them) and appends its own. No recognizer
/// removes a candidate or decides an overlap: that is [`crate::resolve`]'s job.
///
/// ```
/// use zhtag::recognize::{Candidate, Context, Prepared, Recognizer};
/// use zhtag::Label;
///
/// /// Marks every 「…」 quotation as a POLICY (a toy).
/// struct Quotes;
/// impl Recognizer for Quotes {
///     fn name(&self) -> &'static str { "quotes" }
///     fn find(&self, p: &Prepared<'_>, _: &Context<'_>, cands: &mut Vec<Candidate>) {
///         if let (Some(s), Some(e)) = (p.chars.iter().position(|&c| c == '「'),
///                                      p.chars.iter().position(|&c| c == '」')) {
///             if s + 1 < e { cands.push(Candidate::rule(Label::Policy, s + 1, e)); }
///         }
///     }
/// }
/// let tagger = zhtag::Tagger::new();
/// let text = tagger.prepare("推動「雙碳」");
/// let p = Prepared::new(&text, tagger.segmenter().tokens(&text));
/// let ctx = tagger.context();
/// let mut cands = Vec::new();
/// Quotes.find(&p, &ctx, &mut cands);
/// assert_eq!(p.slice(cands[0].start, cands[0].end), "双碳");
/// ```
pub trait Recognizer: Send + Sync {
    /// A short name, for documentation and stage timings.
    fn name(&self) -> &'static str;
    /// The labels it can propose; the tagger skips a recognizer none of whose labels is asked
    /// for (the learned PERSON model costs the most).
    fn labels(&self) -> &'static [Label] {
        &Label::ALL
    }
    /// Appends the candidates found in `p` to `cands`.
    fn find(&self, p: &Prepared<'_>, ctx: &Context<'_>, cands: &mut Vec<Candidate>);
}

/// The recognizers in the order they run. Later ones may read the candidates of earlier ones:
/// chains extend the ORGs found before them, target years the POLICYs.
///
/// ```
/// let names: Vec<_> = zhtag::recognize::pipeline().iter().map(|r| r.name()).collect();
/// assert_eq!(names[0], "dictionary");
/// ```
pub fn pipeline() -> Vec<Box<dyn Recognizer>> {
    vec![
        Box::new(lexicon::DictionaryMatches),
        Box::new(org::OrgRules),
        Box::new(bodies::Bodies),
        Box::new(org::Chains),
        Box::new(loc::LocRules),
        Box::new(bodies::ZoneBodies),
        Box::new(policy::PolicyRules),
        Box::new(policy::TargetYears),
        Box::new(quantity::Grammar),
        Box::new(date::Dates),
        Box::new(person::PersonRecognizer::default()),
        Box::new(surname::SurnameTitles),
    ]
}

/// A sentence after preparation: folded, converted to Simplified and segmented.
/// All offsets are `char` indexes into `text`.
#[derive(Debug)]
pub struct Prepared<'a> {
    /// The prepared text.
    pub text: &'a str,
    /// Its chars.
    pub chars: Vec<char>,
    /// Byte offset of each char, plus `text.len()` at the end.
    pub byte_of: Vec<usize>,
    /// jieba tokens, in order, covering the text.
    pub tokens: Vec<Token>,
    /// `token_at_start[i]`: index of the token starting at char `i`, if any.
    token_starting: Vec<u32>,
    /// `token_at_end[i]`: index of the token ending at char `i`, if any.
    token_ending: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl<'a> Prepared<'a> {
    /// Builds the sentence from its prepared text and tokens.
    ///
    /// Tokens that are empty, reach past the text or start before the previous token ends are
    /// dropped (jieba gives none; a caller's tokens might), so the rules may rely on
    /// `start < end <= len` and text order.
    ///
    /// ```
    /// use zhtag::recognize::Prepared;
    /// use zhtag::segment::Token;
    /// let t = |start, end| Token { start, end };
    /// let p = Prepared::new("大船集团", vec![t(0, 2), t(1, 3), t(3, 3), t(2, 4), t(3, 9)]);
    /// assert_eq!(p.tokens, [t(0, 2), t(2, 4)]);
    /// ```
    pub fn new(text: &'a str, mut tokens: Vec<Token>) -> Self {
        let mut chars = Vec::with_capacity(text.len() / 3 + 1);
        let mut byte_of = Vec::with_capacity(text.len() / 3 + 2);
        for (b, c) in text.char_indices() {
            chars.push(c);
            byte_of.push(b);
        }
        byte_of.push(text.len());
        let n = chars.len();
        let mut last_end = 0;
        tokens.retain(|t| {
            let ok = last_end <= t.start && t.start < t.end && t.end <= n;
            if ok {
                last_end = t.end;
            }
            ok
        });
        let mut token_starting = vec![NONE; n + 1];
        let mut token_ending = vec![NONE; n + 1];
        for (i, t) in tokens.iter().enumerate() {
            if t.start <= n && t.end <= n {
                token_starting[t.start] = i as u32;
                token_ending[t.end] = i as u32;
            }
        }
        Prepared {
            text,
            chars,
            byte_of,
            tokens,
            token_starting,
            token_ending,
        }
    }

    /// Number of chars.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True for an empty sentence.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The char index of a byte offset that lies on a char boundary.
    pub fn char_at_byte(&self, byte: usize) -> usize {
        self.byte_of.partition_point(|&b| b < byte)
    }

    /// The text of chars `start..end`.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let n = self.chars.len();
        let (s, e) = (start.min(n), end.min(n));
        self.text
            .get(self.byte_of[s]..self.byte_of[e.max(s)])
            .unwrap_or("")
    }

    /// True when a token starts at char `i` (or `i` is the end of the text).
    pub fn starts_token(&self, i: usize) -> bool {
        i == self.chars.len() || self.token_starting.get(i).is_some_and(|&t| t != NONE)
    }

    /// True when a token ends at char `i` (or `i` is 0).
    pub fn ends_token(&self, i: usize) -> bool {
        i == 0 || self.token_ending.get(i).is_some_and(|&t| t != NONE)
    }

    /// Index of the token that ends at char `i`.
    pub fn token_ending_at(&self, i: usize) -> Option<usize> {
        self.token_ending
            .get(i)
            .filter(|&&t| t != NONE)
            .map(|&t| t as usize)
    }

    /// Index of the token that starts at char `i`.
    pub fn token_starting_at(&self, i: usize) -> Option<usize> {
        self.token_starting
            .get(i)
            .filter(|&&t| t != NONE)
            .map(|&t| t as usize)
    }

    /// The char at `i`, if any.
    pub fn char_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }
}

/// A proposed entity, in `char` offsets of the prepared text.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The label.
    pub label: Label,
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Canonical name or quantity.
    pub normalized: Normalized,
    /// Which recognizer proposed it.
    pub source: Source,
    /// Decided by a strong cue (a legal suffix, a declaration, a role noun, a list with a class
    /// word): the [document stage](crate::document) finds the name again elsewhere in the
    /// section.
    pub strong: bool,
    /// The learned recognizer's confidence (see [`crate::Entity::confidence`]); `None` otherwise.
    pub confidence: Option<f32>,
}

impl Candidate {
    /// A candidate found by a rule: its canonical name is its own original text, which the
    /// tagger fills in once the span is mapped back to the original.
    pub fn rule(label: Label, start: usize, end: usize) -> Self {
        Candidate {
            label,
            start,
            end,
            normalized: Normalized::Name {
                name: String::new(),
                kind: None,
            },
            source: Source::Rule,
            strong: false,
            confidence: None,
        }
    }

    /// Length in chars.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True for an empty span.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// `word.strip_suffix(suffix)`, rejecting on the last byte first: nearly every call in the rules
/// fails, and comparing short slices otherwise costs a library call each.
///
/// ```
/// use zhtag::recognize::strip_suffix_quick;
/// assert_eq!(strip_suffix_quick("洪泽县委", "县委"), Some("洪泽"));
/// assert_eq!(strip_suffix_quick("县委", "政协"), None);
/// ```
#[inline]
pub fn strip_suffix_quick<'a>(word: &'a str, suffix: &str) -> Option<&'a str> {
    match (word.as_bytes().last(), suffix.as_bytes().last()) {
        (Some(a), Some(b)) if a != b => None,
        _ => word.strip_suffix(suffix),
    }
}

/// `word.strip_prefix(prefix)`, rejecting on the prefix's last byte first (see
/// [`strip_suffix_quick`]).
///
/// ```
/// use zhtag::recognize::strip_prefix_quick;
/// assert_eq!(strip_prefix_quick("县委书记", "县委"), Some("书记"));
/// assert_eq!(strip_prefix_quick("县", "县委"), None);
/// ```
#[inline]
pub fn strip_prefix_quick<'a>(word: &'a str, prefix: &str) -> Option<&'a str> {
    match prefix.len().checked_sub(1) {
        Some(i) if word.as_bytes().get(i) != prefix.as_bytes().get(i) => None,
        _ => word.strip_prefix(prefix),
    }
}

/// `a == b`, comparing lengths and last bytes before the slices.
///
/// ```
/// assert!(zhtag::recognize::eq_quick("分行", "分行"));
/// assert!(!zhtag::recognize::eq_quick("分行", "支行"));
/// ```
#[inline]
pub fn eq_quick(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().last() == b.as_bytes().last() && a == b
}

/// `list.contains(&word)` with [`eq_quick`].
///
/// ```
/// assert!(zhtag::recognize::in_list("政协", &["人大", "政协"]));
/// ```
#[inline]
pub fn in_list(word: &str, list: &[&str]) -> bool {
    list.iter().any(|s| eq_quick(s, word))
}

/// True for CJK ideographs (the basic block and extension A; enough to tell name characters
/// from punctuation, digits and Latin).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// 一 … 十 and 两: the numerals of counts and numbered names (五大, 两支, 三大战略).
pub fn is_small_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '两'
    )
}

/// The bit-table char set the rules scan with (see [`crate::charset`]).
pub use crate::charset::CharSet;
