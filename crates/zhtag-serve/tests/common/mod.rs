//! A server over the gold documents on a free local port, and a minimal HTTP/1.1 client.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

/// The evaluation files beside the repository (`../shared/eval`).
pub fn eval_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval")
}

/// `(id, text)` of every gold document.
pub fn gold_docs() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in ["news-dev.gold.jsonl", "news-dev2.gold.jsonl"] {
        let path = eval_dir().join(name);
        let body =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line).expect("gold line is JSON");
            out.push((
                v["id"].as_str().expect("id").to_string(),
                v["text"].as_str().expect("text").to_string(),
            ));
        }
    }
    out
}

pub struct Fixture {
    pub server: zhtag_serve::Background,
    pub dir: tempfile::TempDir,
    pub tagger: Arc<zhtag::Tagger>,
}

impl Fixture {
    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }
}

/// Indexes the gold documents and starts a server on a free port.
pub fn start(configure: impl FnOnce(zhtag_serve::Config) -> zhtag_serve::Config) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let tagger = Arc::new(zhtag::Tagger::new());
    let docs = gold_docs().into_iter().map(|(id, text)| (id, None, text));
    zhtag_serve::build_index(dir.path(), tagger.clone(), docs).expect("index");
    let config = zhtag_serve::Config::new(dir.path())
        .addr(([127, 0, 0, 1], 0).into())
        .tagger(tagger.clone());
    let server = zhtag_serve::Background::start(configure(config)).expect("server starts");
    Fixture {
        server,
        dir,
        tagger,
    }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

/// Sends `head` (request line and headers, without the blank line) and `body`; reads the
/// response to the end (`Connection: close`).
pub fn raw_request(addr: SocketAddr, head: &str, body: &[u8]) -> Response {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).ok();
    let req = format!("{head}\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).expect("write head");
    // the server may answer (413) before reading all of it: a failed write is not the test's end
    let _ = s.write_all(body);
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    parse_response(&buf)
}

fn parse_response(buf: &[u8]) -> Response {
    let end = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head in {:?}", String::from_utf8_lossy(buf)));
    let head = std::str::from_utf8(&buf[..end]).expect("ASCII head");
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = buf[end + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        while let Some(nl) = rest.windows(2).position(|w| w == b"\r\n") {
            let size = usize::from_str_radix(std::str::from_utf8(&rest[..nl]).unwrap_or("0"), 16)
                .unwrap_or(0);
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[nl + 2..nl + 2 + size]);
            rest = &rest[nl + 2 + size + 2..];
        }
        body = out;
    }
    Response {
        status,
        headers,
        body,
    }
}

pub fn get(addr: SocketAddr, path_and_query: &str) -> Response {
    raw_request(addr, &format!("GET {path_and_query} HTTP/1.1"), b"")
}

pub fn post(addr: SocketAddr, path: &str, content_type: &str, body: &[u8]) -> Response {
    raw_request(
        addr,
        &format!(
            "POST {path} HTTP/1.1\r\nContent-Type: {content_type}\r\nContent-Length: {}",
            body.len()
        ),
        body,
    )
}

/// Percent-encodes a query parameter value.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `GET /search?...` with the pairs encoded; the parsed JSON.
pub fn search(addr: SocketAddr, pairs: &[(&str, &str)]) -> Value {
    let q: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", enc(v)))
        .collect();
    let r = get(addr, &format!("/search?{}", q.join("&")));
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}
