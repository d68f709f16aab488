//! The process runner of the CLI tests: spawn the built `zhtag`, feed its stdin from a thread
//! (so a large input cannot deadlock against a full stdout pipe), collect what it printed.
#![allow(dead_code)] // each test binary uses its own part

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_zhtag");

/// Spawns `zhtag ARGS` with piped stdin, stdout and stderr; a thread writes `stdin` (ignoring a
/// pipe the process closed early). Join the handle after waiting for the child.
pub fn spawn(args: &[&str], stdin: Vec<u8>) -> (Child, JoinHandle<()>) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn zhtag");
    let mut input = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    (child, writer)
}

/// Runs `zhtag ARGS` with `stdin` to the end: (stdout, stderr, exit code).
pub fn run(args: &[&str], stdin: &[u8]) -> (Vec<u8>, String, i32) {
    let (child, writer) = spawn(args, stdin.to_vec());
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("stdin writer");
    (
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().expect("exit code"),
    )
}
