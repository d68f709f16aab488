//! Stage 2 — script conversion (Traditional → Simplified) with an offset map back to the input.
//!
//! jieba's dictionary is Simplified, so the tagger segments and matches a Simplified copy of the
//! text. Conversion follows OpenCC's dictionaries. Two backends implement [`ScriptConverter`]:
//!
//! * [`EmbeddedConverter`] (default): `ferrous-opencc`, a pure-Rust implementation whose output is
//!   identical to OpenCC 1.1.6 for `t2s`, `tw2s` and `hk2s`; nothing is needed from the system.
//! * `SystemConverter` (cargo feature `system-opencc`): the system OpenCC library through
//!   `opencc-rust`.
//!
//! # Invariant
//! [`convert_mapped`] returns the converted text together with an [`OffsetMap`] such that every
//! converted `char` range maps to the original `char` range it came from. The length-preserving
//! variants (`t2s`, `tw2s`, `hk2s`) map one char to one char; a phrase variant (`tw2sp`: 肯亞 →
//! 肯尼亞) may change lengths, and then the map sends each changed run as a block to the run it came
//! from, so an entity boundary never falls inside a converted phrase.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use crate::error::Error;

mod fast;

/// Which OpenCC conversion to apply.
///
/// ```
/// use zhtag::convert::Variant;
/// assert_eq!("tw2s".parse::<Variant>().unwrap(), Variant::Tw2s);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Variant {
    /// Traditional (OpenCC standard) → Simplified. The default.
    #[default]
    T2s,
    /// Taiwan Traditional → Simplified.
    Tw2s,
    /// Hong Kong Traditional → Simplified.
    Hk2s,
    /// Taiwan Traditional → Simplified with mainland phrasing; may change text length.
    Tw2sp,
}

impl Variant {
    /// The OpenCC configuration name (`t2s`, `tw2s`, `hk2s`, `tw2sp`).
    pub fn name(self) -> &'static str {
        match self {
            Variant::T2s => "t2s",
            Variant::Tw2s => "tw2s",
            Variant::Hk2s => "hk2s",
            Variant::Tw2sp => "tw2sp",
        }
    }

    /// True when the variant never changes the number of characters.
    pub fn preserves_length(self) -> bool {
        !matches!(self, Variant::Tw2sp)
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Variant {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "t2s" => Ok(Variant::T2s),
            "tw2s" => Ok(Variant::Tw2s),
            "hk2s" => Ok(Variant::Hk2s),
            "tw2sp" => Ok(Variant::Tw2sp),
            _ => Err(Error::Config(format!(
                "unknown conversion variant {s:?} (expected t2s, tw2s, hk2s or tw2sp)"
            ))),
        }
    }
}

/// A Traditional → Simplified converter.
///
/// ```
/// use zhtag::convert::{EmbeddedConverter, ScriptConverter, Variant};
/// let c = EmbeddedConverter::new(Variant::T2s).unwrap();
/// assert_eq!(c.convert("大連船舶重工集團"), "大连船舶重工集团");
/// ```
pub trait ScriptConverter: Send + Sync {
    /// Converts a text.
    fn convert(&self, text: &str) -> String;
    /// The variant this converter applies.
    fn variant(&self) -> Variant;
    /// A short name of the backend, for reports.
    fn backend(&self) -> &'static str;
}

/// The pure-Rust backend (`ferrous-opencc`, OpenCC's dictionaries embedded in the binary).
///
/// For `t2s` it converts through a per-char table and consults the phrase list only where a
/// phrase can start (about 5× faster than walking ferrous-opencc's FST at every char), with
/// exactly ferrous-opencc's output; the other variants use ferrous-opencc directly.
pub struct EmbeddedConverter {
    inner: ferrous_opencc::OpenCC,
    variant: Variant,
    fast: Option<fast::FastT2s>,
}

impl EmbeddedConverter {
    /// Creates the converter for `variant`.
    pub fn new(variant: Variant) -> Result<Self, Error> {
        use ferrous_opencc::config::BuiltinConfig;
        let config = match variant {
            Variant::T2s => BuiltinConfig::T2s,
            Variant::Tw2s => BuiltinConfig::Tw2s,
            Variant::Hk2s => BuiltinConfig::Hk2s,
            Variant::Tw2sp => BuiltinConfig::Tw2sp,
        };
        let inner = ferrous_opencc::OpenCC::from_config(config)
            .map_err(|e| Error::Config(format!("cannot load OpenCC {variant}: {e}")))?;
        let fast = match variant {
            Variant::T2s => fast::FastT2s::new(&|s: &str| inner.convert(s)),
            _ => None,
        };
        Ok(Self {
            inner,
            variant,
            fast,
        })
    }

    /// Converts with ferrous-opencc alone, without the `t2s` fast path: the reference the fast
    /// path is tested against.
    ///
    /// ```
    /// use zhtag::convert::{EmbeddedConverter, ScriptConverter, Variant};
    /// let c = EmbeddedConverter::new(Variant::T2s).unwrap();
    /// let text = "乾隆皇帝一目瞭然";
    /// assert_eq!(c.convert(text), c.convert_reference(text));
    /// ```
    pub fn convert_reference(&self, text: &str) -> String {
        self.inner.convert(text)
    }
}

impl ScriptConverter for EmbeddedConverter {
    fn convert(&self, text: &str) -> String {
        match &self.fast {
            Some(f) => f.convert(text, &|s: &str| self.inner.convert(s)),
            None => self.inner.convert(text),
        }
    }
    fn variant(&self) -> Variant {
        self.variant
    }
    fn backend(&self) -> &'static str {
        "ferrous-opencc"
    }
}

/// The system OpenCC library (cargo feature `system-opencc`; needs OpenCC's data files, Debian's
/// `libopencc-dev` and `opencc` packages).
#[cfg(feature = "system-opencc")]
pub struct SystemConverter {
    inner: opencc_rust::OpenCC,
    variant: Variant,
}

#[cfg(feature = "system-opencc")]
impl SystemConverter {
    /// Opens the system configuration for `variant`.
    pub fn new(variant: Variant) -> Result<Self, Error> {
        use opencc_rust::DefaultConfig;
        let config = match variant {
            Variant::T2s => DefaultConfig::T2S,
            Variant::Tw2s => DefaultConfig::TW2S,
            Variant::Hk2s => DefaultConfig::HK2S,
            Variant::Tw2sp => DefaultConfig::TW2SP,
        };
        let inner = opencc_rust::OpenCC::new(config).map_err(|e| {
            Error::Config(format!(
                "cannot open the system OpenCC configuration {variant}: {e}"
            ))
        })?;
        Ok(Self { inner, variant })
    }
}

#[cfg(feature = "system-opencc")]
impl ScriptConverter for SystemConverter {
    fn convert(&self, text: &str) -> String {
        // The C API takes NUL-terminated strings: an interior NUL would end the input early (and
        // makes the binding panic). Replace it with a space, which keeps the char count.
        if text.contains('\0') {
            self.inner.convert(text.replace('\0', " "))
        } else {
            self.inner.convert(text)
        }
    }
    fn variant(&self) -> Variant {
        self.variant
    }
    fn backend(&self) -> &'static str {
        "system-opencc"
    }
}

/// Which implementation converts scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Backend {
    /// The embedded pure-Rust converter.
    #[default]
    Embedded,
    /// The system OpenCC library (only with the `system-opencc` feature).
    System,
}

impl FromStr for Backend {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "embedded" => Ok(Backend::Embedded),
            "system" => Ok(Backend::System),
            _ => Err(Error::Config(format!(
                "unknown converter backend {s:?} (expected embedded or system)"
            ))),
        }
    }
}

/// Creates a converter for `variant` with `backend`.
pub fn make_converter(
    variant: Variant,
    backend: Backend,
) -> Result<Box<dyn ScriptConverter>, Error> {
    match backend {
        Backend::Embedded => Ok(Box::new(EmbeddedConverter::new(variant)?)),
        #[cfg(feature = "system-opencc")]
        Backend::System => Ok(Box::new(SystemConverter::new(variant)?)),
        #[cfg(not(feature = "system-opencc"))]
        Backend::System => Err(Error::Config(
            "the system OpenCC backend needs zhtag built with `--features system-opencc`".into(),
        )),
    }
}

static DEFAULT_T2S: LazyLock<Option<EmbeddedConverter>> =
    LazyLock::new(|| EmbeddedConverter::new(Variant::T2s).ok());

/// Converts with the embedded `t2s` converter, created once per process. Returns the input
/// unchanged if the embedded dictionaries could not be loaded (they are tested not to fail).
///
/// ```
/// assert_eq!(zhtag::convert::to_simplified("兩萬億元"), "两万亿元");
/// ```
pub fn to_simplified(text: &str) -> String {
    match DEFAULT_T2S.as_ref() {
        Some(c) => c.convert(text),
        None => text.to_string(),
    }
}

/// Maps `char` ranges of a converted text back to `char` ranges of its source.
///
/// ```
/// use zhtag::convert::{convert_mapped, EmbeddedConverter, Variant};
/// let c = EmbeddedConverter::new(Variant::T2s).unwrap();
/// let conv = convert_mapped(&c, "台積電");
/// assert_eq!(conv.text, "台积电");
/// assert_eq!(conv.map.to_original(1, 3), (1, 3));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OffsetMap {
    /// Converted char `i` came from source char `i`.
    Identity {
        /// Number of chars on both sides.
        len: usize,
    },
    /// Converted char `i` came from source chars `spans[i].0 .. spans[i].1`.
    Blocks {
        /// One source range per converted char.
        spans: Vec<(u32, u32)>,
        /// Number of chars in the source.
        source_len: usize,
    },
}

impl OffsetMap {
    /// Number of chars in the source text.
    pub fn source_len(&self) -> usize {
        match self {
            OffsetMap::Identity { len } => *len,
            OffsetMap::Blocks { source_len, .. } => *source_len,
        }
    }

    /// Maps the converted char range `start..end` to the source char range it came from.
    /// Out-of-range input is clamped, so the result is always a valid range of the source.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        match self {
            OffsetMap::Identity { len } => {
                let s = start.min(*len);
                (s, end.clamp(s, *len))
            }
            OffsetMap::Blocks { spans, source_len } => {
                if spans.is_empty() || start >= spans.len() || end <= start {
                    let s = spans
                        .get(start)
                        .map_or(*source_len, |sp| sp.0 as usize)
                        .min(*source_len);
                    return (s, s);
                }
                let s = spans[start].0 as usize;
                let e = spans[end.min(spans.len()) - 1].1 as usize;
                (s, e.max(s))
            }
        }
    }
}

/// A converted text and the map back to its source.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The converted text.
    pub text: String,
    /// Converted char ranges → source char ranges.
    pub map: OffsetMap,
}

/// Converts `source` and builds the offset map (see the module invariant).
pub fn convert_mapped(converter: &dyn ScriptConverter, source: &str) -> Converted {
    if converter.variant().preserves_length() {
        let text = converter.convert(source);
        let n = source.chars().count();
        if text.chars().count() == n {
            return Converted {
                text,
                map: OffsetMap::Identity { len: n },
            };
        }
    }
    convert_piecewise(converter, source)
}

/// Characters that OpenCC never converts and that no phrase spans: pieces are cut there so that
/// a length change stays inside its piece.
fn is_anchor(c: char) -> bool {
    c.is_ascii()
        || c.is_whitespace()
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

fn convert_piecewise(converter: &dyn ScriptConverter, source: &str) -> Converted {
    let mut text = String::with_capacity(source.len() + source.len() / 8);
    let mut spans: Vec<(u32, u32)> = Vec::with_capacity(source.len() / 3 + 1);
    let mut source_pos = 0usize; // char index of the current piece in the source
    let mut rest = source;
    while !rest.is_empty() {
        // a piece is a run of non-anchors, or a single anchor
        let first = rest.chars().next().map_or(' ', |c| c);
        let piece_len = if is_anchor(first) {
            first.len_utf8()
        } else {
            rest.char_indices()
                .find(|&(_, c)| is_anchor(c))
                .map_or(rest.len(), |(i, _)| i)
        };
        let (piece, tail) = rest.split_at(piece_len);
        rest = tail;
        let src: Vec<char> = piece.chars().collect();
        let out = if is_anchor(first) {
            piece.to_string()
        } else {
            converter.convert(piece)
        };
        let dst: Vec<char> = out.chars().collect();
        if dst.len() == src.len() {
            spans.extend((0..src.len()).map(|i| {
                let p = (source_pos + i) as u32;
                (p, p + 1)
            }));
        } else {
            align_piece(converter, &src, &dst, source_pos, &mut spans);
        }
        text.push_str(&out);
        source_pos += src.len();
    }
    Converted {
        text,
        map: OffsetMap::Blocks {
            spans,
            source_len: source_pos,
        },
    }
}

/// Aligns a converted piece with its source: chars that are equal, or equal after converting the
/// source char alone, are anchors (longest common subsequence); every run between anchors maps as
/// one block. Very long pieces fall back to a proportional map.
fn align_piece(
    converter: &dyn ScriptConverter,
    src: &[char],
    dst: &[char],
    base: usize,
    spans: &mut Vec<(u32, u32)>,
) {
    let (n, m) = (src.len(), dst.len());
    if n == 0 {
        // nothing to map to: attach to the position itself (zero-width)
        spans.extend(std::iter::repeat_n((base as u32, base as u32), m));
        return;
    }
    if n.saturating_mul(m) > 4_000_000 {
        spans.extend((0..m).map(|j| {
            let i = (j * n / m.max(1)).min(n - 1);
            ((base + i) as u32, (base + i + 1) as u32)
        }));
        return;
    }
    let single: Vec<char> = src
        .iter()
        .map(|c| {
            let mut b = [0u8; 4];
            converter
                .convert(c.encode_utf8(&mut b))
                .chars()
                .next()
                .unwrap_or(*c)
        })
        .collect();
    let eq = |i: usize, j: usize| src[i] == dst[j] || single[i] == dst[j];
    // lcs[i][j] = LCS of src[i..], dst[j..]
    let w = m + 1;
    let mut lcs = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if eq(i, j) {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0usize, 0usize);
    let (mut gap_i, mut gap_j) = (0usize, 0usize);
    let flush = |gi: usize, gj: usize, i: usize, j: usize, spans: &mut Vec<(u32, u32)>| {
        // converted gj..j came from source gi..i; inserted chars (an empty source run) belong
        // to the source char before them (or after, at the start), never to nothing
        let (gi, i) = if gi == i && j > gj {
            if i > 0 {
                (i - 1, i)
            } else {
                (0, 1.min(n))
            }
        } else {
            (gi, i)
        };
        let (s, e) = ((base + gi) as u32, (base + i) as u32);
        spans.extend(std::iter::repeat_n((s, e), j - gj));
    };
    while i < n && j < m {
        if eq(i, j) && lcs[i * w + j] == lcs[(i + 1) * w + j + 1] + 1 {
            flush(gap_i, gap_j, i, j, spans);
            let p = (base + i) as u32;
            spans.push((p, p + 1));
            i += 1;
            j += 1;
            gap_i = i;
            gap_j = j;
        } else if lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    flush(gap_i, gap_j, n, m, spans);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t2s() -> EmbeddedConverter {
        EmbeddedConverter::new(Variant::T2s).expect("embedded t2s loads")
    }

    #[test]
    fn t2s_keeps_char_count_and_maps_identically() {
        let c = convert_mapped(&t2s(), "大連市工業和信息化局召開會議");
        assert_eq!(c.text, "大连市工业和信息化局召开会议");
        assert_eq!(c.map, OffsetMap::Identity { len: 14 });
    }

    #[test]
    fn mixed_simplified_and_traditional_input_converts_to_simplified() {
        assert_eq!(t2s().convert("大连工信部門"), "大连工信部门");
    }

    #[test]
    fn phrase_conversion_that_changes_length_maps_back_as_a_block() {
        let c = EmbeddedConverter::new(Variant::Tw2sp).expect("tw2sp loads");
        let src = "他去肯亞投資";
        let conv = convert_mapped(&c, src);
        assert_eq!(conv.text, "他去肯尼亚投资");
        // 肯尼亚 (converted chars 2..5) came from 肯亞 (source chars 2..4)
        assert_eq!(conv.map.to_original(2, 5), (2, 4));
        // a range inside the changed phrase widens to the whole phrase
        assert_eq!(conv.map.to_original(3, 4).0, 2);
        // text after the phrase is shifted back by one char
        assert_eq!(conv.map.to_original(5, 7), (4, 6));
    }

    #[test]
    fn offset_map_clamps_out_of_range_requests() {
        let m = OffsetMap::Identity { len: 3 };
        assert_eq!(m.to_original(2, 10), (2, 3));
        assert_eq!(m.to_original(7, 9), (3, 3));
    }
}
