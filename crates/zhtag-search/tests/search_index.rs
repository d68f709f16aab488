//! Index the gold texts of ../shared/eval into a temporary index and search them.

use std::path::PathBuf;
use std::sync::Arc;

use tantivy::tokenizer::Token;
use zhtag::{Tagger, Variant};
use zhtag_search::{ChineseTokenizer, Document, Indexer, SearchIndex, SearchQuery};

fn eval_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
    dir.join("seed.gold.jsonl").exists().then_some(dir)
}

/// The gold documents: (id, text), read at test time.
fn gold_docs(dir: &std::path::Path) -> Vec<Document> {
    let mut out = Vec::new();
    for f in ["seed.gold.jsonl", "news-dev.gold.jsonl"] {
        let body = std::fs::read_to_string(dir.join(f)).expect("gold file readable");
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("gold line is JSON");
            out.push(Document::new(
                v["id"].as_str().expect("id"),
                v["text"].as_str().expect("text"),
            ));
        }
    }
    out
}

struct Fixture {
    _dir: tempfile::TempDir,
    index: SearchIndex,
    texts: std::collections::HashMap<String, String>,
}

fn fixture() -> Option<Fixture> {
    let Some(eval) = eval_dir() else {
        eprintln!("skipped: ../shared/eval is not there");
        return None;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let tagger = Arc::new(Tagger::new());
    let mut docs = gold_docs(&eval);
    // a synthetic document whose amount is known (used once the quantity grammar normalizes it)
    docs.push(Document::new(
        "synthetic-amount",
        "大船集團簽約建造兩艘新船，合同金額12億元。",
    ));
    let texts = docs
        .iter()
        .map(|d| (d.id.clone(), d.text.clone()))
        .collect();
    let mut ix = Indexer::open(dir.path(), tagger.clone()).expect("index opens");
    ix.add_batch(&docs).expect("documents indexed");
    ix.commit().expect("commit");
    // re-indexing an id replaces the document instead of adding a second one
    ix.add(&docs[0]).expect("re-add");
    ix.finish().expect("finish");
    let index = SearchIndex::open(dir.path(), tagger).expect("index opens for search");
    assert_eq!(index.num_docs() as usize, docs.len());
    Some(Fixture {
        _dir: dir,
        index,
        texts,
    })
}

fn ids(r: &zhtag_search::SearchResults) -> Vec<&str> {
    let mut v: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
    v.sort_unstable();
    v
}

/// Every highlight of every hit slices the original text to `original`.
fn assert_highlights(f: &Fixture, r: &zhtag_search::SearchResults, original: &str) {
    for h in &r.hits {
        let text = &f.texts[&h.id];
        assert_eq!(h.snippet.field, "text");
        assert!(!h.snippet.highlights.is_empty(), "{}: no highlight", h.id);
        assert_eq!(&text[h.snippet.range.clone()], h.snippet.fragment);
        for range in &h.snippet.highlights {
            assert_eq!(&text[range.clone()], original, "{}", h.id);
        }
    }
}

#[test]
fn gold_texts_are_found_in_either_script_with_exact_highlights() {
    let Some(f) = fixture() else { return };
    for q in ["專精特新", "专精特新"] {
        let r = f.index.search(&SearchQuery::new(q)).expect("search");
        assert_eq!(
            ids(&r),
            ["news-01", "news-02", "seed-dalian-industry-2023"],
            "{q}"
        );
        assert_highlights(&f, &r, "專精特新");
    }
    for q in ["大船集團", "大船集团"] {
        let r = f.index.search(&SearchQuery::new(q)).expect("search");
        assert_eq!(
            ids(&r),
            ["seed-dalian-industry-2023", "synthetic-amount"],
            "{q}"
        );
        assert_highlights(&f, &r, "大船集團");
        assert!(!r.orgs.is_empty(), "facet counts of the hits");
    }
}

#[test]
fn an_org_facet_filter_narrows_the_hits() {
    let Some(f) = fixture() else { return };
    let all = f
        .index
        .search(&SearchQuery::new("專精特新"))
        .expect("search");
    assert_eq!(all.total, 3);
    // an organization that only the seed document mentions, given in Simplified
    let narrowed = f
        .index
        .search(&SearchQuery::new("專精特新").org("恒力石化"))
        .expect("search");
    assert_eq!(ids(&narrowed), ["seed-dalian-industry-2023"]);
    // the hit carries the organization, and the facet counts are those of the narrowed hits
    assert!(
        narrowed.hits[0].orgs.iter().any(|o| o.contains("恒力")),
        "{:?}",
        narrowed.hits[0].orgs
    );
    assert!(
        narrowed.orgs.iter().all(|c| c.count == 1),
        "{:?}",
        narrowed.orgs
    );
    // filter only, no words
    let only = f
        .index
        .search(&SearchQuery::new("").org("台積電"))
        .expect("search");
    assert_eq!(ids(&only), ["news-12", "news-13"]);
    let none = f
        .index
        .search(&SearchQuery::new("專精特新").org("不存在的公司"))
        .expect("search");
    assert_eq!(none.total, 0);
}

#[test]
fn huge_limits_and_bad_bounds_are_handled() {
    let Some(f) = fixture() else { return };
    let r = f
        .index
        .search(&SearchQuery::new("專精特新").limit(usize::MAX))
        .expect("search");
    assert_eq!(r.hits.len(), 3);
    assert!(f
        .index
        .search(&SearchQuery::new("x").min_cny(f64::NAN))
        .is_err());
    assert!(f.index.search(&SearchQuery::new("title:")).is_err());
}

#[test]
fn an_amount_range_filter_works() {
    let Some(f) = fixture() else { return };
    let probe = Tagger::new().tag("合同金額12億元");
    let has_cny = probe.iter().any(|e| {
        matches!(&e.normalized, zhtag::Normalized::Quantity(q) if q.unit == "CNY" && q.value == 1.2e9)
    });
    if !has_cny {
        eprintln!("skipped: the quantity grammar does not yet normalize 12億元 to 1.2e9 CNY");
        return;
    }
    let hit = |min: f64, max: f64| {
        let r = f
            .index
            .search(&SearchQuery::new("大船集團").min_cny(min).max_cny(max))
            .expect("search");
        ids(&r).into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    assert!(hit(1.0e9, 1.5e9).contains(&"synthetic-amount".to_string()));
    assert!(!hit(1.3e9, 1.0e12).contains(&"synthetic-amount".to_string()));
    assert!(!hit(0.0, 1.1e9).contains(&"synthetic-amount".to_string()));
    // on the gold texts: the seed document's 總投資3476億元 is the only amount of 300-400 billion
    // among the documents about 專精特新
    let r = f
        .index
        .search(&SearchQuery::new("專精特新").min_cny(3.0e11).max_cny(4.0e11))
        .expect("search");
    assert_eq!(ids(&r), ["seed-dalian-industry-2023"]);
}

fn cny(text: &str, byte_start: usize, value: f64, max: Option<f64>) -> zhtag::Entity {
    money(text, byte_start, value, max, "CNY")
}

fn money(text: &str, byte_start: usize, value: f64, max: Option<f64>, unit: &str) -> zhtag::Entity {
    zhtag::Entity {
        label: zhtag::Label::Quantity,
        text: text.into(),
        start: 0,
        end: text.chars().count(),
        byte_start,
        byte_end: byte_start + text.len(),
        normalized: zhtag::Normalized::Quantity(zhtag::quantity::Quantity {
            value,
            unit: unit.into(),
            min: max.map(|_| value),
            max,
            approx: false,
            hedge: None,
            currency_from: None,
        }),
        source: zhtag::Source::Grammar,
        confidence: None,
    }
}

#[test]
fn amount_range_filter_on_documents_with_given_entities() {
    // independent of the quantity grammar: the entities are given, the index and the range
    // query on the multi-valued fast field are what is tested
    let dir = tempfile::tempdir().expect("tempdir");
    let tagger = Arc::new(Tagger::new());
    let mut ix = Indexer::open(dir.path(), tagger.clone()).expect("index");
    let a = "大船集團簽約，合同金額12億元，另有3000萬元配套。";
    let b = "大船集團投資20-30億元擴產。";
    let c = "大船集團交付新船。";
    let sa = ix
        .add_tagged(
            &Document::new("a", a),
            &[
                cny("12億元", 0, 1.2e9, None),
                cny("3000萬元", 0, 3.0e7, None),
            ],
        )
        .expect("a");
    assert_eq!(sa.amounts_cny, [1.2e9, 3.0e7]);
    ix.add_tagged(
        &Document::new("b", b),
        &[cny("20-30億元", 0, 2.0e9, Some(3.0e9))],
    )
    .expect("b");
    ix.add_tagged(&Document::new("c", c), &[]).expect("c");
    ix.finish().expect("finish");
    let index = SearchIndex::open(dir.path(), tagger).expect("open");
    let hit = |min: Option<f64>, max: Option<f64>| {
        let mut q = SearchQuery::new("大船集團");
        q.min_amount = min;
        q.max_amount = max;
        let r = index.search(&q).expect("search");
        ids(&r).into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(hit(None, None), ["a", "b", "c"]);
    assert_eq!(hit(Some(1e9), None), ["a", "b"]);
    assert_eq!(hit(Some(1e9), Some(1.5e9)), ["a"]);
    assert_eq!(hit(None, Some(1e8)), ["a"]); // 3000萬元
    assert_eq!(hit(Some(2.5e9), Some(1e12)), ["b"]); // the upper end of 20-30億元
    assert!(hit(Some(5e9), None).is_empty());
    let r = index
        .search(&SearchQuery::new("").min_cny(2e9))
        .expect("filter only");
    assert_eq!(r.hits[0].amounts_cny, [2.0e9, 3.0e9]);
}

fn words(tok: &ChineseTokenizer, text: &str) -> Vec<(String, String)> {
    tok.tokens(text)
        .into_iter()
        .map(|t: Token| (t.text.clone(), text[t.offset_from..t.offset_to].to_string()))
        .collect()
}

#[test]
fn tokenizer_offsets_survive_a_length_changing_conversion() {
    let tagger = Tagger::builder()
        .variant(Variant::Tw2sp)
        .build()
        .expect("tw2sp tagger");
    let tok = ChineseTokenizer::new(Arc::new(tagger));
    let w = words(&tok, "他去肯亞投資，大船集團");
    assert!(w.contains(&("肯尼亚".into(), "肯亞".into())), "{w:?}");
    assert!(w.contains(&("大船集团".into(), "大船集團".into())), "{w:?}");
    let last = w.last().expect("tokens");
    assert_eq!(last.1, "大船集團");
}

#[test]
fn tokenizer_plain_t2s_mixed_scripts_and_full_width_digits() {
    let tok = ChineseTokenizer::new(Arc::new(Tagger::new()));
    let text = "大船集团與專精特新企業投資１２億元，ＡＩ晶片";
    let w = words(&tok, text);
    assert!(w.contains(&("大船集团".into(), "大船集团".into())), "{w:?}");
    assert!(w.contains(&("专精特新".into(), "專精特新".into())), "{w:?}");
    assert!(w.contains(&("12".into(), "１２".into())), "{w:?}");
    assert!(w.contains(&("ai".into(), "ＡＩ".into())), "{w:?}");
    // no punctuation or whitespace tokens
    assert!(
        w.iter().all(|(t, _)| t.chars().any(char::is_alphanumeric)),
        "{w:?}"
    );
    // positions increase by one per word
    let toks = tok.tokens(text);
    for (i, t) in toks.iter().enumerate() {
        assert_eq!(t.position, i);
    }
}

#[test]
fn subwords_share_the_position_of_their_word() {
    let tok = ChineseTokenizer::new(Arc::new(Tagger::new())).with_subwords(true);
    let text = "中華人民共和國";
    let toks = tok.tokens(text);
    assert!(toks.iter().all(|t| t.position == 0), "{toks:?}");
    assert!(toks.iter().any(|t| t.text == "人民"), "{toks:?}");
    assert_eq!(
        toks.last().map(|t| &text[t.offset_from..t.offset_to]),
        Some(text)
    );
}

#[test]
fn highlights_are_exact_wherever_the_word_falls_and_for_sub_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tagger = Arc::new(Tagger::new());
    let mut ix = Indexer::open(dir.path(), tagger.clone()).expect("index");
    let docs: Vec<Document> = (80..120)
        .map(|n| {
            let text = format!(
                "{}中華人民共和國成立，大連市{}",
                "這是一句話。".repeat(n / 6) + &"好".repeat(n % 6),
                "後文".repeat(n)
            );
            Document::new(format!("d{n}"), text)
        })
        .collect();
    ix.add_batch(&docs).expect("add");
    ix.finish().expect("finish");
    let index = SearchIndex::open(dir.path(), tagger).expect("open");
    let by_id: std::collections::HashMap<_, _> = docs
        .iter()
        .map(|d| (d.id.clone(), d.text.clone()))
        .collect();
    for (q, want) in [
        ("中华人民共和国", "中華人民共和國"),
        ("人民", "人民"),
        ("大連", "大連"),
    ] {
        let r = index
            .search(&SearchQuery::new(q).limit(100))
            .expect("search");
        assert_eq!(r.total, docs.len(), "{q}");
        for h in &r.hits {
            let text = &by_id[&h.id];
            assert_eq!(&text[h.snippet.range.clone()], h.snippet.fragment);
            assert!(!h.snippet.highlights.is_empty(), "{q} {}", h.id);
            for range in &h.snippet.highlights {
                assert_eq!(&text[range.clone()], want, "{q} {}", h.id);
            }
        }
    }
}

#[test]
fn an_amount_filter_names_its_currency() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tagger = Arc::new(Tagger::new());
    let mut ix = Indexer::open(dir.path(), tagger.clone()).expect("index");
    let docs = [
        ("tw", "台電投資新台幣5億元興建電廠。", "TWD", 5e8),
        ("hk", "港鐵斥資5億港元翻新車站。", "HKD", 5e8),
        ("cn", "大船集團投資5億元擴產。", "CNY", 5e8),
        ("tw-small", "台電投資新台幣300萬元維修。", "TWD", 3e6),
        ("containers", "港口吞吐量達5億標準箱。", "TEU", 5e8),
    ];
    for (id, text, unit, value) in docs {
        let s = ix
            .add_tagged(
                &Document::new(id, text),
                &[money("x", 0, value, None, unit)],
            )
            .expect("added");
        assert_eq!(s.amounts.len(), usize::from(unit != "TEU"), "{id}");
    }
    ix.finish().expect("finish");
    let index = SearchIndex::open(dir.path(), tagger).expect("open");
    let hit = |currency: &str, min: f64| {
        let r = index
            .search(&SearchQuery::new("").currency(currency).min_amount(min))
            .expect("search");
        ids(&r).into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(hit("TWD", 1e8), ["tw"]);
    assert_eq!(hit("twd", 1e6), ["tw", "tw-small"]);
    assert_eq!(hit("HKD", 1e8), ["hk"]);
    assert_eq!(hit("CNY", 1e8), ["cn"]);
    assert!(hit("USD", 0.0).is_empty());
    // the older CNY-only filter is the CNY currency
    let r = index
        .search(&SearchQuery::new("").min_cny(1e8))
        .expect("cny");
    assert_eq!(ids(&r), ["cn"]);
    // hits carry value and currency; the facet counts list the currencies
    let r = index.search(&SearchQuery::new("台電")).expect("search");
    assert!(r
        .hits
        .iter()
        .all(|h| h.amounts[0].currency == "TWD" && h.amounts_cny.is_empty()));
    let all = index.search(&SearchQuery::new("")).expect("all");
    let twd = all
        .currencies
        .iter()
        .find(|c| c.name == "TWD")
        .map(|c| c.count);
    assert_eq!(twd, Some(2), "{:?}", all.currencies);
    assert!(index
        .search(&SearchQuery::new("").currency("元").min_amount(1.0))
        .is_err());
}

#[test]
fn a_short_org_name_finds_the_legal_name_and_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tagger = Arc::new(Tagger::new());
    let mut ix = Indexer::open(dir.path(), tagger.clone()).expect("index");
    ix.add(&Document::new("short", "台積電昨天公布新廠計畫。"))
        .expect("a");
    ix.add(&Document::new("none", "晶片廠昨天公布新廠計畫。"))
        .expect("b");
    ix.finish().expect("finish");
    let index = SearchIndex::open(dir.path(), tagger.clone()).expect("open");
    // the canonical name of 台積電, as the tagger gives it
    let canonical = tagger
        .tag("台積電")
        .into_iter()
        .find_map(|e| match e.normalized {
            zhtag::Normalized::Name { name, .. } if e.label == zhtag::Label::Org => Some(name),
            _ => None,
        })
        .expect("台積電 is an ORG of the dictionary");
    assert_ne!(canonical, "台積電");
    let r = index.search(&SearchQuery::new(&canonical)).expect("search");
    assert_eq!(ids(&r), ["short"], "{canonical}");
}

#[test]
fn snippet_entities_are_the_documents_own() {
    let Some(f) = fixture() else { return };
    let tagger = Tagger::new();
    let r = f
        .index
        .search(&SearchQuery::new("專精特新"))
        .expect("search");
    let mut seen = 0;
    for h in &r.hits {
        let text = &f.texts[&h.id];
        let whole = tagger.tag(text);
        for e in &h.entities {
            let (s, t) = (
                e["byte_start"].as_u64().expect("start") as usize,
                e["byte_end"].as_u64().expect("end") as usize,
            );
            assert!(
                h.snippet.range.start <= s && t <= h.snippet.range.end,
                "{e}"
            );
            assert_eq!(&text[s..t], e["text"].as_str().expect("text"));
            assert!(
                whole.iter().any(|w| (w.byte_start, w.byte_end) == (s, t)
                    && w.label.as_str() == e["label"].as_str().unwrap_or("")),
                "{}: {e} is not an entity of the whole document",
                h.id
            );
            seen += 1;
        }
    }
    assert!(seen > 0, "no snippet entity at all");
}
