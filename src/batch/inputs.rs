//! Finding inputs: files, directories and standard input.

use std::path::{Path, PathBuf};

use super::*;

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// The whole input is one document.
    Text,
    /// One JSON record `{"id": ..., "text": ...}` per line.
    Jsonl,
}

impl InputKind {
    /// The kind a file's extension implies: `.jsonl` is JSONL, anything else plain text.
    ///
    /// ```
    /// use zhtag::batch::InputKind;
    /// assert_eq!(InputKind::from_path("a/b.JSONL".as_ref()), InputKind::Jsonl);
    /// assert_eq!(InputKind::from_path("a/b.txt".as_ref()), InputKind::Text);
    /// ```
    pub fn from_path(path: &Path) -> InputKind {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("jsonl") => InputKind::Jsonl,
            _ => InputKind::Text,
        }
    }
}

/// One input: a file, or standard input (`path` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file; `None` for standard input.
    pub path: Option<PathBuf>,
    /// How to read it.
    pub kind: InputKind,
}

impl Input {
    /// A file input.
    pub fn file(path: impl Into<PathBuf>, kind: InputKind) -> Input {
        Input {
            path: Some(path.into()),
            kind,
        }
    }

    /// Standard input.
    pub fn stdin(kind: InputKind) -> Input {
        Input { path: None, kind }
    }

    /// The name used in ids and messages: the path as given, or `-` for standard input.
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "-".to_string(), |p| p.display().to_string())
    }

    pub(super) fn display_path(&self) -> PathBuf {
        self.path.clone().unwrap_or_else(|| PathBuf::from("-"))
    }
}

/// Turns command-line arguments into inputs.
///
/// No arguments (or `-`) is standard input. A directory stands for every `.txt` and `.jsonl` file
/// under it, recursively, sorted by path (symbolic links to directories are not followed), each
/// read by its extension. A file is JSONL if `jsonl` is set or its extension is `.jsonl`, else
/// plain text. Fails, naming the path, on a path that does not exist or a directory that cannot be
/// listed or holds no such file.
///
/// ```
/// use zhtag::batch::{expand_inputs, Input, InputKind};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// for name in ["b.txt", "a.jsonl", "notes.md"] {
///     std::fs::write(dir.path().join(name), "")?;
/// }
/// let inputs = expand_inputs(&[dir.path().to_path_buf()], false)?;
/// assert_eq!(inputs, [
///     Input::file(dir.path().join("a.jsonl"), InputKind::Jsonl),
///     Input::file(dir.path().join("b.txt"), InputKind::Text),
/// ]);
/// assert_eq!(expand_inputs(&[], true)?, [Input::stdin(InputKind::Jsonl)]);
/// # Ok(()) }
/// ```
pub fn expand_inputs(args: &[PathBuf], jsonl: bool) -> Result<Vec<Input>, BatchError> {
    let explicit_kind = |p: &Path| {
        if jsonl {
            InputKind::Jsonl
        } else {
            InputKind::from_path(p)
        }
    };
    if args.is_empty() {
        return Ok(vec![Input::stdin(explicit_kind(Path::new("-")))]);
    }
    let mut inputs = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Input::stdin(explicit_kind(arg)));
            continue;
        }
        let meta = std::fs::metadata(arg).map_err(|source| BatchError::Read {
            path: arg.clone(),
            source,
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(arg, &mut found)?;
            if found.is_empty() {
                return Err(BatchError::Input {
                    path: arg.clone(),
                    message: "directory holds no .txt or .jsonl file".into(),
                });
            }
            found.sort();
            inputs.extend(found.into_iter().map(|p| {
                let kind = InputKind::from_path(&p);
                Input::file(p, kind)
            }));
        } else {
            inputs.push(Input::file(arg.clone(), explicit_kind(arg)));
        }
    }
    Ok(inputs)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), BatchError> {
    let read_err = |source| BatchError::Read {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let path = entry.path();
        let ty = entry.file_type().map_err(read_err)?;
        if ty.is_dir() {
            walk(&path, found)?;
            continue;
        }
        // a symbolic link counts if it leads to a file (links to directories could loop)
        let is_file = ty.is_file() || (ty.is_symlink() && path.is_file());
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("jsonl"));
        if is_file && wanted {
            found.push(path);
        }
    }
    Ok(())
}

/// The total size in bytes of the inputs, if they are all files (for a progress bar's ETA).
pub fn total_size(inputs: &[Input]) -> Option<u64> {
    inputs.iter().try_fold(0u64, |sum, i| {
        let len = std::fs::metadata(i.path.as_ref()?).ok()?.len();
        Some(sum + len)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_inputs_are_sorted_recursive_and_filtered_by_extension() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        for f in ["z.txt", "sub/a.jsonl", "b.md", "a.TXT"] {
            std::fs::write(dir.path().join(f), "").expect("write");
        }
        let got = expand_inputs(&[dir.path().to_path_buf()], true).expect("expand");
        let names: Vec<String> = got
            .iter()
            .map(|i| {
                i.path
                    .as_ref()
                    .and_then(|p| p.strip_prefix(dir.path()).ok())
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(names, ["a.TXT", "sub/a.jsonl", "z.txt"]);
        // extension decides inside a directory, whatever --jsonl says
        assert_eq!(got[0].kind, InputKind::Text);
        let empty = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            expand_inputs(&[empty.path().to_path_buf()], false),
            Err(BatchError::Input { .. })
        ));
    }
}
