//! Dictionaries: organizations and policy terms as TSV data, validated on load.
//!
//! # Format
//! UTF-8, tab-separated, a header row, one entry a line; blank lines and lines starting with `#`
//! are skipped.
//!
//! ```text
//! name⇥type⇥aliases
//! 大連船舶重工集團⇥company⇥大船集團|大連船舶重工集團有限公司
//! ```
//! (⇥ is a tab.)
//!
//! The header names the kind of dictionary: `name⇥type⇥aliases` holds organizations (label ORG,
//! `type` one of [`ORG_TYPES`]); `name⇥category⇥aliases` holds policy terms (label POLICY,
//! `category` one of [`POLICY_CATEGORIES`]); `name⇥level⇥aliases` holds places (label LOC, `level`
//! one of [`PLACE_LEVELS`]). Policy terms of category `zone` (北部都會區, 自由貿易試驗區 …) are
//! tagged LOC: the annotation rules count a zone as a place. `aliases` are separated by `|` and may be empty.
//! Entries may be written in either script: matching converts both sides to Simplified.
//!
//! Validation rejects, with file and line: a wrong header, a wrong number of fields, an empty
//! name or type, an unknown type, an empty alias (`a||b`), a one-character name or alias, and a
//! name that appears twice in the file.

use std::path::Path;

use rustc_hash::FxHashMap;

use crate::entity::Label;
use crate::error::Error;

/// Types of organizations.
pub const ORG_TYPES: [&str; 7] = [
    "company",
    "government",
    "party",
    "institution",
    "association",
    "media",
    "international",
];

/// Levels of places.
pub const PLACE_LEVELS: [&str; 6] = [
    "country", "province", "city", "county", "district", "region",
];

/// Categories of policy terms.
pub const POLICY_CATEGORIES: [&str; 8] = [
    "designation",
    "program",
    "strategy",
    "plan_period",
    "indicator",
    "fund",
    "zone",
    "document",
];

/// One dictionary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// ORG, POLICY or LOC, from the file's header.
    pub label: Label,
    /// Canonical name.
    pub name: String,
    /// Type (ORG), category (POLICY) or level (LOC): one of [`ORG_TYPES`], [`POLICY_CATEGORIES`]
    /// or [`PLACE_LEVELS`].
    pub kind: &'static str,
    /// Other surface forms.
    pub aliases: Vec<String>,
}

impl Entry {
    /// The name followed by the aliases.
    pub fn surface_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A parsed dictionary file.
///
/// ```
/// let tsv = "name\ttype\taliases\n瓦房店軸承集團\tcompany\t瓦軸集團\n";
/// let d = zhtag::dictionary::Dictionary::parse("mine.tsv", tsv).unwrap();
/// assert_eq!(d.label, zhtag::Label::Org);
/// assert_eq!(d.entries[0].aliases, ["瓦軸集團"]);
/// ```
#[derive(Debug, Clone)]
pub struct Dictionary {
    /// Where it came from (a path, or the name of an embedded file).
    pub origin: String,
    /// ORG or POLICY.
    pub label: Label,
    /// The entries in file order.
    pub entries: Vec<Entry>,
}

/// The organizations dictionary shipped with zhtag.
pub const EMBEDDED_ORGANIZATIONS: &str = include_str!("../dictionaries/organizations.tsv");
/// The places dictionary shipped with zhtag (LOC, and place prefixes for the ORG rules).
pub const EMBEDDED_PLACES: &str = include_str!("../dictionaries/places.tsv");
/// The policy-terms dictionary shipped with zhtag.
pub const EMBEDDED_POLICY_TERMS: &str = include_str!("../dictionaries/policy_terms.tsv");

impl Dictionary {
    /// Reads and validates a dictionary file.
    ///
    /// Text that is not UTF-8 is an [`Error::Dictionary`] naming the file and the line.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let origin = path.display().to_string();
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            let before = &bytes[..e.valid_up_to()];
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            Error::Dictionary {
                file: origin.clone(),
                line: before.iter().filter(|&&b| b == b'\n').count() + 1,
                message: format!(
                    "not UTF-8 (an invalid byte sequence at byte {} of the line)",
                    e.valid_up_to() - line_start + 1
                ),
            }
        })?;
        Self::parse(&origin, text)
    }

    /// The two embedded dictionaries.
    pub fn embedded() -> Result<Vec<Self>, Error> {
        Ok(vec![
            Self::parse("dictionaries/organizations.tsv", EMBEDDED_ORGANIZATIONS)?,
            Self::parse("dictionaries/policy_terms.tsv", EMBEDDED_POLICY_TERMS)?,
            Self::parse("dictionaries/places.tsv", EMBEDDED_PLACES)?,
        ])
    }

    /// Parses and validates dictionary text; `origin` names it in errors.
    pub fn parse(origin: &str, text: &str) -> Result<Self, Error> {
        let err = |line: usize, message: String| Error::Dictionary {
            file: origin.to_string(),
            line,
            message,
        };
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        // (a text ending in a newline gives a last, empty line: skipped as blank)
        let mut lines = split_byte(text, b'\n')
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim_end_matches('\r')));
        let (label, kinds): (Label, &[&'static str]) = loop {
            match lines.next() {
                None => return Err(err(1, "empty dictionary: expected a header row".into())),
                Some((_, l)) if l.trim().is_empty() || l.starts_with('#') => continue,
                Some((_, "name\ttype\taliases")) => break (Label::Org, &ORG_TYPES),
                Some((_, "name\tcategory\taliases")) => break (Label::Policy, &POLICY_CATEGORIES),
                Some((_, "name\tlevel\taliases")) => break (Label::Loc, &PLACE_LEVELS),
                Some((n, l)) => {
                    return Err(err(
                        n,
                        format!(
                            "bad header {l:?}: expected \"name<TAB>type<TAB>aliases\" (organizations) \
                             or \"name<TAB>category<TAB>aliases\" (policy terms) or \"name<TAB>level<TAB>aliases\" (places)"
                        ),
                    ))
                }
            }
        };
        // a row is ~30 bytes: reserving for that avoids regrowing the entries and the name map
        let rows = text.len() / 32 + 1;
        let mut entries = Vec::with_capacity(rows);
        let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
        seen.reserve(rows);
        for (n, line) in lines {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let entry = parse_row(line, label, kinds).map_err(|m| err(n, m))?;
            if let Some(first) = seen.insert(line_name(line), n) {
                return Err(err(
                    n,
                    format!("duplicate name {:?} (first on line {first})", entry.name),
                ));
            }
            entries.push(entry);
        }
        Ok(Dictionary {
            origin: origin.to_string(),
            label,
            entries,
        })
    }
}

/// The pieces of `s` between the bytes `sep` (an ASCII char, so every piece is a `str`):
/// `str::split` with a char compares each match through `memcmp`, a tenth of the load of a
/// large dictionary.
fn split_byte(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == sep) {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// The trimmed name field of a row [`parse_row`] accepted.
fn line_name(line: &str) -> &str {
    split_byte(line, b'\t').next().unwrap_or("").trim()
}

/// The first control character of `s` other than a tab, if any. Control characters are C0, DEL and
/// C1 (U+0080–U+009F, whose UTF-8 starts with 0xC2): bytes rule out nearly every row at once.
fn has_control(s: &str) -> Option<char> {
    let suspect = s
        .bytes()
        .any(|b| (b < 0x20 && b != b'\t') || b == 0x7F || b == 0xC2);
    if !suspect {
        return None;
    }
    s.chars().find(|&c| c.is_control() && c != '\t')
}

/// True when `s` has fewer than two chars.
fn too_short(s: &str) -> bool {
    s.chars().nth(1).is_none()
}

/// One row of a dictionary of `label` whose kinds are `kinds`, or what is wrong with it.
fn parse_row(line: &str, label: Label, kinds: &[&'static str]) -> Result<Entry, String> {
    let mut fields = split_byte(line, b'\t');
    let (Some(name), Some(kind), Some(aliases), None) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        let found = split_byte(line, b'\t').count();
        return Err(format!("expected 3 tab-separated fields, found {found}"));
    };
    let (name, kind, aliases) = (name.trim(), kind.trim(), aliases.trim());
    if name.is_empty() {
        return Err("empty name".into());
    }
    if kind.is_empty() {
        return Err("empty type/category".into());
    }
    let Some(&kind) = kinds.iter().find(|&&k| k == kind) else {
        return Err(format!(
            "unknown type/category {kind:?}; expected one of {}",
            kinds.join(", ")
        ));
    };
    if too_short(name) {
        return Err(format!(
            "name {name:?} is a single character: too ambiguous to match"
        ));
    }
    if let Some(c) = has_control(line) {
        return Err(format!(
            "control character U+{:04X} in the line",
            u32::from(c)
        ));
    }
    let mut alias_list: Vec<String> = Vec::new();
    if !aliases.is_empty() {
        for a in aliases.split('|') {
            let a = a.trim();
            if a.is_empty() {
                return Err("empty alias (two `|` in a row, or one at an end)".into());
            }
            if too_short(a) {
                return Err(format!(
                    "alias {a:?} is a single character: too ambiguous to match"
                ));
            }
            if a != name && !alias_list.iter().any(|x| x == a) {
                alias_list.push(a.to_string());
            }
        }
    }
    // zones are places under the annotation rules, whatever policy created them
    let label = if label == Label::Policy && kind == "zone" {
        Label::Loc
    } else {
        label
    };
    Ok(Entry {
        label,
        name: name.to_string(),
        kind,
        aliases: alias_list,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(r: Result<Dictionary, Error>) -> String {
        r.err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn invalid_utf8_is_reported_with_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.tsv");
        let mut bytes =
            b"name\ttype\taliases\n\xe5\x8f\xb0\xe7\xa9\x8d\xe9\x9b\xbb\tcompany\t\n".to_vec();
        bytes.extend_from_slice(b"ab\xff\xfecd\tcompany\t\n");
        std::fs::write(&path, bytes).unwrap();
        let m = message(Dictionary::load(&path));
        assert!(
            m.starts_with(&format!("{}:3: not UTF-8", path.display())),
            "{m}"
        );
        assert!(m.contains("byte 3 of the line"), "{m}");
    }

    #[test]
    fn a_control_character_in_a_name_or_alias_is_rejected_with_the_line() {
        let m = message(Dictionary::parse(
            "u.tsv",
            "name\ttype\taliases\n北辰電機\tcompany\t\n北辰\0重工\tcompany\t\n",
        ));
        assert_eq!(m, "u.tsv:3: control character U+0000 in the line");
        let m = message(Dictionary::parse(
            "u.tsv",
            "name\ttype\taliases\n北辰電機\tcompany\t北辰\u{1b}電\n",
        ));
        assert_eq!(m, "u.tsv:2: control character U+001B in the line");
    }

    #[test]
    fn embedded_dictionaries_load() {
        let d = Dictionary::embedded().expect("embedded dictionaries are valid");
        assert_eq!(d[0].label, Label::Org);
        assert_eq!(d[1].label, Label::Policy);
    }

    #[test]
    fn duplicate_name_is_reported_with_file_and_line() {
        let m = message(Dictionary::parse(
            "x.tsv",
            "name\ttype\taliases\n工信部門\tgovernment\t\n工信部門\tgovernment\t\n",
        ));
        assert!(m.starts_with("x.tsv:3: duplicate name"), "{m}");
    }

    #[test]
    fn unknown_type_and_empty_field_are_rejected() {
        assert!(message(Dictionary::parse(
            "x.tsv",
            "name\ttype\taliases\n大船集團\tshipyard\t\n"
        ))
        .contains("x.tsv:2: unknown type"));
        assert!(message(Dictionary::parse(
            "x.tsv",
            "name\ttype\taliases\n\tcompany\t\n"
        ))
        .contains("x.tsv:2: empty name"));
        assert!(message(Dictionary::parse(
            "x.tsv",
            "name\ttype\taliases\n大船集團\tcompany\t大船||船舶集團\n"
        ))
        .contains("empty alias"));
        assert!(message(Dictionary::parse("x.tsv", "name\ttype\n")).contains("x.tsv:1: bad header"));
        assert!(message(Dictionary::parse(
            "x.tsv",
            "name\ttype\taliases\n大船集團\tcompany\n"
        ))
        .contains("x.tsv:2: expected 3"));
    }

    #[test]
    fn policy_header_gives_policy_label() {
        let d = Dictionary::parse(
            "p.tsv",
            "name\tcategory\taliases\n專精特新\tdesignation\t\n",
        )
        .expect("valid");
        assert_eq!(d.label, Label::Policy);
    }
}
