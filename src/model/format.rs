//! The model file (little endian):
//!
//! ```text
//! "ZHTAGPM\0"  u32 format version  u32 feature version
//! u8 n_types, n_types × u8 label code
//! f32 confidence scale  f32 weight quantum
//! (n_tags + 1) × n_tags f32 transitions (last row: start)   n_tags f32 end scores
//! u32 n_features   n_features × u64 key (strictly increasing)
//! per feature: span × n_tags i16 weights (× quantum)
//! u32 n_names   n_names × (u64 word hash (strictly increasing), u8 kind 1..=MAX_NAME_KIND)
//! u32 n_starters   n_starters × u32 char (strictly increasing)
//! u32 n_known   n_known × u64 (0 or 2^23 / 64 words: the bits of the known-words filter;
//!                                not in format version 1, which is still read)
//! u64 FNV-1a of every byte before it
//! ```
//!
//! Reading trusts nothing: every length, label, key and the checksum is checked, and a bad file
//! is a [`ModelError`], never a panic.

use rustc_hash::FxHashMap;

use super::features::{Template, FEATURE_VERSION};
use super::Model;
use crate::entity::Label;

const MAGIC: &[u8; 8] = b"ZHTAGPM\0";
const FORMAT_VERSION: u32 = 2;

/// Why a model file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// Not a model file (wrong magic bytes).
    #[error("not a zhtag model file")]
    Magic,
    /// Made for another format or feature version.
    #[error("model version {found} (format) / {features} (features); this build reads {FORMAT_VERSION} / {FEATURE_VERSION}")]
    Version {
        /// Format version in the file.
        found: u32,
        /// Feature version in the file.
        features: u32,
    },
    /// The file ends early or has bytes after its checksum.
    #[error("model file truncated or too long at byte {0}")]
    Length(usize),
    /// A field holds an impossible value.
    #[error("model file: {0}")]
    Invalid(&'static str),
    /// The checksum does not match.
    #[error("model file checksum mismatch")]
    Checksum,
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The label of a code in the file.
fn label_of(code: u8) -> Option<Label> {
    Label::ALL.get(usize::from(code)).copied()
}

fn code_of(l: Label) -> u8 {
    Label::ALL.iter().position(|&x| x == l).unwrap_or(0) as u8
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).ok_or(ModelError::Length(self.at))?;
        let s = self
            .bytes
            .get(self.at..end)
            .ok_or(ModelError::Length(self.at))?;
        self.at = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let s = self.take(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.array::<1>()?[0])
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        let v = f32::from_le_bytes(self.array()?);
        if v.is_finite() {
            Ok(v)
        } else {
            Err(ModelError::Invalid("a score is not finite"))
        }
    }
}

impl Model {
    /// Parses a model file.
    ///
    /// ```
    /// use zhtag::model::{Model, ModelError};
    /// assert_eq!(Model::from_bytes(b"nonsense").unwrap_err(), ModelError::Magic);
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8).map_err(|_| ModelError::Magic)? != MAGIC {
            return Err(ModelError::Magic);
        }
        let (found, features) = (r.u32()?, r.u32()?);
        // version 1 is version 2 without the known-words filter
        if !(1..=FORMAT_VERSION).contains(&found) || features != FEATURE_VERSION {
            return Err(ModelError::Version { found, features });
        }
        let n_types = usize::from(r.u8()?);
        if n_types == 0 || n_types > 6 {
            return Err(ModelError::Invalid("number of entity types"));
        }
        let mut types = Vec::with_capacity(n_types);
        for _ in 0..n_types {
            let l = label_of(r.u8()?).ok_or(ModelError::Invalid("unknown label code"))?;
            if types.contains(&l) {
                return Err(ModelError::Invalid("a label is listed twice"));
            }
            types.push(l);
        }
        let nt = 1 + 4 * n_types;
        let scale = r.f32()?;
        let quantum = r.f32()?;
        if scale <= 0.0 || quantum <= 0.0 {
            return Err(ModelError::Invalid("scale or quantum not positive"));
        }
        let trans = (0..(nt + 1) * nt)
            .map(|_| r.f32())
            .collect::<Result<Vec<_>, _>>()?;
        let end = (0..nt).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let n_features = r.u32()? as usize;
        // each feature takes at least 8 + 2 × n_tags bytes: refuse a count the file cannot hold
        if n_features.saturating_mul(8 + 2 * nt) > bytes.len() {
            return Err(ModelError::Length(r.at));
        }
        let mut keys = Vec::with_capacity(n_features);
        for _ in 0..n_features {
            let k = r.u64()?;
            if Template::of_key(k).is_none() {
                return Err(ModelError::Invalid("unknown feature template"));
            }
            if keys.last().is_some_and(|&last| last >= k) {
                return Err(ModelError::Invalid("feature keys out of order"));
            }
            keys.push(k);
        }
        let mut index = FxHashMap::default();
        index.reserve(n_features);
        let mut weights = Vec::new();
        for &k in &keys {
            let span = Template::of_key(k).map_or(1, |t| t.span().1);
            let raw = r.take(span * nt * 2)?;
            let at = u32::try_from(weights.len()).map_err(|_| ModelError::Invalid("too large"))?;
            index.insert(k, at);
            weights.extend(
                raw.chunks_exact(2)
                    .map(|c| f32::from(i16::from_le_bytes([c[0], c[1]])) * quantum),
            );
        }
        let n_names = r.u32()? as usize;
        if n_names.saturating_mul(9) > bytes.len() {
            return Err(ModelError::Length(r.at));
        }
        let mut names = super::features::NameSet::default();
        names.reserve(n_names);
        let mut last = None;
        for _ in 0..n_names {
            let (h, kind) = (r.u64()?, r.u8()?);
            if last.is_some_and(|l| l >= h) || !(1..=super::features::MAX_NAME_KIND).contains(&kind)
            {
                return Err(ModelError::Invalid("name words out of order or of no kind"));
            }
            last = Some(h);
            names.insert(h, kind);
        }
        let n_starters = r.u32()? as usize;
        if n_starters.saturating_mul(4) > bytes.len() {
            return Err(ModelError::Length(r.at));
        }
        let mut starters: Vec<char> = Vec::with_capacity(n_starters);
        for _ in 0..n_starters {
            let c = char::from_u32(r.u32()?).ok_or(ModelError::Invalid("not a char"))?;
            if starters.last().is_some_and(|&l| l >= c) {
                return Err(ModelError::Invalid("name-start chars out of order"));
            }
            starters.push(c);
        }
        let n_known = if found >= 2 { r.u32()? as usize } else { 0 };
        if n_known != 0 && n_known != (1usize << super::features::KNOWN_BITS_LOG2) / 64 {
            return Err(ModelError::Invalid("known-words filter of the wrong size"));
        }
        let known = super::features::KnownWords {
            bits: (0..n_known).map(|_| r.u64()).collect::<Result<_, _>>()?,
        };
        let body = r.at;
        let sum = r.u64()?;
        if r.at != bytes.len() {
            return Err(ModelError::Length(r.at));
        }
        if fnv(&bytes[..body]) != sum {
            return Err(ModelError::Checksum);
        }
        Ok(Model {
            types,
            trans,
            end,
            index,
            weights,
            names,
            known,
            starters,
            scale,
            tables: Default::default(),
        }
        .with_tables())
    }

    /// The file form of the model (weights quantized to 16 bits; keys in increasing order, so
    /// the same model always gives the same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let nt = self.n_tags();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.push(self.types.len() as u8);
        out.extend(self.types.iter().map(|&l| code_of(l)));
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let quantum = if max > 0.0 { max / 32767.0 } else { 1.0 };
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&quantum.to_le_bytes());
        for v in self.trans.iter().chain(&self.end) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        let mut keys: Vec<u64> = self.index.keys().copied().collect();
        keys.sort_unstable();
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for k in &keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for k in &keys {
            let span = Template::of_key(*k).map_or(1, |t| t.span().1);
            let at = self.index.get(k).map_or(0, |&a| a as usize);
            for w in self.weights.get(at..at + span * nt).unwrap_or(&[]) {
                let q = (w / quantum).round().clamp(-32767.0, 32767.0) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        let mut names: Vec<(u64, u8)> = self.names.iter().map(|(&h, &k)| (h, k)).collect();
        names.sort_unstable();
        out.extend_from_slice(&(names.len() as u32).to_le_bytes());
        for (h, k) in names {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(k);
        }
        let mut starters = self.starters.clone();
        starters.sort_unstable();
        starters.dedup();
        out.extend_from_slice(&(starters.len() as u32).to_le_bytes());
        for c in starters {
            out.extend_from_slice(&(c as u32).to_le_bytes());
        }
        out.extend_from_slice(&(self.known.bits.len() as u32).to_le_bytes());
        for w in &self.known.bits {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let sum = fnv(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let nt = 5;
        let key = super::super::features::key(Template::Uni, '王' as u64);
        let mut index = FxHashMap::default();
        index.insert(key, 0);
        Model {
            types: vec![Label::Person],
            trans: (0..(nt + 1) * nt).map(|i| i as f32 * 0.5).collect(),
            end: vec![0.0; nt],
            index,
            weights: (0..5 * nt).map(|i| i as f32 - 10.0).collect(),
            names: [(7, 1), (9, 2)].into_iter().collect(),
            known: Default::default(),
            starters: vec!['王', '李'],
            scale: 2.0,
            tables: Default::default(),
        }
        .with_tables()
    }

    #[test]
    fn the_known_words_filter_round_trips_and_version_1_still_reads() {
        let mut m = tiny();
        let mut known = crate::model::features::KnownWords::with_capacity_bits();
        known.insert(crate::model::features::word_hash("公司"));
        m.set_known(known.clone());
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).expect("parses");
        assert_eq!(back.known, known);
        assert!(Model::from_bytes(&bytes[..bytes.len() - 9]).is_err());
        // version 1: no filter section (its length word, 0 here, removed) and another checksum
        let mut v1 = tiny().to_bytes();
        v1.truncate(v1.len() - 12);
        v1[8..12].copy_from_slice(&1u32.to_le_bytes());
        let sum = fnv(&v1);
        v1.extend_from_slice(&sum.to_le_bytes());
        assert!(Model::from_bytes(&v1)
            .expect("version 1 reads")
            .known
            .is_empty());
    }

    #[test]
    fn round_trip_and_every_truncation_is_an_error() {
        let bytes = tiny().to_bytes();
        let back = Model::from_bytes(&bytes).expect("parses");
        assert_eq!(back.to_bytes(), bytes);
        for n in 0..bytes.len() {
            assert!(Model::from_bytes(&bytes[..n]).is_err(), "prefix {n}");
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 9;
        flipped[last] ^= 1;
        assert!(Model::from_bytes(&flipped).is_err());
    }
}
