//! First-order Viterbi over BIOES tags, with the BIOES constraints as hard limits, and
//! max-marginal margins for the confidence.

use super::Model;

/// Reusable buffers (grown to the longest sentence, never shrunk).
#[derive(Debug, Default)]
pub struct Buffers {
    alpha: Vec<f32>,
    beta: Vec<f32>,
    back: Vec<u8>,
    tags: Vec<u8>,
    margins: Vec<f32>,
}

impl Buffers {
    /// The tags of the last [`decode`] and the margins of the last [`margins`].
    pub fn result(&self) -> (&[u8], &[f32]) {
        (&self.tags, &self.margins)
    }
}

/// What a tag is: O, or (position, type) with position 0..4 = B, I, E, S.
#[inline]
fn split(tag: usize) -> Option<(usize, usize)> {
    tag.checked_sub(1).map(|t| (t % 4, t / 4))
}

/// True when `next` may follow `prev` in BIOES.
#[inline]
pub fn allowed(prev: usize, next: usize) -> bool {
    match (split(prev), split(next)) {
        // after O, E or S: O, B or S
        (None | Some((2 | 3, _)), None | Some((0 | 3, _))) => true,
        // after B or I: I or E of the same type
        (Some((0 | 1, a)), Some((1 | 2, b))) => a == b,
        _ => false,
    }
}

/// True when a sentence may start with `tag`.
#[inline]
pub fn allowed_start(tag: usize) -> bool {
    matches!(split(tag), None | Some((0 | 3, _)))
}

/// True when a sentence may end with `tag`.
#[inline]
pub fn allowed_end(tag: usize) -> bool {
    matches!(split(tag), None | Some((2 | 3, _)))
}

const NEG: f32 = f32::NEG_INFINITY;

/// The best tag sequence for emission scores `emit` (`n × n_tags`); the result lives in `b`.
pub fn decode<'b>(m: &Model, emit: &[f32], n: usize, b: &'b mut Buffers) -> &'b [u8] {
    let nt = m.n_tags();
    b.tags.clear();
    if n == 0 || emit.len() < n * nt || m.trans.len() < (nt + 1) * nt || m.end.len() < nt {
        b.tags.resize(n, 0);
        return &b.tags;
    }
    forward(m, emit, n, b);
    let last = (n - 1) * nt;
    let mut best = (NEG, 0usize);
    for y in (0..nt).filter(|&y| allowed_end(y)) {
        let s = b.alpha[last + y] + m.end[y];
        if s > best.0 {
            best = (s, y);
        }
    }
    b.tags.resize(n, 0);
    let mut y = best.1;
    for j in (0..n).rev() {
        b.tags[j] = y as u8;
        if j > 0 {
            y = usize::from(b.back[j * nt + y]);
        }
    }
    &b.tags
}

/// `alpha[j][y]`: best score of a prefix ending at `j` with tag `y` (emission of `j` included).
fn forward(m: &Model, emit: &[f32], n: usize, b: &mut Buffers) {
    let nt = m.n_tags();
    b.alpha.clear();
    b.alpha.resize(n * nt, NEG);
    b.back.clear();
    b.back.resize(n * nt, 0);
    let start = &m.trans[nt * nt..(nt + 1) * nt];
    for y in (0..nt).filter(|&y| allowed_start(y)) {
        b.alpha[y] = start[y] + emit[y];
    }
    for j in 1..n {
        let (done, rest) = b.alpha.split_at_mut(j * nt);
        let prev = &done[(j - 1) * nt..];
        let cur = &mut rest[..nt];
        for (y, cell) in cur.iter_mut().enumerate() {
            let mut best = (NEG, 0u8);
            for (yp, &a) in prev.iter().enumerate() {
                if a == NEG || !allowed(yp, y) {
                    continue;
                }
                let s = a + m.trans[yp * nt + y];
                if s > best.0 {
                    best = (s, yp as u8);
                }
            }
            *cell = best.0 + emit[j * nt + y];
            b.back[j * nt + y] = best.1;
        }
    }
}

/// Per char, how much the best score drops if that char must take another tag than the best
/// path gives it (`decode` must have run on the same input just before).
pub fn margins<'b>(m: &Model, emit: &[f32], n: usize, b: &'b mut Buffers) -> &'b [f32] {
    let nt = m.n_tags();
    b.margins.clear();
    if n == 0 || b.alpha.len() < n * nt || b.tags.len() < n || emit.len() < n * nt {
        b.margins.resize(n, 0.0);
        return &b.margins;
    }
    b.beta.clear();
    b.beta.resize(n * nt, NEG);
    for y in (0..nt).filter(|&y| allowed_end(y)) {
        b.beta[(n - 1) * nt + y] = m.end[y];
    }
    for j in (0..n - 1).rev() {
        let (cur, next) = b.beta.split_at_mut((j + 1) * nt);
        let next = &next[..nt];
        let cur = &mut cur[j * nt..];
        for (y, cell) in cur.iter_mut().enumerate() {
            let mut best = NEG;
            for (yn, &bn) in next.iter().enumerate() {
                if bn == NEG || !allowed(y, yn) {
                    continue;
                }
                let s = m.trans[y * nt + yn] + emit[(j + 1) * nt + yn] + bn;
                if s > best {
                    best = s;
                }
            }
            *cell = best;
        }
    }
    b.margins.resize(n, 0.0);
    for j in 0..n {
        let chosen = usize::from(b.tags[j]);
        let total = |y: usize| b.alpha[j * nt + y] + b.beta[j * nt + y];
        let best = total(chosen);
        let other = (0..nt)
            .filter(|&y| y != chosen)
            .map(total)
            .fold(NEG, f32::max);
        b.margins[j] = if other == NEG {
            f32::INFINITY
        } else {
            (best - other).max(0.0)
        };
    }
    &b.margins
}

/// The entity spans `(start, end, type)` of a well-formed BIOES tag sequence.
pub fn spans(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (j, &t) in tags.iter().enumerate() {
        match split(usize::from(t)) {
            Some((0, k)) => open = Some((j, k)),
            Some((1, k)) => {
                if open.is_none_or(|(_, o)| o != k) {
                    open = None;
                }
            }
            Some((2, k)) => {
                if let Some((s, o)) = open.take() {
                    if o == k {
                        out.push((s, j + 1, k));
                    }
                }
            }
            Some((_, k)) => {
                open = None;
                out.push((j, j + 1, k));
            }
            None => open = None,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bioes_constraints() {
        // PERSON only: O=0 B=1 I=2 E=3 S=4
        assert!(allowed(0, 1) && allowed(0, 4) && allowed(3, 0) && allowed(1, 2));
        assert!(!allowed(0, 2) && !allowed(1, 0) && !allowed(2, 4) && !allowed(4, 3));
        assert!(allowed_start(1) && !allowed_start(3));
        assert!(allowed_end(3) && !allowed_end(1));
    }

    #[test]
    fn spans_of_tags() {
        assert_eq!(spans(&[0, 1, 2, 3, 0, 4]), [(1, 4, 0), (5, 6, 0)]);
        assert_eq!(spans(&[2, 3, 1]), []);
    }
}
