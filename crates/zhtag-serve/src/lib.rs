//! `zhtag serve`: an HTTP tagging API and a search page over a zhtag index.
//!
//! * `POST /tag` — a JSON object `{"id"?, "text"}` gives one record, a JSONL body (content type
//!   `application/x-ndjson` or `application/jsonl`) one record per line: the same JSON as
//!   `zhtag tag`.
//! * `GET /search?q=&org=&policy=&loc=&min_amount=&max_amount=&currency=&limit=&offset=` — hits,
//!   snippets with highlight byte ranges, the snippet's entities and facet counts, as
//!   `zhtag search --json`.
//! * `GET /health` — `{"status": "ok", "documents": N}`.
//! * `GET /` — the search page (one HTML file with plain JavaScript, embedded in the binary).
//!
//! Limits: a request body cap (413 with a JSON error), a per-request timeout (503), at most
//! [`Config::max_concurrent`] tagging or search jobs at once, run on tokio's blocking pool; the
//! index is opened read-only and reopened when `zhtag index` commits to it. No part of a request
//! is ever used as a path. Every error is `{"error": "..."}` with a fitting status.
//!
//! ```no_run
//! # fn main() -> Result<(), zhtag_serve::ServeError> {
//! let config = zhtag_serve::Config::new("news-index");
//! zhtag_serve::run(config)?; // serves on 127.0.0.1:8080 until Ctrl-C
//! # Ok(()) }
//! ```

mod api;
mod index_access;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use zhtag::Tagger;

pub use index_access::{build_index, SearchRequest};

/// Why the server could not start, or an error inside a request (rendered as JSON).
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The tagger or the index could not be opened, or a search failed.
    #[error(transparent)]
    Zhtag(#[from] zhtag::Error),
    /// The address could not be bound, or the runtime could not start.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A bug (a panic in the tagger, a failed serialization).
    #[error("internal error: {0}")]
    Internal(String),
}

/// How to run the server.
///
/// ```
/// let c = zhtag_serve::Config::new("idx").max_body_bytes(1 << 20);
/// assert_eq!(c.addr.to_string(), "127.0.0.1:8080");
/// ```
#[derive(Clone)]
pub struct Config {
    /// The index directory (made by `zhtag index`).
    pub index: PathBuf,
    /// Address to listen on (default `127.0.0.1:8080`: this machine only).
    pub addr: SocketAddr,
    /// Largest request body accepted, in bytes (default 4 MiB).
    pub max_body_bytes: usize,
    /// Longest time a request may take, body reading included (default 30 s).
    pub timeout: Duration,
    /// Tagging or search jobs running at once (default: the number of cores); more wait.
    pub max_concurrent: usize,
    /// The tagger (default [`Tagger::new`]); use the options the index was built with.
    pub tagger: Option<Arc<Tagger>>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("index", &self.index)
            .field("addr", &self.addr)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("timeout", &self.timeout)
            .field("max_concurrent", &self.max_concurrent)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// The defaults, serving the index in `index`.
    pub fn new(index: impl Into<PathBuf>) -> Self {
        Self {
            index: index.into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_body_bytes: 4 << 20,
            timeout: Duration::from_secs(30),
            max_concurrent: std::thread::available_parallelism().map_or(2, |n| n.get()),
            tagger: None,
        }
    }
    /// Sets the address.
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }
    /// Sets the body cap.
    pub fn max_body_bytes(mut self, n: usize) -> Self {
        self.max_body_bytes = n;
        self
    }
    /// Sets the per-request timeout.
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }
    /// Sets the number of concurrent jobs (at least 1).
    pub fn max_concurrent(mut self, n: usize) -> Self {
        self.max_concurrent = n.max(1);
        self
    }
    /// Uses this tagger.
    pub fn tagger(mut self, t: Arc<Tagger>) -> Self {
        self.tagger = Some(t);
        self
    }
}

/// Serves on an already bound listener until `shutdown` completes.
///
/// ```no_run
/// # async fn f() -> Result<(), zhtag_serve::ServeError> {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e|
///     zhtag_serve::ServeError::Io { context: "bind".into(), source: e })?;
/// zhtag_serve::serve(zhtag_serve::Config::new("idx"), listener, std::future::pending()).await
/// # }
/// ```
pub async fn serve(
    config: Config,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let app = api::router(&config)?;
    serve_app(listener, app, shutdown).await
}

/// The one place the three ways to serve share: an io error with what was being done.
fn io_err(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> ServeError {
    let context = context.into();
    move |source| ServeError::Io { context, source }
}

/// A multi-threaded tokio runtime.
fn runtime() -> Result<tokio::runtime::Runtime, ServeError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(io_err("cannot start the runtime"))
}

/// Binds `addr`; returns the listener and the address it got (port 0: a free one).
async fn bind(addr: SocketAddr) -> Result<(tokio::net::TcpListener, SocketAddr), ServeError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(io_err(format!("cannot listen on {addr}")))?;
    let local = listener.local_addr().map_err(io_err("local address"))?;
    Ok((listener, local))
}

/// Serves `app` on `listener` until `shutdown` completes.
async fn serve_app(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(io_err("serving"))
}

/// Opens the index, binds [`Config::addr`] and serves until Ctrl-C (blocking; starts its own
/// tokio runtime). Prints the address it listens on to stderr.
pub fn run(config: Config) -> Result<(), ServeError> {
    runtime()?.block_on(async move {
        let (listener, addr) = bind(config.addr).await?;
        let app = api::router(&config)?;
        eprintln!(
            "zhtag serve: {} on http://{addr}/ (Ctrl-C stops)",
            config.index.display()
        );
        serve_app(listener, app, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
    })
}

/// A server running on its own threads (for tests, benchmarks and embedding); stops when
/// dropped.
///
/// ```no_run
/// # fn main() -> Result<(), zhtag_serve::ServeError> {
/// let config = zhtag_serve::Config::new("idx").addr(([127, 0, 0, 1], 0).into());
/// let server = zhtag_serve::Background::start(config)?;
/// println!("http://{}/", server.addr());
/// # Ok(()) }
/// ```
pub struct Background {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<(), ServeError>>>,
}

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Background")
            .field("addr", &self.addr)
            .finish()
    }
}

impl Background {
    /// Opens the index, binds the address (port 0: a free one) and serves on a new thread.
    pub fn start(config: Config) -> Result<Self, ServeError> {
        let rt = runtime()?;
        let app = api::router(&config)?;
        let (listener, addr) = rt.block_on(bind(config.addr))?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            rt.block_on(serve_app(listener, app, async {
                let _ = rx.await;
            }))
        });
        Ok(Self {
            addr,
            stop: Some(tx),
            thread: Some(thread),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
