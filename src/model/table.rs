//! The decoding form of the weights: an open-addressing table of 32-bit fingerprints for the
//! n-gram keys, and every weight block stored as `i16` *relative to the O tag*.
//!
//! Adding the same number to every tag's score at one position changes no path's ranking and
//! no margin, so the O weight of each block can be subtracted from the others and dropped: for
//! PERSON a block row is four `i16` (8 bytes) instead of five `f32` (20 bytes), and a bigram's
//! whole block (four rows) fits in one cache line.

/// A feature key → block index table (linear probing, load ≤ 1/2).
///
/// A slot holds the key's upper 32 bits (its fingerprint) and the block index; the slot is
/// chosen by the key's low bits, so two keys are confused only when they agree on both (about
/// one lookup in 2³² for a key the model does not have).
///
/// ```
/// use zhtag::model::table::FlatIndex;
/// let t = FlatIndex::new([(0x1234_5678_9abc_def0u64, 7u32), (42, 9)].into_iter());
/// assert_eq!(t.get(0x1234_5678_9abc_def0), Some(7));
/// assert_eq!(t.get(42), Some(9));
/// assert_eq!(t.get(43), None);
/// ```
#[derive(Debug, Clone, Default)]
pub struct FlatIndex {
    /// `fingerprint << 32 | index`; `EMPTY` for a free slot.
    slots: Vec<u64>,
    mask: usize,
}

const EMPTY: u64 = u64::MAX;

#[inline]
fn fingerprint(key: u64) -> u64 {
    // never all ones, so that no stored slot equals EMPTY
    (key >> 32).min(u64::from(u32::MAX - 1))
}

impl FlatIndex {
    /// A table of the `(key, index)` pairs (indices below `u32::MAX`; a key given twice keeps
    /// its first index).
    pub fn new(pairs: impl ExactSizeIterator<Item = (u64, u32)>) -> Self {
        let cap = (pairs.len() * 2).next_power_of_two().max(16);
        let mut t = FlatIndex {
            slots: vec![EMPTY; cap],
            mask: cap - 1,
        };
        for (k, i) in pairs {
            if i == u32::MAX || t.get(k).is_some() {
                continue;
            }
            let mut at = (k as usize) & t.mask;
            while t.slots[at] != EMPTY {
                at = (at + 1) & t.mask;
            }
            t.slots[at] = (fingerprint(k) << 32) | u64::from(i);
        }
        t
    }

    /// The slot where a lookup of `key` starts (its value means nothing to the caller): reading
    /// it ahead of [`FlatIndex::get`], with no branch waiting on it, brings it into cache
    /// while other work goes on.
    #[inline]
    pub fn touch(&self, key: u64) -> u64 {
        self.slots
            .get((key as usize) & self.mask)
            .copied()
            .unwrap_or(0)
    }

    /// The index of `key`, if the table has it.
    #[inline]
    pub fn get(&self, key: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let fp = fingerprint(key);
        let mut at = (key as usize) & self.mask;
        loop {
            let s = *self.slots.get(at)?;
            if s == EMPTY {
                return None;
            }
            if s >> 32 == fp {
                return Some(s as u32);
            }
            at = (at + 1) & self.mask;
        }
    }
}

/// Weight blocks relative to O, quantized: row `r` of a block at `at` is
/// `w[at + r × lanes .. at + (r + 1) × lanes]`, lane `l` the score of tag `l + 1` minus that of O,
/// in units of `quantum`.
#[derive(Debug, Clone, Default)]
pub struct Packed {
    /// Tags other than O.
    pub lanes: usize,
    /// The size of one unit.
    pub quantum: f32,
    /// The rows.
    pub w: Vec<i16>,
}

impl Packed {
    /// Packs f32 rows of `nt` tags (tag 0 = O). Rows keep their order, so the packed offset of
    /// the row at f32 offset `at` is `at / nt × lanes`.
    ///
    /// ```
    /// use zhtag::model::table::Packed;
    /// let p = Packed::new(3, &[1.0, 2.0, 0.0, 0.0, 0.0, 0.5]);
    /// assert_eq!(p.lanes, 2);
    /// assert_eq!(p.w, [32767, -32767, 0, 16384]); // O-relative rows [1, -1] and [0, 0.5]
    /// ```
    pub fn new(nt: usize, weights: &[f32]) -> Self {
        let lanes = nt.saturating_sub(1);
        if nt == 0 {
            return Packed::default();
        }
        let rel = |row: &[f32]| -> Vec<f32> { row[1..].iter().map(|w| w - row[0]).collect() };
        let max = weights
            .chunks_exact(nt)
            .flat_map(rel)
            .fold(0f32, |m, w| m.max(w.abs()));
        let quantum = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let w = weights
            .chunks_exact(nt)
            .flat_map(rel)
            .map(|w| (w / quantum).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        Packed { lanes, quantum, w }
    }
}
