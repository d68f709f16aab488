//! ORG, POLICY and LOC from the dictionaries: every name and alias, matched at token boundaries.

use super::{Candidate, Prepared};
use crate::dictionary::{Dictionary, Entry};
use crate::entity::{Label, Normalized, Source};
use crate::segment::{Segmenter, Token, WordSet};

/// A dictionary entry as the matcher keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexEntry {
    /// ORG, POLICY or LOC.
    pub label: Label,
    /// Canonical name (as written in the dictionary).
    pub name: String,
    /// Type, category or level (one of the dictionary module's lists).
    pub kind: &'static str,
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

/// Inserts sorted, distinct `forms` into an implicit trie whose root is node 0, calling
/// `new_node(parent, char, id)` for every node created (ids count up from 1, in depth-first
/// order) and `form_end(form index, node)` for the node where each form ends.
fn walk_sorted(
    forms: &[(String, u32)],
    mut new_node: impl FnMut(u32, char, u32),
    mut form_end: impl FnMut(usize, u32),
) {
    let mut next = 1u32;
    // the nodes along the previous form, root first
    let mut path: Vec<u32> = vec![0];
    let mut prev: &str = "";
    for (i, (form, _)) in forms.iter().enumerate() {
        let common = prev
            .chars()
            .zip(form.chars())
            .take_while(|(a, b)| a == b)
            .count();
        path.truncate(common + 1);
        for c in form.chars().skip(common) {
            let parent = path.last().copied().unwrap_or(0);
            new_node(parent, c, next);
            path.push(next);
            next += 1;
        }
        form_end(i, path.last().copied().unwrap_or(0));
        prev = form;
    }
}

impl FormTrie {
    /// The trie of `forms` (form, entry id), which must be sorted by form and distinct.
    ///
    /// Inserting sorted forms creates the nodes in depth-first order with children in char
    /// order, the numbering the layout wants, so the trie is written straight into its final
    /// arrays: a first pass counts each node's children, a second places the edges. Nothing
    /// per node is allocated besides the two arrays (a map per node cost ~140 bytes a node,
    /// 170 MB at the peak for 200,000 names).
    /// Also gives the node where each form ends.
    fn build(forms: &[(String, u32)]) -> (Self, Vec<u32>) {
        let mut nodes = vec![Node {
            first_edge: 0,
            entry: NO_ENTRY,
        }];
        // pass 1: create the nodes, counting children in `first_edge`
        walk_sorted(
            forms,
            |parent, _, _| {
                if let Some(p) = nodes.get_mut(parent as usize) {
                    p.first_edge += 1;
                }
                nodes.push(Node {
                    first_edge: 0,
                    entry: NO_ENTRY,
                });
            },
            |_, _| {},
        );
        // counts -> starts; `first_edge` then serves as each node's fill cursor
        let mut start = 0u32;
        for n in nodes.iter_mut() {
            let count = n.first_edge;
            n.first_edge = start;
            start += count;
        }
        let mut edges = vec![(0u32, 0u32); start as usize];
        let mut ends = Vec::with_capacity(forms.len());
        // pass 2: the same walk places each edge (children come in char order), and records
        // the node where each form ends
        walk_sorted(
            forms,
            |parent, c, new| {
                if let Some(p) = nodes.get_mut(parent as usize)
                    && let Some(e) = edges.get_mut(p.first_edge as usize)
                {
                    *e = (c as u32, new);
                    p.first_edge += 1;
                }
            },
            |_, node| ends.push(node),
        );
        // each cursor stopped at the next node's start: shift them back
        let mut start = 0u32;
        for n in nodes.iter_mut() {
            (n.first_edge, start) = (start, n.first_edge);
        }
        for (&end, (_, id)) in ends.iter().zip(forms) {
            if let Some(n) = nodes.get_mut(end as usize) {
                n.entry = *id;
            }
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
        (FormTrie { root, nodes, edges }, ends)
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
    /// Each entry's canonical name in the prepared script, by entry index.
    names: Vec<String>,
    /// Every form → entry index.
    trie: FormTrie,
    /// The first two chars of every form, to skip most token starts before the trie is read.
    pairs: PairFilter,
    /// The forms the segmenter is to know as words, sorted.
    words: Vec<String>,
    /// The trie nodes (one bit each) where a form ends that [`Lexicon::keep_whole`] keeps as
    /// one token: the user dictionaries' forms that are not segmenter words.
    whole: Box<[u64]>,
    /// How many forms `whole` marks.
    whole_forms: usize,
    /// The first two chars of the forms `whole` marks.
    whole_pairs: PairFilter,
    /// The forms `whole` marks, for the segmenter (see [`Lexicon::take_whole_words`]).
    whole_words: WordSet,
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
    /// prepared script (one output per input, in order). Every form is a segmenter word
    /// ([`Lexicon::words`]).
    ///
    /// ```
    /// use zhtag::dictionary::Dictionary;
    /// use zhtag::recognize::lexicon::Lexicon;
    /// let d = Dictionary::parse("x.tsv", "name\ttype\taliases\n大船集团\tcompany\t大船\n").unwrap();
    /// let lex = Lexicon::build(&[d], &|forms| forms.iter().map(|f| f.to_string()).collect());
    /// assert_eq!(lex.lookup("大船").map(|e| e.name.as_str()), Some("大船集团"));
    /// assert_eq!(lex.words(), ["大船", "大船集团"]);
    /// ```
    pub fn build(dicts: &[Dictionary], prepare: &dyn Fn(&[&str]) -> Vec<String>) -> Self {
        let entries = dicts
            .iter()
            .flat_map(|d| d.entries.iter().map(|e| (e.clone(), true)))
            .collect();
        Self::compile(entries, prepare)
    }

    /// Compiles the embedded dictionaries, then the user's (which win for a form both give).
    /// The user dictionaries' forms the embedded ones do not give are not segmenter words:
    /// adding 200,000 registry names to jieba costs ~1 s and ~90 MB, so they are kept whole
    /// by [`Lexicon::keep_whole`] after segmenting instead.
    ///
    /// ```
    /// use zhtag::dictionary::Dictionary;
    /// use zhtag::recognize::lexicon::Lexicon;
    /// let d = |t: &str| Dictionary::parse("x.tsv", &format!("name\ttype\taliases\n{t}\tcompany\t\n")).unwrap();
    /// let same = |forms: &[&str]| forms.iter().map(|f| f.to_string()).collect();
    /// let lex = Lexicon::build_with_user(vec![d("大船集团")], vec![d("瓦轴集团")], &same);
    /// assert_eq!(lex.words(), ["大船集团"]);
    /// assert_eq!(lex.keys(), ["大船集团", "瓦轴集团"]);
    /// ```
    pub fn build_with_user(
        embedded: Vec<Dictionary>,
        user: Vec<Dictionary>,
        prepare: &dyn Fn(&[&str]) -> Vec<String>,
    ) -> Self {
        let tagged = |dicts: Vec<Dictionary>, word: bool| {
            dicts
                .into_iter()
                .flat_map(move |d| d.entries.into_iter().map(move |e| (e, word)))
        };
        let entries = tagged(embedded, true).chain(tagged(user, false)).collect();
        Self::compile(entries, prepare)
    }

    /// The lexicon of `entries`, each with whether its forms are segmenter words.
    fn compile(entries: Vec<(Entry, bool)>, prepare: &dyn Fn(&[&str]) -> Vec<String>) -> Self {
        let (keyed, names) = prepared_forms(&entries, prepare);
        // a form several entries give keeps the last of them; it is a segmenter word if any
        // of them makes it one
        let mut forms: Vec<(String, u32)> = Vec::with_capacity(keyed.len());
        let mut is_word: Vec<bool> = Vec::with_capacity(keyed.len());
        for (key, id, word) in keyed {
            match (forms.last_mut(), is_word.last_mut()) {
                (Some(last), Some(w)) if last.0 == key => {
                    last.1 = id;
                    *w |= word;
                }
                _ => {
                    forms.push((key, id));
                    is_word.push(word);
                }
            }
        }
        let (trie, ends) = FormTrie::build(&forms);
        let pairs = PairFilter::new(forms.iter().map(|(k, _)| k.as_str()));
        let mut whole = vec![0u64; trie.nodes.len().div_ceil(64)].into_boxed_slice();
        let mut whole_forms = 0;
        for (&end, _) in ends.iter().zip(&is_word).filter(|(_, w)| !**w) {
            if let Some(bits) = whole.get_mut(end as usize / 64) {
                *bits |= 1 << (end % 64);
                whole_forms += 1;
            }
        }
        // the forms kept whole after the cut (those not added to jieba as words)
        let kept_whole = || {
            forms
                .iter()
                .zip(&is_word)
                .filter(|(_, w)| !**w)
                .map(|((k, _), _)| k.as_str())
        };
        let whole_pairs = PairFilter::new(kept_whole());
        let whole_words = WordSet::new(kept_whole());
        let words = forms
            .into_iter()
            .zip(is_word)
            .filter_map(|((k, _), w)| w.then_some(k))
            .collect();
        let entries = entries
            .into_iter()
            .map(|(e, _)| LexEntry {
                label: e.label,
                name: e.name,
                kind: e.kind,
            })
            .collect();
        Lexicon {
            entries,
            names,
            trie,
            pairs,
            words,
            whole,
            whole_forms,
            whole_pairs,
            whole_words,
        }
    }

    /// The forms [`Lexicon::keep_whole`] keeps whole, moved out (once: later calls give an
    /// empty set) for the segmenter to know them as words ([`Segmenter::set_extra_words`]).
    pub fn take_whole_words(&mut self) -> WordSet {
        std::mem::take(&mut self.whole_words)
    }

    /// The forms to add to the segmenter as words, sorted (see [`Lexicon::build_with_user`]).
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Every prepared surface form, sorted (rebuilt from the trie: for listing, not for a
    /// hot path).
    pub fn keys(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut form: Vec<char> = Vec::new();
        // (node, its depth, the char leading to it)
        let mut stack = vec![(0u32, 0usize, '\0')];
        while let Some((node, depth, c)) = stack.pop() {
            form.truncate(depth.saturating_sub(1));
            if depth > 0 {
                form.push(c);
            }
            if self.trie.entry(node).is_some() {
                out.push(form.iter().collect());
            }
            let edges = FormTrie::edges_of(&self.trie.nodes, &self.trie.edges, node);
            for &(c, child) in edges.iter().rev() {
                if let Some(c) = char::from_u32(c) {
                    stack.push((child, depth + 1, c));
                }
            }
        }
        out
    }

    /// True when a form ending at trie node `node` is kept whole by [`Lexicon::keep_whole`].
    fn is_whole(&self, node: u32) -> bool {
        self.whole
            .get(node as usize / 64)
            .is_some_and(|b| b & (1 << (node % 64)) != 0)
    }

    /// `tokens` of the prepared `text` with every user-dictionary form that is not a segmenter
    /// word kept as one token (leftmost, then longest, first): the tokens inside it are
    /// merged and a token crossing its ends is cut there, as jieba would have done had it
    /// known the word. A form is left alone where it lies inside one longer token, where a
    /// common word crosses one of its ends (中天成 in 他中天成功了: 成功), or where it cuts a
    /// Latin word. Without such forms the tokens come back as they are.
    ///
    /// ```
    /// # fn main() -> Result<(), zhtag::Error> {
    /// let tagger = zhtag::Tagger::builder()
    ///     .dictionary_text("mine.tsv", "name\ttype\taliases\n歧豸科技\tcompany\t\n")
    ///     .build()?;
    /// let text = tagger.prepare("歧豸科技宣布");
    /// let tokens = tagger.tokens(&text);
    /// assert_eq!((tokens[0].start, tokens[0].end), (0, 4));
    /// # Ok(()) }
    /// ```
    pub fn keep_whole(&self, text: &str, tokens: Vec<Token>, seg: &Segmenter) -> Vec<Token> {
        if self.whole_forms == 0 {
            return tokens;
        }
        let chars: Vec<char> = text.chars().collect();
        let spans = self.whole_spans(&chars, &tokens, seg);
        if spans.is_empty() {
            return tokens;
        }
        retokenize(&tokens, &spans)
    }

    /// The spans [`Lexicon::keep_whole`] keeps whole, in order, not overlapping.
    fn whole_spans(
        &self,
        chars: &[char],
        tokens: &[Token],
        seg: &Segmenter,
    ) -> Vec<(usize, usize)> {
        let alnum = |i: usize| chars.get(i).is_some_and(char::is_ascii_alphanumeric);
        // a common word of the segmenter's crossing char `i` (from before it to after it)
        let common_across = |from: usize, i: usize| {
            let t = tokens.get(from..)?.iter().find(|t| t.end > i)?;
            let word: String = chars.get(t.start..t.end)?.iter().collect();
            (t.start < i && seg.word_freq(&word).is_some_and(|f| f >= COMMON_WORD_FREQ))
                .then_some(())
        };
        let mut spans = Vec::new();
        let mut tok = 0;
        let mut start = 0;
        while start + 1 < chars.len() {
            while tokens.get(tok).is_some_and(|t| t.end <= start) {
                tok += 1;
            }
            let (Some(&a), Some(&b)) = (chars.get(start), chars.get(start + 1)) else {
                break;
            };
            let mut longest = None;
            if self.whole_pairs.may_hold(a, b) {
                let mut node = 0u32;
                for (end, &c) in (start + 1..).zip(chars.get(start..).unwrap_or(&[])) {
                    let Some(next) = self.trie.step(node, c) else {
                        break;
                    };
                    node = next;
                    if self.is_whole(node) {
                        longest = Some(end);
                    }
                }
            }
            let keep = longest.filter(|&end| {
                let inside_one = tokens.get(tok).is_some_and(|t| {
                    t.start <= start && end <= t.end && (t.start, t.end) != (start, end)
                });
                let cuts_latin = (start > 0 && alnum(start) && alnum(start - 1))
                    || (alnum(end - 1) && alnum(end));
                let crossed =
                    common_across(tok, start).is_some() || common_across(tok, end).is_some();
                !inside_one && !cuts_latin && !crossed
            });
            match keep {
                Some(end) => {
                    spans.push((start, end));
                    start = end;
                }
                None => start += 1,
            }
        }
        spans
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
            // the end of the token starting here: a place may end inside it before a title
            let token_end = p
                .token_starting_at(start)
                .and_then(|k| p.tokens.get(k))
                .map_or(start, |t| t.end);
            let mut node = 0u32;
            for (end, &c) in (start + 1..).zip(p.chars.get(start..).unwrap_or(&[])) {
                let Some(next) = self.trie.step(node, c) else {
                    break;
                };
                node = next;
                // the token test first: it reads the sentence's own small table, the entry a
                // node far away in the trie
                if !p.ends_token(end) {
                    if end < token_end && token_end - end <= 3 {
                        self.place_before_title(p, seg, node, start, end, token_end, out);
                    }
                    continue;
                }
                if let Some(id) = self.trie.entry(node) {
                    self.check(p, seg, id as usize, start, end, out);
                }
            }
        }
        out[first..].sort_unstable_by_key(|c| (c.end, c.start));
    }

    /// The place that opens a secretariat's name kept out as a title (澳门 of 澳门经济财政司 in
    /// 澳门经济财政司司长): the longest LOC form at `start` shorter than the name, as LOC.
    fn place_of_title(&self, p: &Prepared, start: usize, end: usize, out: &mut Vec<Candidate>) {
        if let Some((e, l)) = self.longest_place_at(p, start, end - 1, |_| true) {
            out.push(candidate(l, start, e, Source::Dictionary));
        }
    }

    /// The longest LOC form of two chars or more at `start` of `p` that ends at `last_end` or
    /// before and whose entry `keep` accepts: where it ends, and its entry.
    fn longest_place_at(
        &self,
        p: &Prepared,
        start: usize,
        last_end: usize,
        keep: impl Fn(&LexEntry) -> bool,
    ) -> Option<(usize, &LexEntry)> {
        (start + 2..=last_end).rev().find_map(|e| {
            let l = self.lookup(p.slice(start, e))?;
            (l.label == Label::Loc && keep(l)).then_some((e, l))
        })
    }

    /// A place whose name jieba's dictionary glued to an office title in one word (日本首相,
    /// 英国首相, 德国总理, 宜兰县长) is still the place: the entry at trie node `node`, a LOC
    /// form at `start..end`, is checked like a match at a token end when the rest of its token
    /// (`end..token_end`) is a title word ([`crate::model::features::cue_word`]).
    #[allow(clippy::too_many_arguments)]
    fn place_before_title(
        &self,
        p: &Prepared,
        seg: &Segmenter,
        node: u32,
        start: usize,
        end: usize,
        token_end: usize,
        out: &mut Vec<Candidate>,
    ) {
        let Some(id) = self.trie.entry(node).map(|id| id as usize) else {
            return;
        };
        let is_loc = self.entries.get(id).is_some_and(|e| e.label == Label::Loc);
        if is_loc && crate::model::features::cue_word(p.slice(end, token_end)) & 1 != 0 {
            self.check(p, seg, id, start, end, out);
        }
    }

    /// Pushes the candidate for entry `id` at `start..end` unless it cuts a Latin word, ends
    /// doubtfully, is the first half of a title, or is likely part of a person's name. A
    /// country word that only describes the body is pushed as a LOC of its own
    /// ([`Lexicon::descriptor_country`]).
    fn check(
        &self,
        p: &Prepared,
        seg: &Segmenter,
        id: usize,
        start: usize,
        end: usize,
        out: &mut Vec<Candidate>,
    ) {
        let Some(e) = self.entries.get(id) else {
            return;
        };
        let alnum = |i: usize| p.char_at(i).is_some_and(|c| c.is_ascii_alphanumeric());
        if (start > 0 && alnum(start) && alnum(start - 1)) || (alnum(end - 1) && alnum(end)) {
            return;
        }
        if end - start <= 3 && doubtful_end(p, seg, end) {
            return;
        }
        if e.label == Label::Org && is_head_title(p, end) {
            self.place_of_title(p, start, end, out);
            return;
        }
        if e.label != Label::Policy && end - start <= 3 && inside_person_name(p, start, end) {
            return;
        }
        if e.label == Label::Org && e.kind == "government" && tail_of_longer_body(p, start, end) {
            return;
        }
        if e.label == Label::Org && e.kind == "institution" && court_of_another_name(p, start, end)
        {
            return;
        }
        if let Some((split, country)) = self.descriptor_country(p, id, start, end) {
            out.push(candidate(country, start, split, Source::Dictionary));
            out.push(candidate(e, split, end, Source::Dictionary));
            return;
        }
        out.push(candidate(e, start, end, Source::Dictionary));
    }

    /// For a dictionary form at `start..end` of `p` that begins with 中国 or 台湾 only
    /// describing the government body after it (中国外交部: CLARIFICATIONS 3), where the
    /// country ends and the country's entry. For rules that find a dictionary body another way
    /// (中国 + 外交部长); the dictionary matcher splits its own matches the same way.
    pub fn describing_country(
        &self,
        p: &Prepared,
        start: usize,
        end: usize,
    ) -> Option<(usize, &LexEntry)> {
        let id = self.trie.get(p.slice(start, end))?;
        self.descriptor_country(p, id as usize, start, end)
    }

    /// Where a country word that only describes the government body of entry `id` found at
    /// `start..end` ends, with the country's entry: 中国 in 中国外交部 and 美国 in 美国国务院
    /// (CLARIFICATIONS 3: LOC for the country, ORG for the body). The body must end in a
    /// government head (部, 委, 院, 省, 署, 局 …: `body_heads`). The country stays inside when
    /// the canonical name begins with it, as part of the official name (中国社科院,
    /// 中国民用航空局), and so does a full state name (中华人民共和国) or a foreign country
    /// (美国国防部: [`super::bodies::is_foreign_country`]).
    fn descriptor_country(
        &self,
        p: &Prepared,
        id: usize,
        start: usize,
        end: usize,
    ) -> Option<(usize, &LexEntry)> {
        let e = self.entries.get(id)?;
        let mut buf = [0u8; 4];
        let last: &str = p.char_at(end.checked_sub(1)?)?.encode_utf8(&mut buf);
        if e.label != Label::Org || !BODY_HEADS.contains(&last) {
            return None;
        }
        // the longest country word that leaves a body of two chars or more
        let (split, country) =
            self.longest_place_at(p, start, end.checked_sub(2)?, |c| c.kind == "country")?;
        let form = p.slice(start, split);
        // a foreign country's name belongs to its ministries' names (印度 + 国防部)
        if STATE_NAMES.contains(&form) || super::bodies::is_foreign_country(self, form) {
            return None;
        }
        if self.names.get(id)?.starts_with(form) {
            return None;
        }
        Some((split, country))
    }
}

/// True when the bare government body at `start..end` (发展局, 规划署) follows a field word
/// that makes it the tail of a longer body's name (经济 + 发展局, 城市 + 规划署: data
/// `bureau_fields`): that body is another one, which the dictionary does not know.
fn tail_of_longer_body(p: &Prepared, start: usize, end: usize) -> bool {
    let mut buf = [0u8; 4];
    let Some(last) = end.checked_sub(1).and_then(|i| p.char_at(i)) else {
        return false;
    };
    if !BODY_HEADS.contains(&&*last.encode_utf8(&mut buf)) {
        return false;
    }
    let Some(prev) = p.token_ending_at(start).map(|t| p.tokens[t]) else {
        return false;
    };
    BUREAU_FIELDS.contains(&p.slice(prev.start, prev.end))
}

/// True when a bare court (高等法院, 区域法院, 上诉法庭) follows a word naming whose
/// jurisdiction it serves (首都, 联邦, 州, 巡回 …: data `court_jurisdictions`): 首都高等法院 is
/// another court, not the one the dictionary means.
fn court_of_another_name(p: &Prepared, start: usize, end: usize) -> bool {
    let form = p.slice(start, end);
    if !(form.ends_with("法院") || form.ends_with("法庭")) {
        return false;
    }
    p.token_ending_at(start)
        .map(|t| p.tokens[t])
        .is_some_and(|prev| COURT_JURISDICTIONS.contains(&p.slice(prev.start, prev.end)))
}

/// Jurisdiction words before a court's name (data: `court_jurisdictions`).
static COURT_JURISDICTIONS: std::sync::LazyLock<&[&str]> =
    std::sync::LazyLock::new(|| super::org::vocab::list("court_jurisdictions"));

/// Field words that begin longer bureau names (data: `bureau_fields`).
static BUREAU_FIELDS: std::sync::LazyLock<&[&str]> =
    std::sync::LazyLock::new(|| super::org::vocab::list("bureau_fields"));

/// Last chars of government bodies a country word may describe (data: `body_heads`).
static BODY_HEADS: std::sync::LazyLock<&[&str]> =
    std::sync::LazyLock::new(|| super::org::vocab::list("body_heads"));

/// Full state names, which belong to the bodies' official names (data: `state_names`).
static STATE_NAMES: std::sync::LazyLock<&[&str]> =
    std::sync::LazyLock::new(|| super::org::vocab::list("state_names"));

/// The prepared form of every surface form of `entries` that has two chars or more, with its
/// entry's index and whether it is a segmenter word, sorted by form, then entry; and each
/// entry's prepared canonical name, in entry order.
fn prepared_forms(
    entries: &[(Entry, bool)],
    prepare: &dyn Fn(&[&str]) -> Vec<String>,
) -> (Vec<(String, u32, bool)>, Vec<String>) {
    let forms: Vec<&str> = entries
        .iter()
        .flat_map(|(e, _)| e.surface_forms())
        .collect();
    let mut prepared = prepare(&forms).into_iter();
    drop(forms);
    let mut keyed = Vec::with_capacity(prepared.len());
    let mut names = Vec::with_capacity(entries.len());
    for (id, (e, word)) in entries.iter().enumerate() {
        for (i, _) in e.surface_forms().enumerate() {
            let Some(key) = prepared.next() else { break };
            if i == 0 {
                names.push(key.clone());
            }
            if key.chars().nth(1).is_some() {
                keyed.push((key, id as u32, *word));
            }
        }
        names.resize(id + 1, String::new());
    }
    // entry ids grow in input order, so (form, id) orders equal forms as a stable sort would
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    (keyed, names)
}

/// `tokens` (in order, covering the text) re-cut so that each span of `spans` (in order, not
/// overlapping) is one token.
fn retokenize(tokens: &[Token], spans: &[(usize, usize)]) -> Vec<Token> {
    let mut cuts: Vec<usize> = tokens.iter().flat_map(|t| [t.start, t.end]).collect();
    cuts.extend(spans.iter().flat_map(|&(s, e)| [s, e]));
    cuts.sort_unstable();
    cuts.dedup();
    let mut span = spans.iter().peekable();
    cuts.retain(|&c| {
        while span.next_if(|&&(_, e)| e <= c).is_some() {}
        !span.peek().is_some_and(|&&(s, e)| s < c && c < e)
    });
    cuts.windows(2)
        .filter_map(|w| match *w {
            [start, end] => Some(Token { start, end }),
            _ => None,
        })
        .collect()
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
/// (Hong Kong's and Macau's secretaries head no body of that name; the title names a person:
/// data `secretaries`). A department's head is another matter: 经济部投审司 in 投审司司长 is
/// the body (CLARIFICATIONS 2).
pub fn is_head_title(p: &Prepared, end: usize) -> bool {
    end > 0
        && p.char_at(end - 1) == Some('司')
        && p.char_at(end) == Some('司')
        && p.char_at(end + 1) == Some('长')
        && SECRETARIES
            .iter()
            .any(|s| p.slice(end.saturating_sub(s.chars().count()), end) == *s)
}

/// Secretaries' titles before 司长 (data: `secretaries`).
static SECRETARIES: std::sync::LazyLock<&[&str]> =
    std::sync::LazyLock::new(|| super::org::vocab::list("secretaries"));

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
            kind: Some(e.kind.to_string()),
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
    use super::{retokenize, FormTrie, PairFilter};
    use crate::segment::Token;

    #[test]
    fn the_trie_built_from_sorted_forms_finds_each_form_and_nothing_else() {
        let mut forms: Vec<(String, u32)> = ["大船", "大船集团", "大连", "瓦轴集团", "a", "ab"]
            .iter()
            .enumerate()
            .map(|(i, f)| (f.to_string(), i as u32))
            .collect();
        forms.sort();
        let (trie, ends) = FormTrie::build(&forms);
        assert_eq!(ends.len(), forms.len());
        for (f, id) in &forms {
            assert_eq!(trie.get(f), Some(*id), "{f}");
        }
        for other in ["大", "大船集", "瓦轴", "b", "大船集团公司"] {
            assert_eq!(trie.get(other), None, "{other}");
        }
        // depth-first numbering: the edges of every node are sorted by char
        for n in 0..trie.nodes.len() as u32 - 1 {
            let e = FormTrie::edges_of(&trie.nodes, &trie.edges, n);
            assert!(e.windows(2).all(|w| w[0].0 < w[1].0));
            assert!(e.iter().all(|&(_, child)| child > n));
        }
    }

    #[test]
    fn retokenize_merges_inside_a_span_and_cuts_tokens_across_its_ends() {
        let t = |start, end| Token { start, end };
        let tokens = [t(0, 2), t(2, 3), t(3, 5), t(5, 6), t(6, 8)];
        assert_eq!(
            retokenize(&tokens, &[(1, 5), (6, 8)]),
            [t(0, 1), t(1, 5), t(5, 6), t(6, 8)]
        );
        assert_eq!(retokenize(&tokens, &[]), tokens);
    }

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
