//! [`CharSet`]: a set of chars as a bit table, for the scans that test nearly every char or token
//! of a text against a few trigger chars (a chain of `matches!` arms, a `str` of chars or a hash
//! lookup costs many times more than one load and a bit test).

/// A set of chars as a bit table.
///
/// Made from a list of chars ([`CharSet::new`]: the table ends at the largest member), or from a
/// predicate ([`CharSet::from_predicate`]: the table covers the Basic Multilingual Plane and chars
/// beyond it are answered by the predicate itself). Either way `contains` agrees exactly with the
/// list or the predicate.
///
/// ```
/// use zhtag::charset::CharSet;
/// let s = CharSet::new(['委', '会']);
/// assert!(s.contains('会') && !s.contains('人') && !s.contains('𠀀'));
/// let digits = CharSet::from_predicate(|c| c.is_ascii_digit());
/// assert!(digits.contains('7') && !digits.contains('七'));
/// ```
#[derive(Debug, Clone)]
pub struct CharSet {
    /// Bit `c % 64` of word `c / 64` is set for each member `c` in the table.
    bits: Vec<u64>,
    /// The answer for chars past the table (none: not members).
    beyond: Option<fn(char) -> bool>,
}

impl CharSet {
    const BMP: u32 = 0x1_0000;

    /// The set of `chars`.
    pub fn new(chars: impl IntoIterator<Item = char>) -> Self {
        let mut bits: Vec<u64> = Vec::new();
        for c in chars {
            let (word, bit) = (c as usize / 64, c as usize % 64);
            if bits.len() <= word {
                bits.resize(word + 1, 0);
            }
            bits[word] |= 1 << bit;
        }
        CharSet { bits, beyond: None }
    }

    /// The chars for which `pred` holds: evaluated once on every BMP char (about 0.1 ms), and
    /// asked directly for the chars beyond.
    pub fn from_predicate(pred: fn(char) -> bool) -> Self {
        let mut bits = vec![0u64; (Self::BMP / 64) as usize];
        for (w, word) in bits.iter_mut().enumerate() {
            for b in 0..64u32 {
                if char::from_u32(w as u32 * 64 + b).is_some_and(pred) {
                    *word |= 1 << b;
                }
            }
        }
        CharSet {
            bits,
            beyond: Some(pred),
        }
    }

    /// True when `c` is in the set.
    #[inline]
    pub fn contains(&self, c: char) -> bool {
        match self.bits.get(c as usize / 64) {
            Some(w) => w >> (c as usize % 64) & 1 != 0,
            None => self.beyond.is_some_and(|pred| pred(c)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_from_a_predicate_agrees_with_it_on_every_char() {
        let pred = |c: char| c == '二' || c == '\u{20000}' || c.is_ascii_digit();
        let set = CharSet::from_predicate(pred);
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(set.contains(c), pred(c), "{c:?}");
        }
    }

    #[test]
    fn a_set_from_chars_holds_exactly_them() {
        let set = CharSet::new(['委', '𠀀', 'a']);
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(set.contains(c), matches!(c, '委' | '𠀀' | 'a'), "{c:?}");
        }
        assert!(!CharSet::new([]).contains('a'));
    }
}
