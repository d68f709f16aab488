//! Load test of `POST /tag`: N concurrent clients (default 16), each on its own keep-alive
//! connection, posting the gold news texts in turn for a bounded time (default 10 s); prints
//! requests/s and latency percentiles.
//!
//! `cargo run --release -p zhtag-serve --example load_tag -- [CLIENTS] [SECONDS]`

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn texts() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
    let mut out = Vec::new();
    for name in ["news-dev.gold.jsonl", "news-dev2.gold.jsonl"] {
        let body = std::fs::read_to_string(dir.join(name)).expect("gold file");
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
            out.push(v["text"].as_str().expect("text").to_string());
        }
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let clients: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(16);
    let secs: f64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10.0);
    let texts = texts();
    let dir = tempfile::tempdir().expect("tempdir");
    let tagger = Arc::new(zhtag::Tagger::new());
    let docs = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (i.to_string(), None, t.clone()));
    zhtag_serve::build_index(dir.path(), tagger.clone(), docs).expect("index");
    let config = zhtag_serve::Config::new(dir.path())
        .addr(([127, 0, 0, 1], 0).into())
        .tagger(tagger);
    let server = zhtag_serve::Background::start(config).expect("server");
    let addr = server.addr();
    let bodies: Arc<Vec<String>> = Arc::new(
        texts
            .iter()
            .map(|t| serde_json::json!({ "text": t }).to_string())
            .collect(),
    );
    let bytes: usize = bodies.iter().map(String::len).sum::<usize>() / bodies.len();
    let deadline = Instant::now() + Duration::from_secs_f64(secs);
    let start = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|c| {
            let bodies = bodies.clone();
            std::thread::spawn(move || {
                let stream = TcpStream::connect(addr).expect("connect");
                let mut w = stream.try_clone().expect("clone");
                let mut r = BufReader::new(stream);
                let mut lat = Vec::new();
                let mut i = c;
                while Instant::now() < deadline {
                    let body = &bodies[i % bodies.len()];
                    i += 1;
                    let t0 = Instant::now();
                    write!(
                        w,
                        "POST /tag HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    )
                    .expect("write");
                    let mut status = String::new();
                    r.read_line(&mut status).expect("status");
                    assert!(status.contains(" 200 "), "{status}");
                    let mut len = 0usize;
                    loop {
                        let mut h = String::new();
                        r.read_line(&mut h).expect("header");
                        if h == "\r\n" {
                            break;
                        }
                        if let Some((k, v)) = h.split_once(':')
                            && k.eq_ignore_ascii_case("content-length") {
                                len = v.trim().parse().expect("length");
                            }
                    }
                    let mut buf = vec![0; len];
                    r.read_exact(&mut buf).expect("body");
                    lat.push(t0.elapsed());
                }
                lat
            })
        })
        .collect();
    let mut lat: Vec<Duration> = handles
        .into_iter()
        .flat_map(|h| h.join().expect("client"))
        .collect();
    let elapsed = start.elapsed().as_secs_f64();
    lat.sort();
    let pct = |p: f64| lat[((lat.len() as f64 * p).ceil() as usize).clamp(1, lat.len()) - 1];
    println!(
        "{clients} clients, {elapsed:.1} s, {} requests of {bytes} bytes on average: {:.0} requests/s, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        lat.len(),
        lat.len() as f64 / elapsed,
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        pct(1.0).as_secs_f64() * 1e3,
    );
}
