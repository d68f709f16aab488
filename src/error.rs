//! Errors of the library: each says what went wrong and where.

use std::path::PathBuf;

/// Everything that can go wrong when building a [`crate::Tagger`] or reading input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A dictionary file is malformed; `line` is 1-based.
    #[error("{file}:{line}: {message}")]
    Dictionary {
        /// The file (or the name of an embedded dictionary).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
    /// A gold file for `eval` holds a malformed record or an impossible span; `line` is 1-based.
    #[error("{file}:{line}: {message}")]
    Gold {
        /// The gold file.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the record.
        message: String,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// An option or configuration value is invalid.
    #[error("{0}")]
    Config(String),
    /// The search index could not be created, opened, written or read.
    #[error("search index: {0}")]
    Index(String),
    /// The search index in `dir` is damaged: its files are not what tantivy wrote (a checksum
    /// mismatch, or reading them failed). Rebuild it with `zhtag index`.
    #[error("search index {} is corrupted: {message}", dir.display())]
    CorruptIndex {
        /// The index directory (or a description of where the index lives).
        dir: PathBuf,
        /// What failed, and the damaged files when their checksums tell.
        message: String,
    },
    /// A search query could not be parsed.
    #[error("query {query:?}: {message}")]
    Query {
        /// The query as given.
        query: String,
        /// What is wrong with it.
        message: String,
    },
}

impl Error {
    /// An [`Error::Io`] for `path`.
    ///
    /// ```
    /// let e = zhtag::Error::io("news.txt", std::io::Error::other("gone"));
    /// assert_eq!(e.to_string(), "news.txt: gone");
    /// ```
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
