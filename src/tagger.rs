//! The pipeline: fold → convert → segment → recognize → document → resolve → map back to the
//! original.
//!
//! A text is cut into chunks (lines, and long lines at sentence ends, at most
//! [`MAX_CHUNK_BYTES`]) and the chunks are grouped into sections of whole chunks (at most
//! [`SECTION_BYTES`]). Each chunk is prepared and recognized on its own; the
//! [document stage](crate::document) then sees the whole section; each chunk is resolved and
//! mapped back. Memory is bounded by a section, whatever the length of the text.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use crate::convert::{
    convert_mapped, make_converter, Backend, Converted, ScriptConverter, Variant,
};
use crate::dictionary::Dictionary;
use crate::document::Scans;
use crate::entity::{Entity, Label, Normalized};
use crate::error::Error;
use crate::normalize::fold;
use crate::quantity::currency::{self, Region};
use crate::recognize::lexicon::Lexicon;
use crate::recognize::{self, Candidate, Context, Prepared, Recognizer};
use crate::resolve::resolve;
use crate::segment::{Segmenter, WordWeights};

/// Lines longer than this many bytes are cut at sentence ends (。！？；) so that memory stays
/// bounded by the chunk, not by the document.
pub const MAX_CHUNK_BYTES: usize = 16 * 1024;

/// A section — the scope of the document stage — is closed after the chunk that brings it to
/// this many bytes: a news article or several, never an unbounded archive.
pub const SECTION_BYTES: usize = 64 * 1024;

/// The work of one [`Tagger::tag_counted`] call, counted in chunks, sections and bytes read
/// (not timed), so that tests can check it grows linearly with the text.
///
/// ```
/// let w = zhtag::tagger::Work { chunks: 2, chunk_bytes_read: 40, ..Default::default() };
/// assert_eq!(w.sections, 0);
/// ```
#[doc(hidden)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Chunks cut (blank ones included).
    pub chunks: usize,
    /// Bytes read cutting them (finding each end, then the blank test).
    pub chunk_bytes_read: usize,
    /// Sections run through the pipeline.
    pub sections: usize,
    /// The most chunks one section held (what is in memory at once).
    pub largest_section_chunks: usize,
    /// The most bytes one section held.
    pub largest_section_bytes: usize,
    /// Names the document stage searched for, summed over the sections.
    pub names: usize,
    /// Bytes of names and text the document stage's occurrence search read.
    pub name_scan_bytes: usize,
}

impl Work {
    fn add_section(&mut self, section: &[Chunk<'_>], scans: Scans) {
        let bytes = section.iter().map(|c| c.text.len()).sum();
        self.sections += 1;
        self.largest_section_chunks = self.largest_section_chunks.max(section.len());
        self.largest_section_bytes = self.largest_section_bytes.max(bytes);
        self.names += scans.names;
        self.name_scan_bytes += scans.total();
    }
}

/// Finds ORG, QUANTITY, POLICY (and PERSON, LOC, DATE) entities in Chinese text.
///
/// Building a tagger loads jieba and the dictionaries (a few hundred milliseconds); tagging is
/// `&self`, and `Tagger` is `Send + Sync`, so build one and share it (e.g. in an `Arc`).
///
/// ```
/// let tagger = zhtag::Tagger::new();
/// let entities = tagger.tag("大船集團投資8億元推進專精特新");
/// let labels: Vec<_> = entities.iter().map(|e| (e.label.as_str(), e.text.as_str())).collect();
/// assert_eq!(labels, [("ORG", "大船集團"), ("QUANTITY", "8億元"), ("POLICY", "專精特新")]);
/// ```
pub struct Tagger {
    converter: Box<dyn ScriptConverter>,
    segmenter: Segmenter,
    lexicon: Lexicon,
    recognizers: Vec<Box<dyn Recognizer>>,
    labels: Vec<Label>,
    region: Option<Region>,
}

/// Options for one call of [`Tagger::tag_with`].
///
/// ```
/// use zhtag::quantity::Region;
/// use zhtag::tagger::TagOptions;
/// let tagger = zhtag::Tagger::new();
/// let opts = TagOptions { region: Some(Region::HongKong) };
/// let e = &tagger.tag_with("政府撥款460億元", &opts)[0];
/// let zhtag::Normalized::Quantity(q) = &e.normalized else { panic!() };
/// assert_eq!((q.unit.as_str(), q.currency_from.as_deref()), ("HKD", Some("region")));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TagOptions {
    /// Where the text comes from (a record's `"region"` field, `--region`): decides the currency
    /// of a bare 元 before the variant and the document's own words do (see
    /// [`crate::quantity::currency`]). `None` falls back to [`TaggerBuilder::region`].
    pub region: Option<Region>,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("converter", &self.converter.backend())
            .field("variant", &self.converter.variant())
            .field("dictionary_entries", &self.lexicon.len())
            .field(
                "recognizers",
                &self
                    .recognizers
                    .iter()
                    .map(|r| r.name())
                    .collect::<Vec<_>>(),
            )
            .field("labels", &self.labels)
            .field("region", &self.region)
            .finish()
    }
}

impl Default for Tagger {
    fn default() -> Self {
        Self::new()
    }
}

/// Options for building a [`Tagger`].
///
/// ```
/// # fn main() -> Result<(), zhtag::Error> {
/// let tsv = "name\ttype\taliases\n毓恬冠佳\tcompany\t冠佳\n";
/// let tagger = zhtag::Tagger::builder()
///     .variant(zhtag::Variant::Tw2s)
///     .dictionary_text("my-orgs.tsv", tsv)
///     .build()?;
/// assert_eq!(tagger.tag("冠佳擴產")[0].text, "冠佳");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct TaggerBuilder {
    variant: Variant,
    backend: Backend,
    embedded: bool,
    files: Vec<PathBuf>,
    texts: Vec<(String, String)>,
    labels: Vec<Label>,
    region: Option<Region>,
}

impl Default for TaggerBuilder {
    fn default() -> Self {
        Self {
            variant: Variant::default(),
            backend: Backend::default(),
            embedded: true,
            files: Vec::new(),
            texts: Vec::new(),
            labels: vec![
                Label::Org,
                Label::Quantity,
                Label::Policy,
                Label::Person,
                Label::Loc,
                Label::Date,
            ],
            region: None,
        }
    }
}

impl TaggerBuilder {
    /// The OpenCC conversion (default `t2s`).
    pub fn variant(mut self, v: Variant) -> Self {
        self.variant = v;
        self
    }

    /// The converter backend (default: embedded).
    pub fn backend(mut self, b: Backend) -> Self {
        self.backend = b;
        self
    }

    /// Whether to load the embedded dictionaries (default true).
    pub fn embedded_dictionaries(mut self, yes: bool) -> Self {
        self.embedded = yes;
        self
    }

    /// Adds a user dictionary file (TSV, see [`crate::dictionary`]); its entries override the
    /// embedded ones for the same surface form.
    pub fn dictionary_file(mut self, path: impl AsRef<Path>) -> Self {
        self.files.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds a user dictionary given as text; `origin` names it in errors.
    pub fn dictionary_text(mut self, origin: &str, tsv: &str) -> Self {
        self.texts.push((origin.to_string(), tsv.to_string()));
        self
    }

    /// Which labels to emit (default ORG, QUANTITY, POLICY, PERSON, LOC and DATE). Without
    /// PERSON the learned model is neither loaded nor run.
    pub fn labels(mut self, labels: &[Label]) -> Self {
        self.labels = labels.to_vec();
        self
    }

    /// The region of every text this tagger reads, for the currency of a bare 元 (default none:
    /// the variant, then each document's own currency words decide; see
    /// [`crate::quantity::currency`]). [`TagOptions::region`] overrides it per call.
    ///
    /// ```
    /// # fn main() -> Result<(), zhtag::Error> {
    /// let tagger = zhtag::Tagger::builder().region(zhtag::quantity::Region::Taiwan).build()?;
    /// let e = &tagger.tag("營收1735元")[0];
    /// let zhtag::Normalized::Quantity(q) = &e.normalized else { panic!() };
    /// assert_eq!(q.unit, "TWD");
    /// # Ok(()) }
    /// ```
    pub fn region(mut self, region: Region) -> Self {
        self.region = Some(region);
        self
    }

    /// Loads everything; fails on an invalid dictionary (with file and line) or converter.
    pub fn build(self) -> Result<Tagger, Error> {
        // jieba's own dictionary loads on a second thread while the converter is made and our
        // dictionaries are read and compiled
        let (ours, segmenter) = std::thread::scope(|scope| {
            let jieba = scope.spawn(Segmenter::new);
            let ours = make_converter(self.variant, self.backend).and_then(|converter| {
                let (embedded, user) = self.read_dictionaries()?;
                let prepare = |forms: &[&str]| prepare_batch(converter.as_ref(), forms);
                let lexicon = Lexicon::build_with_user(embedded, user, &prepare);
                Ok((converter, lexicon, WordWeights::embedded()))
            });
            let segmenter = jieba
                .join()
                .map_err(|_| Error::Config("loading jieba's dictionary failed".into()));
            (ours, segmenter)
        });
        let (converter, mut lexicon, weights) = ours?;
        let mut segmenter = segmenter?;
        segmenter.add_words(lexicon.words(), weights.as_ref());
        segmenter.set_extra_words(lexicon.take_whole_words());
        Ok(Tagger {
            converter,
            segmenter,
            lexicon,
            recognizers: recognize::pipeline(),
            labels: self.labels,
            region: self.region,
        })
    }
}

impl TaggerBuilder {
    /// The embedded dictionaries (places first, so that an organization or policy with the same
    /// form wins), and the user's files and texts in the order given.
    fn read_dictionaries(&self) -> Result<(Vec<Dictionary>, Vec<Dictionary>), Error> {
        let mut embedded = if self.embedded {
            Dictionary::embedded()?
        } else {
            Vec::new()
        };
        embedded.sort_by_key(|d| d.label != Label::Loc);
        let mut user = Vec::new();
        for f in &self.files {
            user.push(Dictionary::load(f)?);
        }
        for (origin, text) in &self.texts {
            user.push(Dictionary::parse(origin, text)?);
        }
        Ok((embedded, user))
    }
}

/// Folds and converts many short strings with one converter call (a call costs far more than a
/// few characters): they are joined by newlines, which no conversion crosses.
fn prepare_batch(converter: &dyn ScriptConverter, forms: &[&str]) -> Vec<String> {
    let joined = fold(&forms.join("\n"));
    let converted = converter.convert(&joined);
    let lines: Vec<String> = converted.split('\n').map(str::to_string).collect();
    if lines.len() == forms.len() {
        lines
    } else {
        forms.iter().map(|f| converter.convert(&fold(f))).collect()
    }
}

/// A piece of the input processed on its own: `text` starts at `char_base` / `byte_base`.
struct Chunk<'a> {
    text: &'a str,
    char_base: usize,
    byte_base: usize,
    /// Bytes read to find where it ends.
    read: usize,
}

/// Cuts a text into lines, and long lines at sentence ends (or, failing that, at a char
/// boundary), so that no chunk exceeds [`MAX_CHUNK_BYTES`] by more than one sentence.
///
/// An iterator, and each step looks at no more than the next [`MAX_CHUNK_BYTES`] of the text:
/// the whole costs O(text) time and O(1) memory, newlines or not.
fn chunks(text: &str) -> impl Iterator<Item = Chunk<'_>> {
    let mut char_base = 0;
    let mut byte_base = 0;
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (cut, read) = chunk_end(rest);
        let (piece, tail) = rest.split_at(cut);
        let chunk = Chunk {
            text: piece,
            char_base,
            byte_base,
            read,
        };
        char_base += piece.chars().count();
        byte_base += piece.len();
        rest = tail;
        Some(chunk)
    })
}

/// The byte length of the first chunk of `rest` (see [`chunks`]), and how many bytes finding
/// it read (at most twice [`MAX_CHUNK_BYTES`] + one char).
fn chunk_end(rest: &str) -> (usize, usize) {
    let window = &rest[..floor_char_boundary(rest, MAX_CHUNK_BYTES + 1)];
    let newline = window.find('\n');
    if let Some(i) = newline
        && i < MAX_CHUNK_BYTES
    {
        return (i + 1, i + 1);
    }
    if rest.len() <= MAX_CHUNK_BYTES {
        return (rest.len(), window.len());
    }
    let read = window.len();
    // the last sentence end before the limit, else a char boundary at the limit
    let window = &rest[..floor_char_boundary(rest, MAX_CHUNK_BYTES)];
    let read = read + window.len();
    let cut = window
        .char_indices()
        .filter(|(_, c)| matches!(c, '。' | '！' | '？' | '；' | '\r' | '\n'))
        .map(|(i, c)| i + c.len_utf8())
        .next_back()
        .unwrap_or(window.len());
    if cut == 0 {
        (rest.chars().next().map_or(rest.len(), char::len_utf8), read)
    } else {
        (cut, read)
    }
}

/// Groups chunks into sections of at most [`SECTION_BYTES`] (a section closes after the chunk
/// that reaches it). The chunks are yielded in order, each once, except the chunks of white
/// space only, which hold no entity and are left out (a text of blank lines costs a scan, not
/// a pass of the pipeline per line); a section is never empty. Every chunk cut, blank or
/// not, is counted in `work` (a `Cell`, so the caller can count too while it iterates).
fn sections<'a>(text: &'a str, work: &'a Cell<Work>) -> impl Iterator<Item = Vec<Chunk<'a>>> {
    let mut chunks = chunks(text);
    std::iter::from_fn(move || loop {
        let mut section = Vec::new();
        let (mut bytes, mut read) = (0, false);
        while bytes < SECTION_BYTES {
            let Some(c) = chunks.next() else { break };
            read = true;
            bytes += c.text.len();
            let mut w = work.get();
            w.chunks += 1;
            w.chunk_bytes_read += c.read + c.text.len();
            work.set(w);
            if !c.text.chars().all(char::is_whitespace) {
                section.push(c);
            }
        }
        if !section.is_empty() {
            return Some(section);
        }
        if !read {
            return None;
        }
    })
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Byte offsets of char indexes in a text, for indexes asked in (mostly) increasing order: the
/// entities come out in text order, so each is found by walking on from the previous one.
struct ByteCursor<'a> {
    text: &'a str,
    /// `text[..byte]` holds `chars` chars.
    chars: usize,
    byte: usize,
}

impl<'a> ByteCursor<'a> {
    fn new(text: &'a str) -> Self {
        ByteCursor {
            text,
            chars: 0,
            byte: 0,
        }
    }

    /// The byte offset of char `i`, or the text's length for an index past its end.
    fn byte_at(&mut self, i: usize) -> usize {
        if i < self.chars {
            (self.chars, self.byte) = (0, 0);
        }
        let rest = self.text.get(self.byte..).unwrap_or("");
        for c in rest.chars().take(i - self.chars) {
            self.byte += c.len_utf8();
            self.chars += 1;
        }
        self.byte
    }
}

impl Tagger {
    /// A tagger with the embedded dictionaries and the default `t2s` conversion.
    ///
    /// The embedded dictionaries are part of the crate and are validated by its tests, so this
    /// does not fail; use [`Tagger::builder`] for anything loaded at run time.
    pub fn new() -> Self {
        match TaggerBuilder::default().build() {
            Ok(t) => t,
            // unreachable unless the crate itself is broken: the embedded data is tested
            Err(e) => panic!("zhtag's embedded dictionaries failed to load: {e}"),
        }
    }

    /// Options for a tagger with user dictionaries or another conversion.
    pub fn builder() -> TaggerBuilder {
        TaggerBuilder::default()
    }

    /// Folds and converts `text` to the prepared Simplified form the recognizers read
    /// (same number of chars for the length-preserving variants).
    ///
    /// ```
    /// assert_eq!(zhtag::Tagger::new().prepare("ＳＫ海力士"), "sk海力士");
    /// ```
    pub fn prepare(&self, text: &str) -> String {
        self.converter.convert(&fold(text))
    }

    /// The converter in use.
    pub fn converter(&self) -> &dyn ScriptConverter {
        self.converter.as_ref()
    }

    /// The segmenter (jieba with the dictionary words added).
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// The tokens of a prepared text as the recognizers see them: jieba's, with the user
    /// dictionaries' names kept whole (see [`Lexicon::keep_whole`]).
    ///
    /// ```
    /// let tagger = zhtag::Tagger::new();
    /// let text = tagger.prepare("大船集團建造");
    /// assert_eq!(tagger.tokens(&text)[0].end, 4);
    /// ```
    pub fn tokens(&self, prepared: &str) -> Vec<crate::segment::Token> {
        self.lexicon
            .keep_whole(prepared, self.segmenter.tokens(prepared), &self.segmenter)
    }

    /// What every recognizer reads besides the sentence: this tagger's lexicon and segmenter.
    ///
    /// ```
    /// let tagger = zhtag::Tagger::new();
    /// let ctx = tagger.context();
    /// assert_eq!(ctx.lexicon.len(), tagger.lexicon().len());
    /// ```
    pub fn context(&self) -> Context<'_> {
        Context {
            lexicon: &self.lexicon,
            segmenter: &self.segmenter,
        }
    }

    /// The compiled dictionaries.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Tags a text. Never panics; every entity's `text` equals the original text at its offsets,
    /// and the entities are in text order without overlaps.
    pub fn tag(&self, text: &str) -> Vec<Entity> {
        self.tag_with(text, &TagOptions::default())
    }

    /// [`Tagger::tag`] with per-call options (the region of the text).
    pub fn tag_with(&self, text: &str, opts: &TagOptions) -> Vec<Entity> {
        self.tag_counted(text, opts).0
    }

    /// [`Tagger::tag_with`], and the work it did, counted (for tests that the work grows
    /// linearly with the text; counting is a few additions per chunk and per section).
    ///
    /// ```
    /// let tagger = zhtag::Tagger::new();
    /// let (entities, work) = tagger.tag_counted("大船集團擴產。\n", &Default::default());
    /// assert_eq!((entities.len(), work.chunks, work.sections), (1, 1, 1));
    /// ```
    #[doc(hidden)]
    pub fn tag_counted(&self, text: &str, opts: &TagOptions) -> (Vec<Entity>, Work) {
        let region = opts.region.or(self.region);
        let mut entities = Vec::new();
        let work = Cell::new(Work::default());
        for section in sections(text, &work) {
            let scans = self.tag_section(&section, region, &mut entities);
            let mut w = work.get();
            w.add_section(&section, scans);
            work.set(w);
        }
        (entities, work.get())
    }

    /// The recognizers in pipeline order (see [`recognize::pipeline`]).
    pub fn recognizers(&self) -> &[Box<dyn Recognizer>] {
        &self.recognizers
    }

    /// Prepares and recognizes each chunk, runs the document stage over the section, then
    /// resolves each chunk and maps its entities back to the original.
    fn tag_section(
        &self,
        section: &[Chunk<'_>],
        region: Option<Region>,
        out: &mut Vec<Entity>,
    ) -> Scans {
        let converted: Vec<Converted> = section
            .iter()
            .map(|c| convert_mapped(self.converter.as_ref(), &fold(c.text)))
            .collect();
        let prepared: Vec<Prepared<'_>> = converted
            .iter()
            .map(|c| Prepared::new(&c.text, self.tokens(&c.text)))
            .collect();
        let ctx = self.context();
        let mut cands: Vec<Vec<Candidate>> = prepared
            .iter()
            .map(|p| {
                let mut cands = Vec::new();
                for r in &self.recognizers {
                    if !r.labels().iter().any(|l| self.labels.contains(l)) {
                        continue;
                    }
                    r.find(p, &ctx, &mut cands);
                }
                cands
            })
            .collect();
        let original = |i: usize, s: usize, e: usize| -> String {
            let (Some(chunk), Some(conv)) = (section.get(i), converted.get(i)) else {
                return String::new();
            };
            let (os, oe) = conv.map.to_original(s, e);
            let mut b = ByteCursor::new(chunk.text);
            let (bs, be) = (b.byte_at(os), b.byte_at(oe));
            chunk.text.get(bs..be).unwrap_or("").to_string()
        };
        assign_currency(&prepared, &mut cands, region, self.converter.variant());
        let scans = crate::document::run(&prepared, &mut cands, &original);
        for (((chunk, conv), p), mut cs) in section.iter().zip(&converted).zip(&prepared).zip(cands)
        {
            cs.retain(|c| self.labels.contains(&c.label));
            self.emit(chunk, conv, p, cs, out);
        }
        scans
    }

    /// Resolves one chunk's candidates and maps the winners back to the original text.
    fn emit(
        &self,
        chunk: &Chunk<'_>,
        converted: &Converted,
        p: &Prepared<'_>,
        cands: Vec<Candidate>,
        out: &mut Vec<Entity>,
    ) {
        let orig_len = converted.map.source_len();
        let bytes = std::cell::RefCell::new(ByteCursor::new(chunk.text));
        let original = |s: usize, e: usize| -> String {
            let (os, oe) = converted.map.to_original(s, e);
            let mut b = bytes.borrow_mut();
            let (bs, be) = (b.byte_at(os), b.byte_at(oe));
            chunk.text.get(bs..be).unwrap_or("").to_string()
        };
        for c in resolve(cands, p.len()) {
            let (os, oe) = converted.map.to_original(c.start, c.end);
            if os >= oe || oe > orig_len {
                continue;
            }
            let (bs, be) = {
                let mut b = bytes.borrow_mut();
                (b.byte_at(os), b.byte_at(oe))
            };
            let Some(text) = chunk.text.get(bs..be) else {
                continue;
            };
            let normalized = match c.normalized {
                Normalized::Name { name, kind } if name.is_empty() => Normalized::Name {
                    name: text.to_string(),
                    kind,
                },
                // the grammar records the hedge in the prepared script: give the original's
                Normalized::Quantity(mut q) => {
                    if let Some(h) = q.hedge.take() {
                        let hl = h.chars().count();
                        let before = c.start >= hl && p.slice(c.start - hl, c.start) == h;
                        let after = p.slice(c.end, c.end + hl) == h;
                        q.hedge = Some(match (before, after) {
                            (true, _) => original(c.start - hl, c.start),
                            (false, true) => original(c.end, c.end + hl),
                            _ => h,
                        });
                    }
                    Normalized::Quantity(q)
                }
                other => other,
            };
            out.push(Entity {
                label: c.label,
                text: text.to_string(),
                start: chunk.char_base + os,
                end: chunk.char_base + oe,
                byte_start: chunk.byte_base + bs,
                byte_end: chunk.byte_base + be,
                normalized,
                source: c.source,
                confidence: c.confidence.map(|x| (f64::from(x) * 1e4).round() / 1e4),
            });
        }
    }
}

/// Gives the bare 元 of a section the currency decided for it (see
/// [`crate::quantity::currency`]): the region, the variant, or the section's currency words.
fn assign_currency(
    prepared: &[Prepared<'_>],
    cands: &mut [Vec<Candidate>],
    region: Option<Region>,
    variant: crate::convert::Variant,
) {
    let bare = |p: &Prepared<'_>, c: &Candidate| {
        matches!(&c.normalized, Normalized::Quantity(q) if q.unit.starts_with("CNY"))
            && currency::is_bare_yuan(p.slice(c.start, c.end))
    };
    let any_bare = prepared
        .iter()
        .zip(cands.iter())
        .any(|(p, cs)| cs.iter().any(|c| bare(p, c)));
    if !any_bare {
        return;
    }
    let texts: Vec<&str> = prepared.iter().map(|p| p.text).collect();
    let Some(d) = currency::decide(region, variant, &texts) else {
        return;
    };
    for (p, cs) in prepared.iter().zip(cands.iter_mut()) {
        for c in cs.iter_mut() {
            if !bare(p, c) {
                continue;
            }
            if let Normalized::Quantity(q) = &mut c.normalized
                && let Some(unit) = currency::recode(&q.unit, d.code)
            {
                q.unit = unit;
                q.currency_from = Some(d.from.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_leave_out_blank_chunks_and_are_never_empty() {
        let text = format!(
            "{}甲公司\n{}\n乙\n \t\n",
            "\n".repeat(3 * SECTION_BYTES),
            " ".repeat(10)
        );
        let work = Cell::new(Work::default());
        let secs: Vec<Vec<Chunk<'_>>> = sections(&text, &work).collect();
        assert!(secs.iter().all(|s| !s.is_empty()));
        let kept: Vec<&str> = secs.iter().flatten().map(|c| c.text).collect();
        assert_eq!(kept, ["甲公司\n", "乙\n"]);
        for c in secs.iter().flatten() {
            assert_eq!(&text[c.byte_base..c.byte_base + c.text.len()], c.text);
            assert_eq!(text[..c.byte_base].chars().count(), c.char_base);
        }
        assert_eq!(sections("\n\n  \n", &work).count(), 0);
    }

    /// Bytes read cutting `text` into chunks and sections, and the largest section's bytes.
    fn chunking_work(text: &str) -> Work {
        let work = Cell::new(Work::default());
        let mut largest = 0;
        for s in sections(text, &work) {
            largest = largest.max(s.iter().map(|c| c.text.len()).sum::<usize>());
        }
        Work {
            largest_section_bytes: largest,
            ..work.get()
        }
    }

    #[test]
    fn chunking_a_text_without_newlines_reads_each_byte_a_bounded_number_of_times() {
        // issue 14, item 2: each chunk searched the rest of the text for a newline
        let sentence = "今年營收成長三成，獲利創新高。";
        let one = chunking_work(&sentence.repeat(100_000));
        let two = chunking_work(&sentence.repeat(200_000));
        let bytes = sentence.len() * 100_000;
        assert!(
            one.chunk_bytes_read <= 3 * bytes + MAX_CHUNK_BYTES,
            "{one:?}"
        );
        let ratio = two.chunk_bytes_read as f64 / one.chunk_bytes_read as f64;
        assert!((1.95..=2.05).contains(&ratio), "{ratio}: {one:?} {two:?}");
        let ratio = two.chunks as f64 / one.chunks as f64;
        assert!((1.95..=2.05).contains(&ratio), "{ratio}");
    }

    #[test]
    fn a_section_holds_a_bounded_text_however_long_the_document() {
        // issue 14, item 3: every line was collected before tagging
        let limit = SECTION_BYTES + MAX_CHUNK_BYTES + 4;
        for text in [
            "第一行有字。\n".repeat(200_000),
            "\n".repeat(8 << 20),
            "沒有換行的一句話。".repeat(300_000),
        ] {
            let half = chunking_work(&text[..text.len() / 2]);
            let whole = chunking_work(&text);
            assert!(whole.largest_section_bytes <= limit, "{whole:?}");
            assert_eq!(whole.largest_section_bytes, half.largest_section_bytes);
            let ratio = whole.chunk_bytes_read as f64 / half.chunk_bytes_read as f64;
            assert!(
                (1.95..=2.05).contains(&ratio),
                "{ratio}: {half:?} {whole:?}"
            );
        }
    }

    #[test]
    fn chunks_cover_the_text_exactly() {
        let text = format!("第一行\n{}。尾", "長".repeat(10_000));
        let cs: Vec<_> = chunks(&text).collect();
        let joined: String = cs.iter().map(|c| c.text).collect();
        assert_eq!(joined, text);
        assert!(cs
            .iter()
            .all(|c| c.text.len() <= MAX_CHUNK_BYTES + 4 || !c.text.contains('。')));
        for c in &cs {
            assert_eq!(&text[c.byte_base..c.byte_base + c.text.len()], c.text);
            assert_eq!(text[..c.byte_base].chars().count(), c.char_base);
        }
    }

    #[test]
    fn byte_cursor_gives_each_char_offset_in_any_order() {
        let text = "ａ大b😀c\u{301}末";
        let offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        let mut cur = ByteCursor::new(text);
        for i in [0, 2, 3, 5, 1, 6, 4, 9, 0] {
            assert_eq!(
                cur.byte_at(i),
                offsets.get(i).copied().unwrap_or(text.len()),
                "char {i}"
            );
        }
    }

    #[test]
    fn tagger_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Tagger>();
    }
}
