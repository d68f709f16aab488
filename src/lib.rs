//! # zhtag
//!
//! Finds organizations, quantities and policy terms (and places) in Traditional-Chinese news,
//! with exact offsets into the original text and a normalized form for each entity.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! 1. [`normalize`] — fold full-width forms and Latin case (char for char);
//! 2. [`convert`] — Traditional → Simplified (OpenCC dictionaries), with an offset map back;
//! 3. [`segment`] — jieba segmentation, with every dictionary word added;
//! 4. [`recognize`] — dictionary matches, ORG and POLICY rules, the [`quantity`] grammar;
//! 5. [`document`] — names decided once in a section found at their other occurrences;
//! 6. [`resolve`] — one non-overlapping list, longest named unit first.
//!
//! ```
//! let tagger = zhtag::Tagger::new();
//! for e in tagger.tag("瓦軸集團擬斥資8億元新建軸承工廠") {
//!     println!("{} {} {}..{}", e.label, e.text, e.start, e.end);
//! }
//! ```

pub mod batch;
pub mod charset;
pub mod convert;
pub mod dictionary;
pub mod document;
pub mod entity;
pub mod error;
pub mod eval;
pub mod model;
pub mod normalize;
pub mod quantity;
pub mod recognize;
pub mod resolve;
pub mod segment;
pub mod tagger;
pub mod vocab;

pub use convert::Variant;
pub use entity::{Entity, Label, Normalized, Source};
pub use error::Error;
pub use tagger::{TagOptions, Tagger, TaggerBuilder};

/// The README's Rust examples, compiled and run as doctests (so the README cannot rot).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
