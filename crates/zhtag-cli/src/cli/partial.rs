//! `--output` through a temporary file: `.NAME.PID.XXXXXX.zhtag-partial` next to the target,
//! renamed over it at the end.
//!
//! * Interrupted by SIGINT, SIGTERM or SIGHUP, the process removes its partial file and exits
//!   with 128 + the signal number (130, 143, 129), as a shell reports a killed command.
//! * A SIGKILL leaves no chance to clean up, so each run first sweeps the partial files of the
//!   same target whose writer is gone: the PID in the name is not a running process (on Linux,
//!   no `/proc/PID`). Elsewhere, and for names without a PID, a partial file is swept once it
//!   has not been modified for [`STALE_AFTER`]. A partial file of a live writer is never touched,
//!   so two runs writing the same target do not delete each other's work.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// The suffix of every partial file.
const SUFFIX: &str = ".zhtag-partial";

/// Without a PID to check, a partial file unmodified this long is taken as abandoned.
pub const STALE_AFTER: Duration = Duration::from_secs(600);

/// The partial file being written, removed by the signal thread.
static PARTIAL: Mutex<Option<PathBuf>> = Mutex::new(None);

fn dir_and_name(path: &Path) -> Result<(PathBuf, OsString), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| format!("{}: --output needs a file name", path.display()))?;
    Ok((dir, name.to_os_string()))
}

/// Removes the partial file on SIGINT, SIGTERM and SIGHUP, then exits with 128 + the signal.
pub fn clean_up_on_signals() -> Result<(), String> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
        .map_err(|e| format!("cannot install signal handlers: {e}"))?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            // held until exit: the main thread cannot rename the file meanwhile
            let guard = PARTIAL.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(p) = guard.as_ref() {
                let _ = std::fs::remove_file(p);
            }
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

/// Creates the partial file for `path` (and remembers it for the signal thread).
pub fn create(path: &Path) -> Result<tempfile::NamedTempFile, String> {
    let (dir, name) = dir_and_name(path)?;
    let mut b = tempfile::Builder::new();
    b.suffix(SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // as for a file created the ordinary way (the umask applies), not tempfile's 0600
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut prefix = OsString::from(".");
    prefix.push(&name);
    prefix.push(format!(".{}.", std::process::id()));
    let tmp = b
        .prefix(&prefix)
        .tempfile_in(&dir)
        .map_err(|e| format!("{}: cannot create a temporary file: {e}", dir.display()))?;
    *PARTIAL.lock().unwrap_or_else(|p| p.into_inner()) = Some(tmp.path().to_path_buf());
    Ok(tmp)
}

/// Renames the partial file over `path`; no signal can remove it halfway.
pub fn commit(tmp: tempfile::NamedTempFile, path: &Path) -> Result<(), String> {
    let mut guard = PARTIAL.lock().unwrap_or_else(|p| p.into_inner());
    *guard = None;
    tmp.persist(path).map(drop).map_err(|e| {
        format!(
            "{}: cannot rename the temporary file: {}",
            path.display(),
            e.error
        )
    })
}

/// Whether the partial file `file_name` (of a target named `name`) was left by a writer that
/// is gone.
fn is_abandoned(file_name: &str, name: &str, path: &Path) -> bool {
    let Some(middle) = file_name
        .strip_prefix('.')
        .and_then(|s| s.strip_prefix(name))
        .and_then(|s| s.strip_prefix('.'))
        .and_then(|s| s.strip_suffix(SUFFIX))
    else {
        return false;
    };
    let pid = middle.split('.').next().and_then(|p| p.parse::<u32>().ok());
    let proc_fs = Path::new("/proc/self").exists();
    match pid {
        Some(pid) if proc_fs => {
            pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists()
        }
        _ => std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= STALE_AFTER),
    }
}

/// Removes the abandoned partial files of `path` (see the module docs); returns them.
pub fn sweep_stale(path: &Path) -> Vec<PathBuf> {
    let Ok((dir, name)) = dir_and_name(path) else {
        return Vec::new();
    };
    let (Some(name), Ok(entries)) = (name.to_str(), std::fs::read_dir(&dir)) else {
        return Vec::new();
    };
    let mut swept = Vec::new();
    for entry in entries.flatten() {
        let p = entry.path();
        let Some(file_name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        if is_abandoned(&file_name, name, &p) && std::fs::remove_file(&p).is_ok() {
            swept.push(p);
        }
    }
    swept.sort();
    swept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_partial_files_of_the_same_target_with_a_gone_writer_are_abandoned() {
        let p = Path::new("/nonexistent/x");
        // PID 0 is never a process directory; our own PID is alive
        assert!(is_abandoned(
            ".out.jsonl.4000000000.Ab12Cd.zhtag-partial",
            "out.jsonl",
            p
        ));
        let mine = format!(".out.jsonl.{}.Ab12Cd.zhtag-partial", std::process::id());
        assert!(!is_abandoned(&mine, "out.jsonl", p));
        assert!(!is_abandoned(
            ".other.jsonl.4000000000.Ab12Cd.zhtag-partial",
            "out.jsonl",
            p
        ));
        assert!(!is_abandoned(
            ".out.jsonl.4000000000.Ab12Cd",
            "out.jsonl",
            p
        ));
        // no PID and no file to date: kept
        assert!(!is_abandoned(
            ".out.jsonl.Ab12Cd.zhtag-partial",
            "out.jsonl",
            p
        ));
    }
}
