//! Python bindings for zhtag: the extension module `zhtag._zhtag`, re-exported by the Python
//! package `zhtag` (python/zhtag/__init__.py).
//!
//! - [`Tagger`] wraps [`zhtag::Tagger`]; `tag` and `tag_many` release the GIL while tagging,
//!   and `tag_many` tags on a rayon pool sized by its `threads` argument.
//! - [`Entity`] wraps [`zhtag::Entity`]; its attributes are built on access, and `to_dict()`
//!   goes through the entity's `serde::Serialize`, so it has exactly the fields, order and values
//!   of the CLI's JSON (`zhtag tag`).
//! - A malformed dictionary raises `zhtag.DictionaryError`, a `ValueError` with `file` and `line`
//!   attributes; an unreadable file raises `OSError` (`FileNotFoundError`, …) naming the path.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use pyo3::create_exception;
use pyo3::exceptions::{
    PyFileNotFoundError, PyOSError, PyPermissionError, PyRuntimeError, PyTypeError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;

use zhtag::quantity::{Quantity, Region};
use zhtag::{Label, Normalized, Source, TagOptions, Variant};

create_exception!(
    zhtag,
    DictionaryError,
    PyValueError,
    "A dictionary file is malformed. A ValueError; `file` and `line` (1-based) say where, and \
     the message reads `FILE:LINE: what is wrong`."
);

/// Turns a library error into the Python exception a caller expects.
fn to_py_err(py: Python<'_>, err: zhtag::Error) -> PyErr {
    let message = err.to_string();
    match err {
        zhtag::Error::Dictionary { file, line, .. } => {
            let e = DictionaryError::new_err(message);
            let value = e.value(py);
            // setting attributes on a fresh exception instance does not fail; if it ever did,
            // the message still names the file and line
            let _ = value.setattr("file", file);
            let _ = value.setattr("line", line);
            e
        }
        zhtag::Error::Io { path, source } => {
            // Rust's message ends in " (os error N)", which Python's OSError shows as [Errno N]
            let mut strerror = source.to_string();
            if let Some(n) = source.raw_os_error() {
                let suffix = format!(" (os error {n})");
                if strerror.ends_with(&suffix) {
                    strerror.truncate(strerror.len() - suffix.len());
                }
            }
            let args = (
                source.raw_os_error().unwrap_or(0),
                strerror,
                path.display().to_string(),
            );
            match source.kind() {
                std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(args),
                std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(args),
                _ => PyOSError::new_err(args),
            }
        }
        zhtag::Error::Config(_) => PyValueError::new_err(message),
        _ => PyRuntimeError::new_err(message),
    }
}

/// One entity found in a text.
///
/// `text == original[start:end]` (Python `str` indexes, end exclusive) and
/// `text.encode() == original.encode()[byte_start:byte_end]` (UTF-8 bytes).
#[pyclass(frozen, eq, module = "zhtag", name = "Entity")]
#[derive(PartialEq)]
pub struct Entity {
    inner: zhtag::Entity,
}

#[pymethods]
impl Entity {
    /// `"ORG"`, `"QUANTITY"`, `"POLICY"`, `"PERSON"`, `"LOC"` or `"DATE"`.
    #[getter]
    fn label(&self) -> &'static str {
        self.inner.label.as_str()
    }

    /// The original text of the span: `original[start:end]`.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    /// First character of the span (a Python `str` index, i.e. a code point).
    #[getter]
    fn start(&self) -> usize {
        self.inner.start
    }

    /// One past the last character of the span.
    #[getter]
    fn end(&self) -> usize {
        self.inner.end
    }

    /// First byte of the span in the UTF-8 encoding of the text.
    #[getter]
    fn byte_start(&self) -> usize {
        self.inner.byte_start
    }

    /// One past the last byte of the span in the UTF-8 encoding of the text.
    #[getter]
    fn byte_end(&self) -> usize {
        self.inner.byte_end
    }

    /// The normalized form, a new dict on each access: `{"name", "type"?}` for ORG, POLICY,
    /// PERSON, LOC and DATE; `{"value", "unit", "min"?, "max"?, "approx"?, "hedge"?}` for QUANTITY.
    #[getter]
    fn normalized<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        pythonize::pythonize(py, &self.inner.normalized).map_err(PyErr::from)
    }

    /// Which recognizer decided: `"dictionary"`, `"declared"`, `"rule"`, `"grammar"` or
    /// `"model"` (the learned PERSON recognizer).
    #[getter]
    fn source<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        pythonize::pythonize(py, &self.inner.source).map_err(PyErr::from)
    }

    /// The learned recognizer's confidence in `0..1` (rounded to 4 decimals, a monotone function
    /// of the Viterbi margin, not a probability) for entities with `source == "model"`; `None`
    /// for the other sources.
    #[getter]
    fn confidence(&self) -> Option<f64> {
        self.inner.confidence
    }

    /// The entity as the CLI writes it in `zhtag tag`'s JSON: a dict with `label`, `text`,
    /// `start`, `end`, `byte_start`, `byte_end`, `normalized`, `source` and, for the model's
    /// entities only, `confidence` (the key is absent, not `None`, for the other sources).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        pythonize::pythonize(py, &self.inner).map_err(PyErr::from)
    }

    /// The entity of a dict as `to_dict()` makes it (or as the CLI writes it in JSON).
    ///
    /// Raises `KeyError` for a missing field, `ValueError` for an unknown label or source,
    /// `TypeError` for a field of the wrong type.
    #[staticmethod]
    fn from_dict(d: &Bound<'_, PyDict>) -> PyResult<Self> {
        let get = |key: &str| -> PyResult<Bound<'_, PyAny>> { d.as_any().get_item(key) };
        let label: String = get("label")?.extract()?;
        let source: String = get("source")?.extract()?;
        let normalized = get("normalized")?;
        let normalized = normalized.cast::<PyDict>()?;
        let opt = |key: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
            normalized.get_item(key).map(|v| v.filter(|v| !v.is_none()))
        };
        let normalized = if opt("value")?.is_some() {
            Normalized::Quantity(Quantity {
                value: normalized.as_any().get_item("value")?.extract()?,
                unit: normalized.as_any().get_item("unit")?.extract()?,
                min: opt("min")?.map(|v| v.extract()).transpose()?,
                max: opt("max")?.map(|v| v.extract()).transpose()?,
                approx: opt("approx")?
                    .map(|v| v.extract())
                    .transpose()?
                    .unwrap_or(false),
                hedge: opt("hedge")?.map(|v| v.extract()).transpose()?,
                currency_from: opt("currency_from")?.map(|v| v.extract()).transpose()?,
            })
        } else {
            Normalized::Name {
                name: normalized.as_any().get_item("name")?.extract()?,
                kind: opt("type")?.map(|v| v.extract()).transpose()?,
            }
        };
        Ok(Entity {
            inner: zhtag::Entity {
                label: label.parse().map_err(PyValueError::new_err)?,
                text: get("text")?.extract()?,
                start: get("start")?.extract()?,
                end: get("end")?.extract()?,
                byte_start: get("byte_start")?.extract()?,
                byte_end: get("byte_end")?.extract()?,
                normalized,
                source: match source.as_str() {
                    "dictionary" => Source::Dictionary,
                    "declared" => Source::Declared,
                    "rule" => Source::Rule,
                    "grammar" => Source::Grammar,
                    "model" => Source::Model,
                    other => {
                        return Err(PyValueError::new_err(format!(
                        "unknown source {other:?} (expected dictionary, declared, rule, grammar or model)"
                    )))
                    }
                },
                // top-level and optional: absent (or None) for every source but the model
                confidence: d
                    .get_item("confidence")?
                    .filter(|v| !v.is_none())
                    .map(|v| v.extract())
                    .transpose()?,
            },
        })
    }

    /// Pickles as its dict (for multiprocessing).
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let ctor = py.get_type::<Entity>().getattr("from_dict")?;
        let d = slf.get().to_dict(py)?;
        Ok((ctor, PyTuple::new(py, [d])?))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.inner.text).repr()?;
        let normalized = self.normalized(py)?.repr()?;
        Ok(format!(
            "Entity(label='{}', text={}, start={}, end={}, normalized={}, source='{}'{})",
            self.inner.label.as_str(),
            text,
            self.inner.start,
            self.inner.end,
            normalized,
            self.source(py)?.str()?,
            self.inner
                .confidence
                .map_or_else(String::new, |c| format!(", confidence={c}")),
        ))
    }
}

/// How `Tagger(...)` was called, kept for `repr` and pickling.
#[derive(Clone)]
struct Options {
    dictionaries: Vec<PathBuf>,
    variant: Variant,
    labels: Option<Vec<Label>>,
    embedded: bool,
    region: Option<Region>,
}

impl Options {
    fn build(&self) -> Result<zhtag::Tagger, zhtag::Error> {
        let mut b = zhtag::Tagger::builder()
            .variant(self.variant)
            .embedded_dictionaries(self.embedded);
        for d in &self.dictionaries {
            b = b.dictionary_file(d);
        }
        if let Some(labels) = &self.labels {
            b = b.labels(labels);
        }
        if let Some(region) = self.region {
            b = b.region(region);
        }
        b.build()
    }
}

/// Finds ORG, QUANTITY, POLICY, PERSON, LOC and DATE entities in Traditional-Chinese text.
///
/// Building one loads jieba and the dictionaries (a few hundred milliseconds): build it once and
/// reuse it; it is safe to share between threads.
#[pyclass(frozen, module = "zhtag", name = "Tagger")]
pub struct Tagger {
    inner: Arc<zhtag::Tagger>,
    options: Options,
    /// Thread pools by size, made on first use by `tag_many`.
    pools: Mutex<Pools>,
}

/// `tag_many`'s thread pools, and the process they were started in.
///
/// A forked child (multiprocessing, `nlp.pipe(n_process=...)`) inherits the pools but not their
/// threads, so a pool used there would wait forever; a child starts its own. For the same reason
/// rayon's global pool is never used.
#[derive(Default)]
struct Pools {
    pid: u32,
    by_size: HashMap<usize, Arc<rayon::ThreadPool>>,
}

impl Tagger {
    fn pool(&self, threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
        let mut pools = self
            .pools
            .lock()
            .map_err(|_| PyRuntimeError::new_err("zhtag: the thread-pool cache is poisoned"))?;
        let pid = std::process::id();
        if pools.pid != pid {
            // pools from the parent of a fork: their threads are not in this process, and
            // dropping them would signal threads that do not exist, so they are leaked
            std::mem::forget(std::mem::take(&mut pools.by_size));
            pools.pid = pid;
        }
        if let Some(p) = pools.by_size.get(&threads) {
            return Ok(p.clone());
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("zhtag-{i}"))
            .build()
            .map_err(|e| {
                PyRuntimeError::new_err(format!("zhtag: cannot start {threads} threads: {e}"))
            })?;
        let pool = Arc::new(pool);
        pools.by_size.insert(threads, pool.clone());
        Ok(pool)
    }
}

/// `tag_many`'s default: `RAYON_NUM_THREADS` when set to a positive number, else one thread per
/// core the process may use.
fn default_threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
}

/// A `region` argument: `None`, or a name `Region` parses (`"cn"`, `"tw"`, `"hk"`, `"mo"`,
/// `"taiwan"`, `"hong-kong"`, …).
fn parse_region(region: Option<&str>) -> PyResult<Option<Region>> {
    region
        .map(|r| {
            r.parse::<Region>()
                .map_err(|e| PyValueError::new_err(format!("region: {e}")))
        })
        .transpose()
}

fn entity_list<'py>(py: Python<'py>, entities: Vec<zhtag::Entity>) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, entities.into_iter().map(|inner| Entity { inner }))
}

#[pymethods]
impl Tagger {
    /// Builds a tagger.
    ///
    /// `dictionaries`: user dictionary files (TSV, see the README), whose entries override the
    /// embedded ones; `variant`: the OpenCC conversion, `"t2s"`, `"tw2s"`, `"hk2s"` or
    /// `"tw2sp"`; `labels`: the labels to emit (default ORG, QUANTITY, POLICY, PERSON, LOC,
    /// DATE);
    /// `embedded`: whether to load the embedded dictionaries; `region`: where the texts come
    /// from (`"cn"`, `"tw"`, `"hk"` or `"mo"`), which decides the currency of a bare 元 (TWD in
    /// Taiwan news, HKD in Hong Kong's; default: from the variant and the text's own currency
    /// words, as the CLI's `--region`).
    ///
    /// Raises `DictionaryError` (a `ValueError`) naming the file and line for a malformed
    /// dictionary, `OSError` for an unreadable one, `ValueError` for an unknown variant or label.
    #[new]
    #[pyo3(signature = (dictionaries = None, variant = "t2s", labels = None, *, embedded = true, region = None))]
    fn new(
        py: Python<'_>,
        dictionaries: Option<Vec<PathBuf>>,
        variant: &str,
        labels: Option<Vec<String>>,
        embedded: bool,
        region: Option<&str>,
    ) -> PyResult<Self> {
        let region = parse_region(region)?;
        let variant: Variant = variant
            .parse()
            .map_err(|e| PyValueError::new_err(format!("{e}")))?;
        let labels = labels
            .map(|ls| {
                ls.iter()
                    .map(|l| l.parse::<Label>().map_err(PyValueError::new_err))
                    .collect::<PyResult<Vec<Label>>>()
            })
            .transpose()?;
        let options = Options {
            dictionaries: dictionaries.unwrap_or_default(),
            variant,
            labels,
            embedded,
            region,
        };
        let built = py.detach(|| options.build());
        let inner = built.map_err(|e| to_py_err(py, e))?;
        Ok(Tagger {
            inner: Arc::new(inner),
            options,
            pools: Mutex::new(Pools::default()),
        })
    }

    /// Tags one text; returns its entities in text order, without overlaps.
    ///
    /// `region` overrides the tagger's region for this text (a record's `"region"` field in
    /// the CLI). The GIL is released while tagging, so several Python threads can tag at once.
    #[pyo3(signature = (text, *, region = None))]
    fn tag<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        region: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let opts = TagOptions {
            region: parse_region(region)?,
        };
        let tagger = &self.inner;
        let entities = py.detach(|| tagger.tag_with(text, &opts));
        entity_list(py, entities)
    }

    /// Tags many texts in parallel with the GIL released; returns one list of entities per
    /// text, in input order (equal to `[tagger.tag(t) for t in texts]`).
    ///
    /// `texts`: any iterable of `str`; `threads`: how many threads (default: one per core,
    /// or `RAYON_NUM_THREADS`); `threads=1` tags in the calling thread.
    #[pyo3(signature = (texts, threads = None))]
    fn tag_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "tag_many takes an iterable of str, not a str: use tag(text) for one text",
            ));
        }
        let mut owned: Vec<PyBackedStr> = Vec::new();
        for (i, item) in texts.try_iter()?.enumerate() {
            let item = item?;
            let s = item.extract::<PyBackedStr>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "tag_many: item {i} is {}, not str",
                    item.get_type()
                        .name()
                        .map_or_else(|_| "?".to_string(), |n| n.to_string())
                ))
            })?;
            owned.push(s);
        }
        let tagger = &self.inner;
        let run = |texts: &[PyBackedStr]| -> Vec<Vec<zhtag::Entity>> {
            texts.par_iter().map(|t| tagger.tag(t)).collect()
        };
        let threads = match threads {
            Some(0) => {
                return Err(PyValueError::new_err(
                    "tag_many: threads must be at least 1",
                ))
            }
            Some(n) => n,
            None => default_threads(),
        };
        let results: Vec<Vec<zhtag::Entity>> = if threads == 1 || owned.len() < 2 {
            py.detach(|| owned.iter().map(|t| tagger.tag(t)).collect())
        } else {
            let pool = self.pool(threads)?;
            py.detach(|| pool.install(|| run(&owned)))
        };
        let lists = results
            .into_iter()
            .map(|es| entity_list(py, es))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, lists)
    }

    /// The OpenCC conversion in use (`"t2s"`, …).
    #[getter]
    fn variant(&self) -> String {
        self.options.variant.to_string()
    }

    /// The labels this tagger emits.
    #[getter]
    fn labels(&self) -> Vec<&'static str> {
        match &self.options.labels {
            Some(ls) => ls.iter().map(|l| l.as_str()).collect(),
            // the builder's default: every label
            None => Label::ALL.iter().map(|l| l.as_str()).collect(),
        }
    }

    /// The region given to the constructor (`"cn"`, `"tw"`, `"hk"`, `"mo"`), or `None`.
    #[getter]
    fn region(&self) -> Option<&'static str> {
        self.options.region.map(Region::as_str)
    }

    /// The user dictionary files, as given.
    #[getter]
    fn dictionaries(&self) -> Vec<PathBuf> {
        self.options.dictionaries.clone()
    }

    /// Pickles as its arguments: unpickling builds the tagger again (for multiprocessing).
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let o = &slf.get().options;
        let labels: Option<Vec<&str>> = o
            .labels
            .as_ref()
            .map(|ls| ls.iter().map(|l| l.as_str()).collect());
        let ctor = py.import("zhtag")?.getattr("_tagger_from_args")?;
        let args = (
            o.dictionaries.clone(),
            o.variant.to_string(),
            labels,
            o.embedded,
            o.region.map(Region::as_str),
        );
        Ok((ctor, args.into_pyobject(py)?))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let py = slf.py();
        let this = slf.get();
        let o = &this.options;
        let mut s = format!(
            "Tagger(dictionaries={}, variant='{}'",
            this.dictionaries().into_pyobject(py)?.repr()?,
            o.variant
        );
        if o.labels.is_some() {
            s += &format!(", labels={}", this.labels().into_pyobject(py)?.repr()?);
        }
        if !o.embedded {
            s += ", embedded=False";
        }
        if let Some(r) = o.region {
            s += &format!(", region='{r}'");
        }
        Ok(s + ")")
    }
}

/// The extension module; the Python package `zhtag` re-exports its names.
#[pymodule]
fn _zhtag(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Tagger>()?;
    m.add_class::<Entity>()?;
    m.add("DictionaryError", m.py().get_type::<DictionaryError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
