//! First-order Viterbi over BIOES tags, with the BIOES constraints as hard limits, and
//! max-marginal margins for the confidence.

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

/// Transition scores with the BIOES constraints folded in (−∞ where not allowed).
#[derive(Debug, Clone, Copy)]
pub struct Trans<'a> {
    /// Number of tags.
    pub nt: usize,
    /// `(nt + 1) × nt`: `trans[prev * nt + next]`, then the start row.
    pub trans: &'a [f32],
    /// End scores.
    pub end: &'a [f32],
}

/// Masks raw transition and end scores with the BIOES constraints.
pub fn mask(nt: usize, trans: &[f32], end: &[f32]) -> (Vec<f32>, Vec<f32>) {
    let mut t = vec![NEG; (nt + 1) * nt];
    for prev in 0..=nt {
        for next in 0..nt {
            let ok = if prev == nt {
                allowed_start(next)
            } else {
                allowed(prev, next)
            };
            if ok {
                t[prev * nt + next] = trans.get(prev * nt + next).copied().unwrap_or(0.0);
            }
        }
    }
    let e = (0..nt)
        .map(|y| {
            if allowed_end(y) {
                end.get(y).copied().unwrap_or(0.0)
            } else {
                NEG
            }
        })
        .collect();
    (t, e)
}

/// Whether a decoded range begins at the sentence start and ends at its end; otherwise the
/// char before (after) it is taken to be O.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// The range starts the sentence.
    pub at_start: bool,
    /// The range ends the sentence.
    pub at_end: bool,
}

impl Trans<'_> {
    fn ok(&self) -> bool {
        self.trans.len() >= (self.nt + 1) * self.nt && self.end.len() >= self.nt
    }
    /// Scores of the first tag.
    #[inline]
    fn first(&self, b: Bounds) -> &[f32] {
        let nt = self.nt;
        if b.at_start {
            &self.trans[nt * nt..(nt + 1) * nt]
        } else {
            // after an O
            &self.trans[..nt]
        }
    }
    /// Score of ending on tag `y`.
    #[inline]
    fn last(&self, b: Bounds, y: usize) -> f32 {
        if b.at_end {
            self.end[y]
        } else {
            // followed by an O
            self.trans[y * self.nt]
        }
    }
}

/// The best tag sequence for emission scores `emit` (`n × nt`); the result lives in `b`.
pub fn decode<'b>(
    t: Trans<'_>,
    emit: &[f32],
    n: usize,
    bounds: Bounds,
    b: &'b mut Buffers,
) -> &'b [u8] {
    let nt = t.nt;
    b.tags.clear();
    if n == 0 || emit.len() < n * nt || !t.ok() {
        b.tags.resize(n, 0);
        return &b.tags;
    }
    forward(t, emit, n, bounds, b);
    let last = (n - 1) * nt;
    let mut best = (NEG, 0usize);
    for y in 0..nt {
        let s = b.alpha[last + y] + t.last(bounds, y);
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
fn forward(t: Trans<'_>, emit: &[f32], n: usize, bounds: Bounds, b: &mut Buffers) {
    let nt = t.nt;
    b.alpha.clear();
    b.alpha.resize(n * nt, NEG);
    b.back.clear();
    b.back.resize(n * nt, 0);
    for (y, s) in t.first(bounds).iter().enumerate() {
        b.alpha[y] = s + emit[y];
    }
    // one type (PERSON): fixed-size rows the compiler unrolls, without bounds checks in the
    // inner loops (measured: the decode's time about halved); the same sums in the same order,
    // so the same tags
    if nt == 5 {
        forward_fixed::<5>(t, emit, n, b);
        return;
    }
    for j in 1..n {
        let (done, rest) = b.alpha.split_at_mut(j * nt);
        let prev = &done[(j - 1) * nt..];
        let cur = &mut rest[..nt];
        let em = &emit[j * nt..(j + 1) * nt];
        let back = &mut b.back[j * nt..(j + 1) * nt];
        for y in 0..nt {
            let mut best = (NEG, 0u8);
            for (yp, &a) in prev.iter().enumerate() {
                let s = a + t.trans[yp * nt + y];
                if s > best.0 {
                    best = (s, yp as u8);
                }
            }
            cur[y] = best.0 + em[y];
            back[y] = best.1;
        }
    }
}

/// [`forward`] after the first row, for `N` tags.
fn forward_fixed<const N: usize>(t: Trans<'_>, emit: &[f32], n: usize, b: &mut Buffers) {
    let Some(trans) = t.trans.get(..N * N) else {
        return;
    };
    let mut tr = [[NEG; N]; N];
    for (next, row) in tr.iter_mut().enumerate() {
        for (prev, x) in row.iter_mut().enumerate() {
            *x = trans[prev * N + next];
        }
    }
    let mut prev = [NEG; N];
    if let Some(first) = b.alpha.get(..N) {
        prev.copy_from_slice(first);
    }
    let rows = b.alpha.chunks_exact_mut(N).take(n).skip(1);
    let back = b.back.chunks_exact_mut(N).skip(1);
    let em = emit.chunks_exact(N).skip(1);
    for ((cur, back), em) in rows.zip(back).zip(em) {
        for y in 0..N {
            let mut best = (NEG, 0u8);
            for yp in 0..N {
                let s = prev[yp] + tr[y][yp];
                if s > best.0 {
                    best = (s, yp as u8);
                }
            }
            cur[y] = best.0 + em[y];
            back[y] = best.1;
        }
        prev.copy_from_slice(cur);
    }
}

/// Per char, how much the best score drops if that char must take another tag than the best
/// path gives it (`decode` must have run on the same input just before).
pub fn margins<'b>(
    t: Trans<'_>,
    emit: &[f32],
    n: usize,
    bounds: Bounds,
    b: &'b mut Buffers,
) -> &'b [f32] {
    let nt = t.nt;
    b.margins.clear();
    if n == 0 || b.alpha.len() < n * nt || b.tags.len() < n || emit.len() < n * nt || !t.ok() {
        b.margins.resize(n, 0.0);
        return &b.margins;
    }
    b.beta.clear();
    b.beta.resize(n * nt, NEG);
    for y in 0..nt {
        b.beta[(n - 1) * nt + y] = t.last(bounds, y);
    }
    for j in (0..n - 1).rev() {
        let (cur, next) = b.beta.split_at_mut((j + 1) * nt);
        let next = &next[..nt];
        let cur = &mut cur[j * nt..];
        let em = &emit[(j + 1) * nt..(j + 2) * nt];
        for (y, cell) in cur.iter_mut().enumerate() {
            let mut best = NEG;
            for yn in 0..nt {
                let s = t.trans[y * nt + yn] + em[yn] + next[yn];
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
                if let Some((s, o)) = open.take()
                    && o == k
                {
                    out.push((s, j + 1, k));
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
