//! The routes, their limits and their JSON errors.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::sync::Semaphore;
use zhtag::batch::{decode, render, InputKind, OutputFormat, RawRecord};
use zhtag::Tagger;

use super::index_access::{IndexAccess, SearchQuery, SearchRequest};
use super::{Config, ServeError};

/// The search page, embedded at build time.
const PAGE: &str = include_str!("page.html");

/// Most hits one request may ask for, and the deepest page.
const MAX_LIMIT: usize = 100;
const MAX_OFFSET: usize = 1000;

struct AppState {
    tagger: Arc<Tagger>,
    index: IndexAccess,
    jobs: Arc<Semaphore>,
    max_body: usize,
    timeout: std::time::Duration,
}

/// An error answered as `{"error": message}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }
    fn bad(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({"error": self.message}))).into_response()
    }
}

impl From<ServeError> for ApiError {
    fn from(e: ServeError) -> Self {
        match e {
            // a query the parser refuses is the caller's to fix
            ServeError::Zhtag(zhtag::Error::Query { .. }) => ApiError::bad(e.to_string()),
            other => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        }
    }
}

pub(crate) fn router(config: &Config) -> Result<Router, ServeError> {
    let tagger = config
        .tagger
        .clone()
        .unwrap_or_else(|| Arc::new(Tagger::new()));
    let index = IndexAccess::open(&config.index, tagger.clone())?;
    let state = Arc::new(AppState {
        tagger,
        index,
        jobs: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
        max_body: config.max_body_bytes,
        timeout: config.timeout,
    });
    Ok(Router::new()
        .route("/", get(page))
        .route("/health", get(health))
        .route("/tag", post(tag))
        .route("/search", get(search))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), time_limit))
        .with_state(state))
}

async fn time_limit(State(s): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(s.timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the request took longer than {:.1} s and was abandoned",
                s.timeout.as_secs_f64()
            ),
        )
        .into_response(),
    }
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such endpoint (there are /, /tag, /search and /health)",
    )
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed (POST /tag; GET /, /search and /health)",
    )
}

async fn page() -> Response {
    let mut r = axum::response::Html(PAGE).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
             connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

async fn health(State(s): State<Arc<AppState>>) -> Result<Json<Value>, ApiError> {
    let docs = run_job(&s, |s| s.index.num_docs()).await??;
    Ok(Json(json!({"status": "ok", "documents": docs})))
}

/// Runs `f` on the blocking pool once one of the job slots is free; the slot is held until `f`
/// returns, even when the request has timed out meanwhile (so the bound really bounds).
async fn run_job<T: Send + 'static>(
    s: &Arc<AppState>,
    f: impl FnOnce(&AppState) -> T + Send + 'static,
) -> Result<T, ApiError> {
    let permit = s
        .jobs
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "shutting down"))?;
    let s = s.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        catch_unwind(AssertUnwindSafe(|| f(&s)))
    })
    .await
    .map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("job failed: {e}"),
        )
    })?
    .map_err(|_| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error: the tagger panicked on this request (a bug: please report the input)",
        )
    })
}

/// Reads the body, refusing more than `max` bytes with 413 (before reading, when the length is
/// declared).
async fn read_body(headers: &HeaderMap, body: Body, max: usize) -> Result<Bytes, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "request body larger than {max} bytes (split the records over several requests)"
            ),
        )
    };
    if let Some(len) = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        && len > max as u64
    {
        return Err(too_large());
    }
    axum::body::to_bytes(body, max).await.map_err(|e| {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        while let Some(err) = source {
            if err.is::<http_body_util::LengthLimitError>() {
                return too_large();
            }
            source = err.source();
        }
        ApiError::bad(format!("cannot read the request body: {e}"))
    })
}

fn is_jsonl(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            let mime = v
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            matches!(
                mime.as_str(),
                "application/x-ndjson"
                    | "application/ndjson"
                    | "application/jsonl"
                    | "application/x-jsonlines"
                    | "application/jsonlines"
            )
        })
        .unwrap_or(false)
}

fn raw(bytes: Vec<u8>, line: usize) -> RawRecord {
    RawRecord {
        source: "<request>".into(),
        kind: InputKind::Jsonl,
        line,
        offset: 0,
        consumed: bytes.len() as u64,
        bytes,
    }
}

async fn tag(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let bytes = read_body(&headers, body, s.max_body).await?;
    if is_jsonl(&headers) {
        let out = run_job(&s, move |s| tag_jsonl(&s.tagger, &bytes)).await?;
        return Ok((
            [(header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8")],
            out,
        )
            .into_response());
    }
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&bytes)
        .to_vec();
    let doc = decode(&raw(body, 1), false).map_err(|bad| {
        ApiError::bad(format!(
            "{} (send a JSON object {{\"text\": \"...\"}}, or JSONL with Content-Type: application/x-ndjson)",
            bad.error
        ))
    })?;
    let line = run_job(&s, move |s| {
        let entities = s.tagger.tag(&doc.text);
        render(&OutputFormat::Json, &doc, &entities)
    })
    .await?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        line.trim_end().to_string(),
    )
        .into_response())
}

/// One output line per non-blank input line, as `zhtag tag --jsonl` prints them.
fn tag_jsonl(tagger: &Tagger, body: &[u8]) -> String {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let mut out = String::new();
    for (i, line) in body.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match decode(&raw(line.to_vec(), i + 1), false) {
            Ok(doc) => match catch_unwind(AssertUnwindSafe(|| tagger.tag(&doc.text))) {
                Ok(entities) => out.push_str(&render(&OutputFormat::Json, &doc, &entities)),
                Err(_) => {
                    let bad = zhtag::batch::BadRecord {
                        id: doc.id.clone(),
                        line: i + 1,
                        source: "<request>".into(),
                        error: zhtag::batch::RecordError::Panic("see the server log".into()),
                    };
                    out.push_str(&bad.to_json());
                    out.push('\n');
                }
            },
            Err(bad) => {
                out.push_str(&bad.to_json());
                out.push('\n');
            }
        }
    }
    out
}

/// A number (`1e9`) or a Chinese money amount (`12億元`, `5億港元`) with its currency.
fn parse_amount(name: &str, s: &str) -> Result<(f64, Option<String>), ApiError> {
    let (v, unit) = if let Ok(v) = s.trim().replace('_', "").parse::<f64>() {
        (v, None)
    } else {
        match zhtag::quantity::parse_quantity(s) {
            Ok(q) if zhtag_search::is_currency(&q.unit) => (q.value, Some(q.unit)),
            Ok(q) => {
                return Err(ApiError::bad(format!(
                    "{name}={s:?} is in {}, not a currency",
                    q.unit
                )));
            }
            Err(e) => return Err(ApiError::bad(format!("{name}={s:?}: not a number ({e})"))),
        }
    };
    if !v.is_finite() {
        return Err(ApiError::bad(format!(
            "{name}={s:?} is not a finite number"
        )));
    }
    Ok((v, unit))
}

/// The currency of the amount bounds: `currency=`, else CNY for `*_amount_cny=`, else the
/// bounds' own currency word, else CNY. A bare 元 reads as CNY and goes with any currency.
fn bounds_currency(
    given: Option<String>,
    cny_params: bool,
    units: &[String],
) -> Result<String, ApiError> {
    let given = match (given, cny_params) {
        (Some(g), true) if g != "CNY" => {
            return Err(ApiError::bad(format!(
                "min_amount_cny/max_amount_cny are in CNY, but currency={g}"
            )));
        }
        (g, true) => Some(g.unwrap_or_else(|| "CNY".into())),
        (g, false) => g,
    };
    let mut named: Option<&String> = None;
    for u in units {
        match (&given, named) {
            (Some(g), _) if u != g && u != "CNY" => {
                return Err(ApiError::bad(format!(
                    "an amount bound is in {u}, but currency={g}"
                )));
            }
            (None, Some(n)) if n != u => {
                return Err(ApiError::bad(format!(
                    "the amount bounds are in {n} and {u}: give currency="
                )));
            }
            _ => named = Some(u),
        }
    }
    let c = given.or(named.cloned()).unwrap_or_else(|| "CNY".into());
    if !zhtag_search::is_currency(&c) {
        return Err(ApiError::bad(format!(
            "currency={c:?}: give an ISO 4217 code such as CNY, TWD, HKD, USD"
        )));
    }
    Ok(c)
}

fn parse_count(name: &str, s: &str, max: usize) -> Result<usize, ApiError> {
    match s.trim().parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(ApiError::bad(format!(
            "{name}={s:?}: give a whole number from 0 to {max}"
        ))),
    }
}

pub(crate) fn search_request(pairs: &[(String, String)]) -> Result<SearchRequest, ApiError> {
    let mut r = SearchRequest {
        query: SearchQuery::new(""),
        offset: 0,
    };
    let (mut currency, mut cny_params, mut units) = (None, false, Vec::new());
    for (k, v) in pairs {
        let nonempty = || (!v.trim().is_empty()).then(|| v.trim().to_string());
        match k.as_str() {
            "q" => r.query.text = v.clone(),
            "org" => r.query.orgs.extend(nonempty()),
            "policy" => r.query.policies.extend(nonempty()),
            "loc" => r.query.locs.extend(nonempty()),
            "min_amount" | "max_amount" | "min_amount_cny" | "max_amount_cny"
                if !v.trim().is_empty() =>
            {
                let (value, unit) = parse_amount(k, v)?;
                cny_params |= k.ends_with("_cny");
                units.extend(unit);
                if k.starts_with("min") {
                    r.query.min_amount = Some(value);
                } else {
                    r.query.max_amount = Some(value);
                }
            }
            "min_amount" | "max_amount" | "min_amount_cny" | "max_amount_cny" => {}
            "currency" => currency = nonempty().map(|c| c.to_ascii_uppercase()),
            "limit" => r.query.limit = parse_count(k, v, MAX_LIMIT)?,
            "offset" => r.offset = parse_count(k, v, MAX_OFFSET)?,
            other => {
                return Err(ApiError::bad(format!(
                    "unknown parameter {other:?} (q, org, policy, loc, min_amount, \
                     max_amount, currency, min_amount_cny, max_amount_cny, limit, offset)"
                )));
            }
        }
    }
    r.query.currency = bounds_currency(currency, cny_params, &units)?;
    Ok(r)
}

async fn search(
    State(s): State<Arc<AppState>>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(pairs) = query.map_err(|e| ApiError::bad(e.body_text()))?;
    let r = search_request(&pairs)?;
    let v = run_job(&s, move |s| s.index.search(&r)).await??;
    Ok(Json(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn search_parameters_are_checked() {
        let r = search_request(&pairs(&[
            ("q", "專精特新"),
            ("org", "大船集團"),
            ("org", ""),
            ("min_amount_cny", "1億元"),
            ("limit", "5"),
        ]))
        .unwrap();
        assert_eq!(r.query.orgs, ["大船集團"]);
        assert_eq!(
            (r.query.min_amount, r.query.limit, r.offset),
            (Some(1e8), 5, 0)
        );
        assert_eq!(r.query.currency, "CNY");
        let r = search_request(&pairs(&[("min_amount", "5億港元")])).unwrap();
        assert_eq!(
            (r.query.min_amount, r.query.currency.as_str()),
            (Some(5e8), "HKD")
        );
        let r = search_request(&pairs(&[("min_amount", "1e8"), ("currency", "twd")])).unwrap();
        assert_eq!(
            (r.query.min_amount, r.query.currency.as_str()),
            (Some(1e8), "TWD")
        );
        for bad in [
            ("limit", "101"),
            ("offset", "-1"),
            ("min_amount_cny", "abc"),
            ("min_amount_cny", "inf"),
            ("min_amount_cny", "5億美元"),
            ("currency", "元"),
            ("path", "/etc/passwd"),
        ] {
            let e = search_request(&pairs(&[bad])).unwrap_err();
            assert_eq!(e.status, StatusCode::BAD_REQUEST, "{bad:?}");
        }
    }

    #[test]
    fn jsonl_bodies_give_one_line_per_record_errors_included() {
        let t = Tagger::new();
        let out = tag_jsonl(
            &t,
            "{\"id\":\"a\",\"text\":\"大船集團\"}\r\n\nnot json\n".as_bytes(),
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(
            lines[0].starts_with(r#"{"id":"a","entities":[{"label":"ORG""#),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].starts_with(r#"{"id":3,"line":3,"error":"not JSON"#),
            "{}",
            lines[1]
        );
    }
}
