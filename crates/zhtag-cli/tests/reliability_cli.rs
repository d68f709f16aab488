//! Issue 14 as a hostile user would try it, run as a process: broken pipes, bad gold, absurd
//! `--threads`, and `--output` through a symlink or into a FIFO.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

mod common;
use common::BIN;

/// Runs `zhtag ARGS`, reads one line of its stdout, closes the pipe; returns (stderr, exit code).
fn read_one_line_and_close(args: &[&str], stdin: Vec<u8>) -> (String, i32) {
    let (mut child, writer) = common::spawn(args, stdin);
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("first line");
    assert!(!line.is_empty(), "zhtag printed nothing");
    drop(out);
    let output = child.wait_with_output().expect("wait");
    writer.join().expect("stdin writer");
    (
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().expect("exit code"),
    )
}

#[test]
fn tag_exits_quietly_when_the_reader_closes_the_pipe() {
    let mut input = Vec::new();
    for i in 0..200_000 {
        writeln!(input, "{{\"id\":{i},\"text\":\"台積電宣布投資\"}}").unwrap();
    }
    let (stderr, code) = read_one_line_and_close(&["tag", "--jsonl", "--quiet", "-"], input);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn quantity_exits_quietly_when_the_reader_closes_the_pipe() {
    let input = "三百萬元\n".repeat(400_000).into_bytes();
    let (stderr, code) = read_one_line_and_close(&["quantity"], input);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

fn eval_gold(gold: &str) -> (String, i32) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gold.jsonl");
    std::fs::write(&path, gold).unwrap();
    let out = Command::new(BIN)
        .arg("eval")
        .arg(&path)
        .output()
        .expect("run eval");
    (
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().expect("exit code"),
    )
}

#[test]
fn eval_rejects_a_gold_span_with_start_after_end_naming_file_and_line() {
    let gold = "{\"id\":1,\"text\":\"台積電\",\"entities\":[]}\n\
                {\"id\":2,\"text\":\"台積電宣布\",\"entities\":[{\"start\":3,\"end\":1,\"label\":\"ORG\"}]}\n";
    let (stderr, code) = eval_gold(gold);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("gold.jsonl:2:"), "{stderr}");
    assert!(stderr.contains("3..1"), "{stderr}");
}

#[test]
fn eval_rejects_a_gold_span_past_the_end_of_the_text() {
    let gold =
        "{\"id\":1,\"text\":\"台積電\",\"entities\":[{\"start\":0,\"end\":9,\"label\":\"ORG\"}]}\n";
    let (stderr, code) = eval_gold(gold);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("gold.jsonl:1:"), "{stderr}");
    assert!(stderr.contains("0..9"), "{stderr}");
}

#[test]
fn threads_far_beyond_the_cores_are_refused_with_a_clear_message() {
    let out = Command::new(BIN)
        .args(["tag", "--threads", "5000", "--quiet", "-"])
        .stdin(Stdio::null())
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--threads 5000"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[cfg(unix)]
#[test]
fn output_through_a_symlink_replaces_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    std::fs::write(&input, "台積電").unwrap();
    let target = dir.path().join("target.jsonl");
    std::fs::write(&target, "old\n").unwrap();
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink("target.jsonl", &link).unwrap();
    let out = Command::new(BIN)
        .args(["tag", "--quiet", "--output"])
        .arg(&link)
        .arg(&input)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("台積電"), "{written}");
}

#[cfg(unix)]
#[test]
fn output_into_a_fifo_streams_to_its_reader() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    std::fs::write(&input, "台積電").unwrap();
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = Command::new(BIN)
        .args(["tag", "--quiet", "--output"])
        .arg(&fifo)
        .arg(&input)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let got = reader.join().unwrap();
    assert!(got.contains("台積電"), "{got}");
    assert!(!std::fs::metadata(&fifo).unwrap().is_file());
}

#[test]
fn big_integer_and_float_ids_are_echoed_exactly_as_given() {
    let (stdout, _, _) = common::run(
        &["tag", "--jsonl", "--quiet", "-"],
        b"{\"id\":123456789012345678901234567890,\"text\":\"a\"}\n{\"id\":0.1000000000000000055511151231257827,\"text\":\"a\"}\n",
    );
    let out = String::from_utf8(stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("{\"id\":123456789012345678901234567890,"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("{\"id\":0.1000000000000000055511151231257827,"),
        "{out}"
    );
}

/// The `.NAME.*.zhtag-partial` files in `dir`.
#[cfg(unix)]
fn partial_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".zhtag-partial"))
        .collect()
}

/// Starts `zhtag tag --output dir/out.jsonl` on a big input and waits until its partial file
/// exists and has output in it.
#[cfg(unix)]
#[allow(clippy::zombie_processes)] // the caller signals and waits for the returned child
fn start_long_output_run(dir: &std::path::Path) -> std::process::Child {
    let input = dir.join("big.jsonl");
    if !input.exists() {
        let mut data = Vec::new();
        for i in 0..400_000 {
            writeln!(
                data,
                "{{\"id\":{i},\"text\":\"台積電宣布在高雄投資三百億元擴廠\"}}"
            )
            .unwrap();
        }
        std::fs::write(&input, data).unwrap();
    }
    let mut child = Command::new(BIN)
        .args(["tag", "--jsonl", "--quiet", "--threads", "1", "--output"])
        .arg(dir.join("out.jsonl"))
        .arg(&input)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let t0 = std::time::Instant::now();
    loop {
        let started = partial_files(dir)
            .iter()
            .any(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 0));
        if started {
            return child;
        }
        if t0.elapsed().as_secs() > 60 {
            let _ = child.kill();
            let _ = child.wait();
            panic!("no partial output appeared");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[cfg(unix)]
fn send(child: &std::process::Child, signal: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(ok.success());
}

#[cfg(unix)]
#[test]
fn an_interrupted_output_removes_its_partial_file_and_exits_128_plus_the_signal() {
    let dir = tempfile::tempdir().unwrap();
    for (signal, code) in [("TERM", 143), ("INT", 130), ("HUP", 129)] {
        let child = start_long_output_run(dir.path());
        send(&child, signal);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code), "SIG{signal}: {out:?}");
        assert_eq!(
            partial_files(dir.path()),
            Vec::<std::path::PathBuf>::new(),
            "SIG{signal}"
        );
        assert!(!dir.path().join("out.jsonl").exists());
    }
}

#[cfg(unix)]
#[test]
fn the_partial_file_of_a_killed_run_is_swept_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = start_long_output_run(dir.path());
    send(&child, "KILL");
    child.wait().unwrap();
    let left = partial_files(dir.path());
    assert_eq!(left.len(), 1, "SIGKILL leaves the partial file");
    // a partial file of another target is not ours to remove
    let other = dir.path().join(".other.jsonl.1.Ab12Cd.zhtag-partial");
    std::fs::write(&other, "x").unwrap();
    let small = dir.path().join("small.txt");
    std::fs::write(&small, "台積電").unwrap();
    let out = Command::new(BIN)
        .args(["tag", "--quiet", "--output"])
        .arg(dir.path().join("out.jsonl"))
        .arg(&small)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains(&left[0].display().to_string()), "{stderr}");
    assert_eq!(partial_files(dir.path()), vec![other]);
}
