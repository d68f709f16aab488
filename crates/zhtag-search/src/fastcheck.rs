//! Checking the headers of a segment's fast-field file (`.fast`) before tantivy trusts them.
//!
//! tantivy-columnar sizes memory by counts it reads from the file: the facet collector
//! allocates one slot per term of the facet dictionary (`num_terms` in the sstable footer), and
//! a forged count made it request terabytes and abort, which no panic handler catches. The
//! checksum does not help when the damage comes with a matching checksum. So every count and
//! length the readers trust is checked here against what the bytes can hold, with the format
//! described beside each check. Everything here reads, and allocates at most the file's size.
//!
//! The layout of a `.fast` file (tantivy 0.27, footer of the tantivy file already removed):
//!
//! ```text
//! column data | column directory (sstable: name\0type -> byte range) | u64 directory len
//!             | u32 num_rows | u32 format version | 4 magic bytes
//! ```
//!
//! What is not checked, and why it is bounded anyway: the sstable *index* of a dictionary (its
//! block addresses) is opened by tantivy, which slices with bounds checks (a bad address
//! panics, and [`crate::guard::contained`] turns that into an error); the optional index's
//! block metadata is read by tantivy into at most `ceil(num_rows / 65536)` entries; the
//! delta-encoded keys of a block are decoded by tantivy's streamer within the block's bytes.

use tantivy::columnar::column_index::MultiValueIndex;
use tantivy::columnar::{Column, ColumnIndex, Dictionary};
use tantivy::columnar::{ColumnType, ColumnarReader, DynamicColumn, DynamicColumnHandle};
use tantivy::directory::FileSlice;

/// What is wrong with the bytes, for the error message.
pub(crate) type Problem = String;

/// Bytes of the columnar footer: directory length, row count, version, magic.
const COLUMNAR_FOOTER: usize = 8 + 4 + 4 + 4;
/// Bytes of an sstable footer: index offset (u64), number of terms (u64), version (u32).
const SSTABLE_FOOTER: usize = 8 + 8 + 4;
/// The most a compressed sstable block may declare it expands to. tantivy's writer closes a
/// block after about 4 KB of keys and values; 16 MiB leaves room for long keys and is still
/// a bounded allocation.
const MAX_BLOCK_EXPANSION: u64 = 16 << 20;

/// Checks the fast-field file `slice` (tantivy footer removed) of a segment of `max_doc`
/// documents: the footer, the column directory, and every column.
pub(crate) fn check_fast_file(slice: &FileSlice, max_doc: u32) -> Result<(), Problem> {
    let file = slice.read_bytes().map_err(|e| e.to_string())?;
    let n = file.len();
    if n < COLUMNAR_FOOTER {
        return Err(format!("{n} bytes cannot hold the columnar footer"));
    }
    let footer = &file[n - COLUMNAR_FOOTER..];
    let dir_len = u64::from_le_bytes(footer[0..8].try_into().expect("8 bytes"));
    let num_rows = u32::from_le_bytes(footer[8..12].try_into().expect("4 bytes"));
    if num_rows != max_doc {
        return Err(format!(
            "the columnar footer says {num_rows} rows, the segment has {max_doc} documents"
        ));
    }
    let data_end = n - COLUMNAR_FOOTER;
    if dir_len > data_end as u64 {
        return Err(format!(
            "the column directory claims {dir_len} bytes, {data_end} are there"
        ));
    }
    let dir_start = data_end - dir_len as usize;
    check_sstable(&file[dir_start..data_end], "the column directory")?;
    let reader = ColumnarReader::open(slice.clone()).map_err(|e| e.to_string())?;
    let columns = reader.list_columns().map_err(|e| e.to_string())?;
    let mut end_of_columns = 0;
    for (name, handle) in &columns {
        end_of_columns += handle.num_bytes().get_bytes();
        check_column(handle, num_rows).map_err(|p| format!("column `{name}`: {p}"))?;
    }
    if end_of_columns > dir_start as u64 {
        return Err(format!(
            "the columns claim {end_of_columns} bytes, the column data has {dir_start}"
        ));
    }
    Ok(())
}

/// Checks an sstable's footer and block chain (`[u32 len][u8 compressed][len - 1 bytes]`…,
/// ended by a length ≤ 1 or by the index): the index offset lies inside the bytes, the
/// version is 2 or 3, no block runs past the index, and a compressed block declares an
/// expanded size of at most [`MAX_BLOCK_EXPANSION`]. The number of terms is checked by
/// [`count_terms`] once tantivy has opened the dictionary.
fn check_sstable(bytes: &[u8], what: &str) -> Result<(), Problem> {
    let n = bytes.len();
    if n < SSTABLE_FOOTER {
        return Err(format!("{what}: {n} bytes cannot hold an sstable footer"));
    }
    let footer = &bytes[n - SSTABLE_FOOTER..];
    let index_offset = u64::from_le_bytes(footer[0..8].try_into().expect("8 bytes"));
    let version = u32::from_le_bytes(footer[16..20].try_into().expect("4 bytes"));
    if !(2..=3).contains(&version) {
        return Err(format!("{what}: unknown sstable version {version}"));
    }
    if index_offset > (n - SSTABLE_FOOTER) as u64 {
        return Err(format!(
            "{what}: index offset {index_offset} is past its {n} bytes"
        ));
    }
    check_blocks(&bytes[..index_offset as usize]).map_err(|p| format!("{what}: {p}"))
}

/// Walks the block chain of an sstable's data part (see [`check_sstable`]).
fn check_blocks(mut data: &[u8]) -> Result<(), Problem> {
    while !data.is_empty() {
        let Some(len) = data.get(..4) else {
            return Err("a block length is cut short".into());
        };
        let len = u32::from_le_bytes(len.try_into().expect("4 bytes")) as usize;
        data = &data[4..];
        if len <= 1 {
            return Ok(());
        }
        if len > data.len() {
            return Err(format!("a block of {len} bytes runs past the data"));
        }
        if data[0] == 1 {
            let expands = zstd_content_size(&data[1..len]).unwrap_or(0);
            if expands > MAX_BLOCK_EXPANSION {
                return Err(format!(
                    "a compressed block claims to expand to {expands} bytes"
                ));
            }
        }
        data = &data[len..];
    }
    Ok(())
}

/// The content size a zstd frame header declares (`None` when it declares none or the bytes
/// are no frame). Frame header: magic `28 B5 2F FD`, a descriptor byte (bits 7–6: size field
/// code, bit 5: single segment, bits 1–0: dictionary id code), a window byte unless single
/// segment, the dictionary id (0/1/2/4 bytes), then the content size (code 0: 1 byte if
/// single segment else none; 1: 2 bytes + 256; 2: 4 bytes; 3: 8 bytes; little endian).
fn zstd_content_size(frame: &[u8]) -> Option<u64> {
    if frame.get(..4)? != [0x28, 0xb5, 0x2f, 0xfd] {
        return None;
    }
    let descriptor = *frame.get(4)?;
    let single = descriptor & 0x20 != 0;
    let dict_len = [0, 1, 2, 4][usize::from(descriptor & 3)];
    let size_len = match descriptor >> 6 {
        0 if single => 1,
        0 => return None,
        1 => 2,
        2 => 4,
        _ => 8,
    };
    let at = 5 + usize::from(!single) + dict_len;
    let field = frame.get(at..at + size_len)?;
    let mut le = [0u8; 8];
    le[..size_len].copy_from_slice(field);
    let size = u64::from_le_bytes(le);
    Some(if size_len == 2 { size + 256 } else { size })
}

/// Counts the terms of an opened dictionary by streaming it (each term is read from the
/// bytes, so the count is bounded by them) and compares with the count its footer declares,
/// which is what the facet collector allocates by.
fn count_terms(dict: &Dictionary) -> Result<u64, Problem> {
    let mut stream = dict.stream().map_err(|e| e.to_string())?;
    let mut count = 0u64;
    while stream.advance() {
        count += 1;
    }
    if count != dict.num_terms() as u64 {
        return Err(format!(
            "the dictionary declares {} terms and holds {count}",
            dict.num_terms()
        ));
    }
    Ok(count)
}

/// Checks one column. Its bytes: `[column index][values][u32 index len]` for numbers,
/// `[dictionary sstable][term ordinal column as for numbers][u32 dictionary len]` for strings
/// and bytes. The raw lengths and the values' codec header are checked first; then tantivy
/// opens the column and the counts of its index and values are compared.
fn check_column(handle: &DynamicColumnHandle, num_rows: u32) -> Result<(), Problem> {
    let bytes = handle
        .file_slice()
        .read_bytes()
        .map_err(|e| e.to_string())?;
    let dictionary_encoded = matches!(handle.column_type(), ColumnType::Str | ColumnType::Bytes);
    let numbers = if dictionary_encoded {
        let (dict, rest) = split_by_trailing_len(&bytes, "dictionary")?;
        check_sstable(dict, "the dictionary")?;
        rest
    } else {
        &bytes[..]
    };
    if handle.column_type() != ColumnType::IpAddr {
        let (_, values) = split_by_trailing_len(numbers, "column index")?;
        check_values_header(values)?;
    }
    let column = handle.open().map_err(|e| e.to_string())?;
    match column {
        DynamicColumn::Str(c) => check_ordinals(c.dictionary(), c.ords(), num_rows),
        DynamicColumn::Bytes(c) => check_ordinals(c.dictionary(), c.ords(), num_rows),
        DynamicColumn::Bool(c) => check_counts(&c, num_rows),
        DynamicColumn::I64(c) => check_counts(&c, num_rows),
        DynamicColumn::U64(c) => check_counts(&c, num_rows),
        DynamicColumn::F64(c) => check_counts(&c, num_rows),
        DynamicColumn::DateTime(c) => check_counts(&c, num_rows),
        DynamicColumn::IpAddr(c) => check_counts(&c, num_rows),
    }
}

/// Splits `[head][tail][u32 head len]` into head and tail, checking the length fits.
fn split_by_trailing_len<'a>(bytes: &'a [u8], head: &str) -> Result<(&'a [u8], &'a [u8]), Problem> {
    let n = bytes.len();
    if n < 4 {
        return Err(format!("{n} bytes cannot hold the {head} length"));
    }
    let len = u32::from_le_bytes(bytes[n - 4..].try_into().expect("4 bytes")) as usize;
    if len > n - 4 {
        return Err(format!("the {head} claims {len} bytes of {}", n - 4));
    }
    Ok((&bytes[..len], &bytes[len..n - 4]))
}

/// A column's term ordinals must each name a term of its dictionary, whose term count is
/// checked by [`count_terms`].
fn check_ordinals(dict: &Dictionary, ords: &Column<u64>, num_rows: u32) -> Result<(), Problem> {
    let terms = count_terms(dict)?;
    check_counts(ords, num_rows)?;
    if ords.values.num_vals() > 0 && ords.values.max_value() >= terms {
        return Err(format!(
            "a term ordinal reaches {} in a dictionary of {terms} terms",
            ords.values.max_value()
        ));
    }
    Ok(())
}

/// The column index covers `num_rows` documents and the values are as many as it points to.
fn check_counts<T: PartialOrd + 'static>(column: &Column<T>, num_rows: u32) -> Result<(), Problem> {
    let num_vals = column.values.num_vals();
    let (docs, expected) = match &column.index {
        ColumnIndex::Empty { num_docs } => (*num_docs, 0),
        ColumnIndex::Full => (num_rows, num_rows),
        ColumnIndex::Optional(o) => (o.num_docs(), o.num_non_nulls()),
        ColumnIndex::Multivalued(m) => {
            let starts = m.get_start_index_column();
            // format 1 has a start per document; format 2 only per document with values (its
            // optional index says which), each list closed by one more start
            let lists = match m {
                MultiValueIndex::MultiValueIndexV1(_) => m.num_docs(),
                MultiValueIndex::MultiValueIndexV2(v2) => v2.optional_index.num_non_nulls(),
            };
            if starts.num_vals() != lists.saturating_add(1) {
                return Err(format!(
                    "{} value starts for {lists} lists of values",
                    starts.num_vals()
                ));
            }
            (m.num_docs(), starts.get_val(starts.num_vals() - 1))
        }
    };
    if docs != num_rows {
        return Err(format!("its index covers {docs} documents of {num_rows}"));
    }
    if num_vals != expected {
        return Err(format!(
            "{num_vals} values where its index points to {expected}"
        ));
    }
    Ok(())
}

/// Checks the header of u64-based column values against the bytes after it.
///
/// Format: `u8 codec`, then the statistics as VInts (`min`, `gcd` ≠ 0, `(max - min) / gcd`,
/// `num_rows`), then by codec:
/// * 0 bitpacked: `ceil(num_rows × bits / 8)` bytes, `bits` the width of `(max - min) / gcd`;
/// * 1 linear: VInt slope, VInt intercept, `u8 bit width`, then `ceil(num_rows × width / 8)`;
/// * 2 blockwise linear: the packed data, then one `(VInt slope, VInt intercept, u8 width)`
///   per block of 512 rows, then `u32` the length of those block headers; the data holds
///   `width × 512 / 8` bytes per block.
///
/// Bit widths must be at most 56 or exactly 64 (what tantivy's unpacker accepts).
fn check_values_header(bytes: &[u8]) -> Result<(), Problem> {
    let (&codec, mut rest) = bytes.split_first().ok_or("no values header")?;
    let _min = vint(&mut rest)?;
    if vint(&mut rest)? == 0 {
        return Err("a gcd of 0".into());
    }
    let amplitude = vint(&mut rest)?;
    let num_rows = vint(&mut rest)?;
    let need = |width: u64, rows: u64| (rows * width).div_ceil(8);
    match codec {
        0 => {
            let width = u64::from(bits_for(amplitude));
            fits(need(width, num_rows), rest.len())
        }
        1 => {
            vint(&mut rest)?;
            vint(&mut rest)?;
            let width = bit_width(&mut rest)?;
            fits(need(width, num_rows), rest.len())
        }
        2 => check_blockwise(rest, num_rows),
        other => Err(format!("unknown values codec {other}")),
    }
}

/// The block headers and data of blockwise-linear values (see [`check_values_header`]).
fn check_blockwise(rest: &[u8], num_rows: u64) -> Result<(), Problem> {
    let (data, mut footer) = {
        let n = rest.len();
        if n < 4 {
            return Err("no block footer length".into());
        }
        let len = u32::from_le_bytes(rest[n - 4..].try_into().expect("4 bytes")) as usize;
        if len > n - 4 {
            return Err(format!("a block footer of {len} bytes in {}", n - 4));
        }
        (&rest[..n - 4 - len], &rest[n - 4 - len..n - 4])
    };
    let mut need = 0u64;
    for _ in 0..num_rows.div_ceil(512) {
        vint(&mut footer)?;
        vint(&mut footer)?;
        need += bit_width(&mut footer)? * 512 / 8;
    }
    fits(need, data.len())
}

/// `need` bytes must be among the `have`.
fn fits(need: u64, have: usize) -> Result<(), Problem> {
    if need > have as u64 {
        return Err(format!("the values need {need} bytes, {have} are there"));
    }
    Ok(())
}

/// The bit width tantivy packs `(max - min) / gcd` in.
fn bits_for(amplitude: u64) -> u8 {
    let bits = (64 - amplitude.leading_zeros()) as u8;
    if bits <= 56 {
        bits
    } else {
        64
    }
}

/// Reads a bit width byte: at most 56, or 64.
fn bit_width(bytes: &mut &[u8]) -> Result<u64, Problem> {
    let (&w, rest) = bytes.split_first().ok_or("a bit width is cut short")?;
    *bytes = rest;
    if w > 56 && w != 64 {
        return Err(format!("a bit width of {w}"));
    }
    Ok(u64::from(w))
}

/// Reads a tantivy VInt: 7 bits per byte, least significant first, the last byte has its
/// high bit set; at most 10 bytes.
fn vint(bytes: &mut &[u8]) -> Result<u64, Problem> {
    let mut value = 0u64;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        value |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 != 0 {
            *bytes = &bytes[i + 1..];
            return Ok(value);
        }
    }
    Err("a number is cut short or too long".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vints_and_widths() {
        let mut b: &[u8] = &[0x05, 0x81, 0xff];
        assert_eq!(vint(&mut b).unwrap(), 5 | (1 << 7));
        assert_eq!(vint(&mut b).unwrap(), 0x7f);
        assert!(vint(&mut b).is_err());
        assert_eq!(bits_for(0), 0);
        assert_eq!(bits_for(255), 8);
        assert_eq!(bits_for(1 << 60), 64);
        assert!(bit_width(&mut &[57u8][..]).is_err());
    }

    #[test]
    fn zstd_sizes() {
        // single segment, 1-byte size
        assert_eq!(
            zstd_content_size(&[0x28, 0xb5, 0x2f, 0xfd, 0x20, 9]),
            Some(9)
        );
        // 8-byte size after a window byte
        let mut f = vec![0x28, 0xb5, 0x2f, 0xfd, 0xc0, 0];
        f.extend_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(zstd_content_size(&f), Some(u64::MAX));
        assert_eq!(zstd_content_size(b"not zstd"), None);
    }

    #[test]
    fn a_block_past_the_end_is_refused() {
        assert!(check_blocks(&[9, 0, 0, 0, 0, 1]).is_err());
        assert!(check_blocks(&[2, 0, 0, 0, 0, 7, 0, 0, 0, 0]).is_ok());
    }
}
