//! ORG, POLICY and LOC from the dictionaries: every name and alias, matched at token boundaries.

use rustc_hash::FxHashMap;

use super::{Candidate, Prepared};
use crate::dictionary::Dictionary;
use crate::entity::{Label, Normalized, Source};
use crate::segment::Segmenter;

/// A dictionary entry as the matcher keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexEntry {
    /// ORG, POLICY or LOC.
    pub label: Label,
    /// Canonical name (as written in the dictionary).
    pub name: String,
    /// Type, category or level.
    pub kind: String,
}

/// No entry has this form (it is only the beginning of longer forms).
const NO_ENTRY: u32 = u32::MAX;

/// Chars with a direct entry in [`FormTrie`]'s root table (the BMP).
const ROOT_TABLE_LEN: usize = 0x1_0000;

/// A node of [`FormTrie`]: where its edges start, and the entry of the form ending there.
#[derive(Debug, Clone, Copy)]
struct Node {
    first_edge: u32,
    entry: u32,
}

/// The forms as a char trie in one flat layout: node 0 is the root; the edges out of node `k`
/// are `edges[nodes[k].first_edge .. nodes[k + 1].first_edge]`, sorted by char, each `(char,
/// child)`. Nodes are numbered depth first, so walking one form reads nearby memory, and a step
/// is a short scan of one node's edges with no hashing.
///
/// Invariant: `nodes` ends with a sentinel whose `first_edge` is `edges.len()`; every child id
/// is below the sentinel's index.
#[derive(Debug, Clone)]
struct FormTrie {
    /// The root's children for BMP chars, indexed by char (0: none): the first step of every
    /// walk is an array load.
    root: Box<[u32]>,
    nodes: Vec<Node>,
    edges: Vec<(u32, u32)>,
}

/// A node of the trie while it is built.
#[derive(Default)]
struct BuildNode {
    children: std::collections::BTreeMap<char, usize>,
    entry: u32,
}

impl FormTrie {
    /// The trie of `forms` (form, entry id).
    fn build<'a>(forms: impl Iterator<Item = (&'a str, u32)>) -> Self {
        let mut tree = vec![BuildNode {
            entry: NO_ENTRY,
            ..Default::default()
        }];
        for (form, id) in forms {
            let mut node = 0;
            for c in form.chars() {
                let next = tree.len();
                node = match tree[node].children.get(&c) {
                    Some(&n) => n,
                    None => {
                        tree[node].children.insert(c, next);
                        tree.push(BuildNode {
                            entry: NO_ENTRY,
                            ..Default::default()
                        });
                        next
                    }
                };
            }
            tree[node].entry = id;
        }
        // number the nodes depth first, children in char order
        let mut order = Vec::with_capacity(tree.len());
        let mut new_id = vec![0u32; tree.len()];
        let mut stack = vec![0usize];
        while let Some(n) = stack.pop() {
            new_id[n] = order.len() as u32;
            order.push(n);
            stack.extend(tree[n].children.values().rev());
        }
        let mut nodes = Vec::with_capacity(order.len() + 1);
        let mut edges = Vec::with_capacity(order.len());
        for &n in &order {
            nodes.push(Node {
                first_edge: edges.len() as u32,
                entry: tree[n].entry,
            });
            edges.extend(
                tree[n]
                    .children
                    .iter()
                    .map(|(&c, &child)| (c as u32, new_id[child])),
            );
        }
        nodes.push(Node {
            first_edge: edges.len() as u32,
            entry: NO_ENTRY,
        });
        let mut root = vec![0u32; ROOT_TABLE_LEN].into_boxed_slice();
        for &(c, child) in FormTrie::edges_of(&nodes, &edges, 0) {
            if let Some(r) = root.get_mut(c as usize) {
                *r = child;
            }
        }
        FormTrie { root, nodes, edges }
    }

    fn edges_of<'a>(nodes: &[Node], edges: &'a [(u32, u32)], node: u32) -> &'a [(u32, u32)] {
        let (Some(a), Some(b)) = (nodes.get(node as usize), nodes.get(node as usize + 1)) else {
            return &[];
        };
        edges
            .get(a.first_edge as usize..b.first_edge as usize)
            .unwrap_or(&[])
    }

    #[inline]
    fn step(&self, node: u32, c: char) -> Option<u32> {
        if node == 0
            && let Some(&n) = self.root.get(c as usize)
        {
            return (n != 0).then_some(n);
        }
        let edges = Self::edges_of(&self.nodes, &self.edges, node);
        let c = c as u32;
        if edges.len() <= 8 {
            edges.iter().find(|e| e.0 == c).map(|e| e.1)
        } else {
            edges
                .binary_search_by_key(&c, |e| e.0)
                .ok()
                .and_then(|i| edges.get(i))
                .map(|e| e.1)
        }
    }

    /// The entry of the form ending at `node`, if one does.
    #[inline]
    fn entry(&self, node: u32) -> Option<u32> {
        self.nodes
            .get(node as usize)
            .map(|n| n.entry)
            .filter(|&e| e != NO_ENTRY)
    }

    /// The entry of `form`, if it is one.
    fn get(&self, form: &str) -> Option<u32> {
        let mut node = 0u32;
        for c in form.chars() {
            node = self.step(node, c)?;
        }
        self.entry(node)
    }
}

/// The compiled dictionaries: prepared surface form → entry.
///
/// Invariant: a surface form maps to one entry; when two dictionaries give the same form, the
/// one loaded later wins (user dictionaries are loaded after the embedded ones).
#[derive(Debug, Clone)]
pub struct Lexicon {
    entries: Vec<LexEntry>,
    /// Every form → entry index.
    trie: FormTrie,
    /// The first two chars of every form, to skip most token starts before the trie is read.
    pairs: PairFilter,
    keys: Vec<String>,
}

/// A set of char pairs as a small bit table indexed by a hash of the pair: `may_hold` is true
/// for every pair inserted (and for some others), so it only ever skips work, never a match.
///
/// The forms' trie is large (a root table and ~100k edges); most token starts begin no form,
/// and testing their first two chars against 8 KB that stay in cache saves the trie reads.
#[derive(Debug, Clone)]
struct PairFilter {
    bits: Box<[u64]>,
}

impl PairFilter {
    /// Bits in the table (a power of two).
    const BITS: usize = 1 << 16;

    fn new<'a>(forms: impl Iterator<Item = &'a str>) -> Self {
        let mut bits = vec![0u64; Self::BITS / 64].into_boxed_slice();
        for form in forms {
            let mut cs = form.chars();
            if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
                let h = Self::hash(a, b);
                if let Some(w) = bits.get_mut(h / 64) {
                    *w |= 1 << (h % 64);
                }
            }
        }
        PairFilter { bits }
    }

    #[inline]
    fn hash(a: char, b: char) -> usize {
        let h = (a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32);
        (h.wrapping_mul(0x85EB_CA6B) >> 16) as usize % Self::BITS
    }

    #[inline]
    fn may_hold(&self, a: char, b: char) -> bool {
        let h = Self::hash(a, b);
        self.bits
            .get(h / 64)
            .is_some_and(|w| w & (1 << (h % 64)) != 0)
    }
}

impl Lexicon {
    /// Compiles dictionaries; `prepare` folds and converts a batch of surface forms to the
    /// prepared script (one output per input, in order).
    pub fn build(dicts: &[Dictionary], prepare: &dyn Fn(&[&str]) -> Vec<String>) -> Self {
        let mut entries = Vec::new();
        let mut forms: Vec<&str> = Vec::new();
        let mut form_entry: Vec<u32> = Vec::new();
        for d in dicts {
            for e in &d.entries {
                let id = entries.len() as u32;
                entries.push(LexEntry {
                    label: e.label,
                    name: e.name.clone(),
                    kind: e.kind.clone(),
                });
                for form in e.surface_forms() {
                    forms.push(form);
                    form_entry.push(id);
                }
            }
        }
        let mut forms_by_key: FxHashMap<String, u32> = FxHashMap::default();
        forms_by_key.reserve(forms.len());
        for (key, id) in prepare(&forms).into_iter().zip(form_entry) {
            if key.chars().count() >= 2 {
                forms_by_key.insert(key, id);
            }
        }
        let mut keys: Vec<String> = forms_by_key.keys().cloned().collect();
        keys.sort();
        let trie = FormTrie::build(
            keys.iter()
                .filter_map(|k| forms_by_key.get(k).map(|&id| (k.as_str(), id))),
        );
        let pairs = PairFilter::new(keys.iter().map(String::as_str));
        Lexicon {
            entries,
            trie,
            pairs,
            keys,
        }
    }

    /// Every prepared surface form (the words to add to jieba).
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// The entry for a prepared surface form.
    pub fn lookup(&self, prepared: &str) -> Option<&LexEntry> {
        self.trie
            .get(prepared)
            .and_then(|i| self.entries.get(i as usize))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no dictionary entry was loaded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Proposes every dictionary form found in `p` that starts and ends at token boundaries,
    /// does not cut a Latin word (`ice` in `notice`), and — for short forms — does not end on a
    /// character that forms a common word with the next one (工信部 in 大连工信部门).
    ///
    /// A match counts only from a token start to a token end, so instead of scanning every byte
    /// the forms' trie is walked from each token start while the text is still the beginning of
    /// some form, and a form counts where it ends at a token end. Candidates come out ordered by
    /// end, then start.
    pub fn find(&self, p: &Prepared, seg: &Segmenter, out: &mut Vec<Candidate>) {
        let first = out.len();
        for start in p.tokens.iter().map(|t| t.start) {
            // every form has two chars or more (see `build`)
            let (Some(a), Some(b)) = (p.char_at(start), p.char_at(start + 1)) else {
                continue;
            };
            if !self.pairs.may_hold(a, b) {
                continue;
            }
            let mut node = 0u32;
            for (end, &c) in (start + 1..).zip(p.chars.get(start..).unwrap_or(&[])) {
                let Some(next) = self.trie.step(node, c) else {
                    break;
                };
                node = next;
                // the token test first: it reads the sentence's own small table, the entry a
                // node far away in the trie
                if !p.ends_token(end) {
                    continue;
                }
                if let Some(e) = self
                    .trie
                    .entry(node)
                    .and_then(|id| self.entries.get(id as usize))
                {
                    self.check(p, seg, e, start, end, out);
                }
            }
        }
        out[first..].sort_unstable_by_key(|c| (c.end, c.start));
    }

    /// Pushes the candidate for entry `e` at `start..end` unless it cuts a Latin word, ends
    /// doubtfully, is the first half of a title, or is likely part of a person's name.
    fn check(
        &self,
        p: &Prepared,
        seg: &Segmenter,
        e: &LexEntry,
        start: usize,
        end: usize,
        out: &mut Vec<Candidate>,
    ) {
        let alnum = |i: usize| p.char_at(i).is_some_and(|c| c.is_ascii_alphanumeric());
        if (start > 0 && alnum(start) && alnum(start - 1)) || (alnum(end - 1) && alnum(end)) {
            return;
        }
        if end - start <= 3 && doubtful_end(p, seg, end) {
            return;
        }
        if e.label == Label::Org && is_head_title(p, end) {
            return;
        }
        if e.label != Label::Policy && end - start <= 3 && inside_person_name(p, start, end) {
            return;
        }
        out.push(candidate(e, start, end, Source::Dictionary));
    }
}

/// Frequency above which a two-char word across a match's end makes the boundary doubtful.
const COMMON_WORD_FREQ: usize = 5_000;

/// True when the last char before `end` and the char at `end` form a common word (部门 in
/// 工信部门): the text more likely means that word than a name ending there. Not when the char
/// at `end` begins a word of two chars or more of its own (立法会 + 议员, 工信部 + 门户): the
/// segmenter read that word there, not the pair.
fn doubtful_end(p: &Prepared, seg: &Segmenter, end: usize) -> bool {
    let (Some(a), Some(b)) = (p.char_at(end.wrapping_sub(1)), p.char_at(end)) else {
        return false;
    };
    if !(super::is_han(a) && super::is_han(b)) {
        return false;
    }
    let next_is_word = p
        .token_starting_at(end)
        .and_then(|t| p.tokens.get(t))
        .is_some_and(|t| t.end - t.start >= 2);
    if next_is_word {
        return false;
    }
    let mut pair = String::with_capacity(8);
    pair.push(a);
    pair.push(b);
    seg.word_freq(&pair).is_some_and(|f| f >= COMMON_WORD_FREQ)
}

/// True when a 司 ending at `end` is only the first half of a 司长 title: 财政司 in 财政司司长
/// (Hong Kong's secretaries head no body of that name; the title names a person).
pub fn is_head_title(p: &Prepared, end: usize) -> bool {
    end > 0
        && p.char_at(end - 1) == Some('司')
        && p.char_at(end) == Some('司')
        && p.char_at(end + 1) == Some('长')
}

/// Common single-char surnames that are not also function words (向, 于, 和 … are left out).
pub const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘\
    蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范廖贾夏韦邹孟熊秦邱尹薛阎段侯史黎贺顾毛郝龚邵钱严覃戴莫孔汤";

/// True when a short name at `start..end` is more likely part of a person's name: a two-char
/// form right after a surname that jieba cut off as a word of its own (杜 + 小鹏, 李 + 长和), or
/// a form touching the middle dot of a transliterated name (阿里·哈恩, 洛马纳·卢阿卢阿).
pub fn inside_person_name(p: &Prepared, start: usize, end: usize) -> bool {
    let surname_before = end - start == 2
        && start > 0
        && p.token_ending_at(start)
            .is_some_and(|t| p.tokens[t].end - p.tokens[t].start == 1)
        && p.char_at(start - 1).is_some_and(|c| SURNAMES.contains(c));
    let is_dot = |c: char| matches!(c, '·' | '•' | '‧' | '・' | '．');
    // up to two more name chars may sit between the form and the dot (洛马 + 纳·)
    let dot_after = (end..end + 3)
        .take_while(|&i| i == end || p.char_at(i - 1).is_some_and(super::is_han))
        .any(|i| p.char_at(i).is_some_and(is_dot));
    let dot_before = start > 0 && p.char_at(start - 1).is_some_and(is_dot);
    surname_before || dot_after || dot_before
}

/// A candidate for a dictionary entry.
pub fn candidate(e: &LexEntry, start: usize, end: usize, source: Source) -> Candidate {
    Candidate {
        label: e.label,
        start,
        end,
        normalized: Normalized::Name {
            name: e.name.clone(),
            kind: Some(e.kind.clone()),
        },
        source,
        strong: false,
        confidence: None,
    }
}

/// The dictionary recognizer: every form of the lexicon at token boundaries (see
/// [`Lexicon::find`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct DictionaryMatches;

impl super::Recognizer for DictionaryMatches {
    fn name(&self) -> &'static str {
        "dictionary"
    }
    fn find(&self, p: &Prepared<'_>, ctx: &super::Context<'_>, cands: &mut Vec<Candidate>) {
        ctx.lexicon.find(p, ctx.segmenter, cands);
    }
}

#[cfg(test)]
mod tests {
    use super::PairFilter;

    #[test]
    fn the_pair_filter_holds_every_form_start_and_skips_most_others() {
        let forms = ["大船集团", "瓦轴集团", "专精特新", "国务院"];
        let f = PairFilter::new(forms.into_iter());
        for form in forms {
            let mut cs = form.chars();
            let (a, b) = (cs.next().unwrap(), cs.next().unwrap());
            assert!(f.may_hold(a, b), "{form}");
        }
        let others: Vec<char> = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研质".chars().collect();
        let held = others.windows(2).filter(|w| f.may_hold(w[0], w[1])).count();
        assert!(
            held * 20 < others.len(),
            "{held} of {} pairs held",
            others.len()
        );
    }
}
