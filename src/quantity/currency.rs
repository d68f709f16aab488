//! The currency of a bare 元: CNY in mainland news, TWD in Taiwan's, HKD in Hong Kong's, MOP in
//! Macau's. The grammar reads a bare 元 as CNY; the tagger then decides per document, in this
//! order: the region the caller gives (a record's `"region"` field, `--region`, see
//! [`crate::tagger::TagOptions`] and [`crate::TaggerBuilder::region`]), the conversion variant
//! (`tw2s`/`tw2sp` → TWD, `hk2s` → HKD), or the document's own currency words (新台币, 港元/港币,
//! 澳门元/澳门币/葡币, 人民币: the most frequent wins). [`super::Quantity::currency_from`] says
//! which of the three decided.

use std::fmt;
use std::str::FromStr;

use crate::convert::Variant;

/// Where a text comes from, for the currency of a bare 元.
///
/// ```
/// use zhtag::quantity::Region;
/// let r: Region = "tw".parse().unwrap();
/// assert_eq!(r, Region::Taiwan);
/// assert_eq!(r.currency(), "TWD");
/// assert_eq!("hong-kong".parse::<Region>().unwrap().currency(), "HKD");
/// assert!("mars".parse::<Region>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    /// Mainland China (元 = CNY).
    Mainland,
    /// Taiwan (元 = TWD).
    Taiwan,
    /// Hong Kong (元 = HKD).
    HongKong,
    /// Macau (元 = MOP).
    Macau,
}

impl Region {
    /// All regions.
    pub const ALL: [Region; 4] = [
        Region::Mainland,
        Region::Taiwan,
        Region::HongKong,
        Region::Macau,
    ];

    /// The ISO 4217 code a bare 元 means there.
    pub fn currency(self) -> &'static str {
        match self {
            Region::Mainland => "CNY",
            Region::Taiwan => "TWD",
            Region::HongKong => "HKD",
            Region::Macau => "MOP",
        }
    }

    /// The short name (`cn`, `tw`, `hk`, `mo`), as [`FromStr`] reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Mainland => "cn",
            Region::Taiwan => "tw",
            Region::HongKong => "hk",
            Region::Macau => "mo",
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Region {
    type Err = String;

    /// `cn`/`mainland`/`china`, `tw`/`taiwan`, `hk`/`hong-kong`/`hongkong`, `mo`/`macau`/`macao`
    /// (any case; `_` or `-` or nothing between words).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let k: String = s
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        match k.as_str() {
            "cn" | "mainland" | "china" | "prc" => Ok(Region::Mainland),
            "tw" | "taiwan" => Ok(Region::Taiwan),
            "hk" | "hongkong" => Ok(Region::HongKong),
            "mo" | "macau" | "macao" => Ok(Region::Macau),
            _ => Err(format!("unknown region {s:?}: expected cn, tw, hk or mo")),
        }
    }
}

/// How the currency of the bare 元 in a document was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decision {
    /// The ISO 4217 code.
    pub code: &'static str,
    /// `region`, `variant` or `document`.
    pub from: &'static str,
}

/// Currency words a document may use, each with its code (prepared text: Simplified, lower case).
const EVIDENCE: &[(&str, &str)] = &[
    ("新台币", "TWD"),
    ("台币", "TWD"),
    ("nt$", "TWD"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("hk$", "HKD"),
    ("澳门元", "MOP"),
    ("澳门币", "MOP"),
    ("葡币", "MOP"),
    ("mop", "MOP"),
    ("人民币", "CNY"),
    ("rmb", "CNY"),
];

/// The currency of a bare 元 in a document whose prepared chunks are `texts`: the region if
/// given, else the variant's, else the document's most frequent currency word (a tie goes to
/// the currency named first); `None` leaves the grammar's CNY.
pub(crate) fn decide(region: Option<Region>, variant: Variant, texts: &[&str]) -> Option<Decision> {
    if let Some(r) = region {
        return Some(Decision {
            code: r.currency(),
            from: "region",
        });
    }
    let by_variant = match variant {
        Variant::Tw2s | Variant::Tw2sp => Some("TWD"),
        Variant::Hk2s => Some("HKD"),
        Variant::T2s => None,
    };
    if let Some(code) = by_variant {
        return Some(Decision {
            code,
            from: "variant",
        });
    }
    document_evidence(texts).map(|code| Decision {
        code,
        from: "document",
    })
}

/// The most frequent currency of [`EVIDENCE`] in `texts` (ties: the first one named).
fn document_evidence(texts: &[&str]) -> Option<&'static str> {
    // (code, count, first position)
    let mut seen: Vec<(&'static str, usize, usize)> = Vec::new();
    let mut offset = 0;
    for t in texts {
        if t.contains(['币', '元', '$', 'm', 'r']) {
            for &(word, code) in EVIDENCE {
                for (at, _) in t.match_indices(word) {
                    // 新台币 also contains 台币: count the longer word only
                    if word == "台币" && t[..at].ends_with('新') {
                        continue;
                    }
                    match seen.iter_mut().find(|s| s.0 == code) {
                        Some(s) => s.1 += 1,
                        None => seen.push((code, 1, offset + at)),
                    }
                }
            }
        }
        offset += t.len();
    }
    seen.iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|s| s.0)
}

/// True when a QUANTITY's prepared text names no currency of its own: its CNY came from a bare
/// 元, 圆 or 块钱 (not from 人民币, rmb, cny, ¥).
pub(crate) fn is_bare_yuan(span: &str) -> bool {
    span.contains(['元', '圆', '块'])
        && !["人民币", "rmb", "cny", "¥", "￥"]
            .iter()
            .any(|w| span.contains(w))
}

/// The unit with its CNY replaced by `code` (`CNY` → `TWD`, `CNY/yr` → `TWD/yr`), if it is one.
pub(crate) fn recode(unit: &str, code: &str) -> Option<String> {
    let rest = unit.strip_prefix("CNY")?;
    (rest.is_empty() || rest.starts_with('/')).then(|| format!("{code}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_region_wins_then_the_variant_then_the_document() {
        let hk = ["港元汇率稳定,新台币走弱,港币需求大"];
        let d = decide(Some(Region::Macau), Variant::Hk2s, &hk);
        assert_eq!(
            d,
            Some(Decision {
                code: "MOP",
                from: "region"
            })
        );
        let d = decide(None, Variant::Tw2s, &hk);
        assert_eq!(
            d,
            Some(Decision {
                code: "TWD",
                from: "variant"
            })
        );
        let d = decide(None, Variant::T2s, &hk);
        assert_eq!(
            d,
            Some(Decision {
                code: "HKD",
                from: "document"
            })
        );
        assert_eq!(decide(None, Variant::T2s, &["投资8亿元"]), None);
    }

    #[test]
    fn a_tie_goes_to_the_currency_named_first_and_xin_taibi_counts_once() {
        assert_eq!(
            document_evidence(&["新台币5亿元", "人民币3亿元"]),
            Some("TWD")
        );
        assert_eq!(
            document_evidence(&["人民币3亿元", "新台币5亿元"]),
            Some("CNY")
        );
        assert_eq!(
            document_evidence(&["新台币", "新台币", "港元"]),
            Some("TWD")
        );
    }

    #[test]
    fn bare_yuan_and_recoding() {
        assert!(is_bare_yuan("460亿元") && is_bare_yuan("3块钱"));
        assert!(!is_bare_yuan("人民币8亿元") && !is_bare_yuan("20.9万亿元人民币"));
        assert_eq!(recode("CNY/yr", "TWD").as_deref(), Some("TWD/yr"));
        assert_eq!(recode("CNYX", "TWD"), None);
        assert_eq!(recode("USD", "TWD"), None);
    }
}
