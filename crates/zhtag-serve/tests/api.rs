//! The HTTP API against a server on a free local port, over the gold documents.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use common::*;
use serde_json::Value;

/// The gold POLICY text found in the most documents (at least two), and those documents.
fn common_policy() -> (String, BTreeSet<String>) {
    let mut docs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for name in ["news-dev.gold.jsonl", "news-dev2.gold.jsonl"] {
        let body = std::fs::read_to_string(eval_dir().join(name)).expect("gold file");
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line).expect("JSON");
            let id = v["id"].as_str().expect("id").to_string();
            for e in v["entities"].as_array().expect("entities") {
                if e["label"] == "POLICY" {
                    let t = e["text"].as_str().expect("text").to_string();
                    docs.entry(t).or_default().insert(id.clone());
                }
            }
        }
    }
    docs.into_iter()
        .filter(|(t, d)| d.len() >= 2 && t.chars().count() >= 2)
        .max_by_key(|(t, d)| (d.len(), t.clone()))
        .expect("a policy in two gold documents")
}

fn ids(v: &Value) -> Vec<String> {
    v["results"]["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["id"].as_str().expect("id").to_string())
        .collect()
}

fn total(v: &Value) -> u64 {
    v["results"]["total"].as_u64().expect("total")
}

#[test]
fn tag_answers_what_zhtag_tag_prints_for_json_and_jsonl() {
    let f = start(|c| c);
    let (_, text) = gold_docs().swap_remove(0);
    let body = serde_json::json!({"id": "x-1", "text": text}).to_string();
    let r = post(f.addr(), "/tag", "application/json", body.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    // the CLI's renderer on the same record
    let doc = zhtag::batch::Document {
        id: "x-1".into(),
        text: text.clone(),
        title: None,
        lossy: false,
        region: None,
    };
    let expected = zhtag::batch::render(
        &zhtag::batch::OutputFormat::Json,
        &doc,
        &f.tagger.tag(&text),
    );
    assert_eq!(r.text(), expected.trim_end());
    let v = r.json();
    assert!(v["entities"].as_array().expect("entities").len() > 3);
    for e in v["entities"].as_array().expect("entities") {
        let (s, t) = (
            e["byte_start"].as_u64().unwrap() as usize,
            e["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(e["text"].as_str(), text.get(s..t));
    }

    // JSONL: one line per record, an error record for a bad line, ids as given
    let jsonl =
        "{\"id\":7,\"text\":\"大船集團擴產\"}\nnot json\n\n{\"text\":\"工信部公布專精特新名單\"}\n";
    let r = post(f.addr(), "/tag", "application/x-ndjson", jsonl.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    let lines: Vec<Value> = r
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(lines[0]["entities"][0]["label"], "ORG");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().starts_with("not JSON"));
    assert_eq!(lines[2]["id"], 4);
    assert_eq!(lines[2]["entities"][1]["label"], "POLICY");
}

#[test]
fn bad_requests_are_json_errors_with_fitting_statuses() {
    let f = start(|c| c.max_body_bytes(1024));
    let a = f.addr();
    for (body, why) in [
        (&b"{\"text\": "[..], "truncated JSON"),
        (b"[1, 2]", "not an object"),
        (b"{\"txt\": \"a\"}", "no text"),
        (b"{\"text\": 5}", "text not a string"),
        (b"\xff\xfe", "not UTF-8"),
    ] {
        let r = post(a, "/tag", "application/json", body);
        assert_eq!(r.status, 400, "{why}: {}", r.text());
        assert!(
            r.json()["error"].as_str().is_some_and(|m| !m.is_empty()),
            "{why}"
        );
    }
    // over the cap, declared…
    let r = raw_request(
        a,
        "POST /tag HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 100000000",
        b"",
    );
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.json()["error"].as_str().unwrap().contains("1024 bytes"));
    // …and streamed without a length
    let big = format!("{{\"text\": \"{}\"}}", "字".repeat(400));
    let chunk = format!("{:x}\r\n{big}\r\n0\r\n\r\n", big.len());
    let r = raw_request(
        a,
        "POST /tag HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
        chunk.as_bytes(),
    );
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.json()["error"].is_string());
    // a body just under the cap is fine
    let ok = format!("{{\"text\": \"{}\"}}", "字".repeat(300));
    assert_eq!(
        post(a, "/tag", "application/json", ok.as_bytes()).status,
        200
    );

    for (path, status) in [
        ("/search?limit=5000", 400),
        ("/search?min_amount_cny=lots", 400),
        ("/search?file=/etc/passwd", 400),
        ("/search?q=%22unclosed", 400),
        ("/../../etc/passwd", 404),
        ("/index/meta.json", 404),
    ] {
        let r = get(a, path);
        assert_eq!(r.status, status, "{path}: {}", r.text());
        assert!(r.json()["error"].is_string(), "{path}");
    }
    let r = raw_request(a, "DELETE /tag HTTP/1.1", b"");
    assert_eq!(r.status, 405);
    assert!(r.json()["error"].is_string());
}

#[test]
fn a_request_over_its_time_is_abandoned_with_503() {
    let f = start(|c| c.timeout(Duration::from_millis(1)));
    let text = gold_docs().into_iter().map(|(_, t)| t).collect::<String>();
    let body = serde_json::json!({ "text": text }).to_string();
    let r = post(f.addr(), "/tag", "application/json", body.as_bytes());
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(r.json()["error"].as_str().unwrap().contains("longer than"));
}

#[test]
fn search_gives_ranked_hits_highlights_facets_in_either_script() {
    let f = start(|c| c);
    let a = f.addr();
    let (policy, gold_ids) = common_policy();
    let v = search(a, &[("q", &policy), ("limit", "100")]);
    assert_eq!(v["query"], policy.as_str());
    let found: BTreeSet<String> = ids(&v).into_iter().collect();
    // every gold document naming the policy is found
    assert!(
        gold_ids.is_subset(&found),
        "{policy}: {gold_ids:?} not in {found:?}"
    );
    assert_eq!(total(&v) as usize, found.len());
    let docs: BTreeMap<String, String> = gold_docs().into_iter().collect();
    for h in v["results"]["hits"].as_array().unwrap() {
        let text = &docs[h["id"].as_str().unwrap()];
        let s = &h["snippet"];
        let hl = s["highlights"].as_array().unwrap();
        assert!(!hl.is_empty());
        for r in hl {
            let (b, e) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            assert!(
                text.get(b..e)
                    .is_some_and(|w| policy.contains(w) || w.contains(policy.as_str())),
                "highlight {:?} for {policy}",
                text.get(b..e)
            );
        }
        // the snippet's entities point into the text
        for e in h["entities"].as_array().unwrap() {
            let (b, t) = (
                e["byte_start"].as_u64().unwrap() as usize,
                e["byte_end"].as_u64().unwrap() as usize,
            );
            assert_eq!(text.get(b..t), e["text"].as_str());
        }
    }
    // the Simplified query finds the same documents in the same order
    let simplified = f.tagger.prepare(&policy);
    assert_ne!(
        simplified, policy,
        "the policy term reads differently in Simplified"
    );
    let vs = search(a, &[("q", &simplified), ("limit", "100")]);
    assert_eq!(ids(&vs), ids(&v));

    // facets: counts over all matches; clicking the top organization narrows the hits
    let orgs = v["results"]["orgs"].as_array().unwrap();
    assert!(!orgs.is_empty());
    let (name, count) = (
        orgs[0]["name"].as_str().unwrap(),
        orgs[0]["count"].as_u64().unwrap(),
    );
    assert!(count <= total(&v));
    let narrowed = search(a, &[("q", &policy), ("org", name), ("limit", "100")]);
    assert_eq!(total(&narrowed), count);
    for h in narrowed["results"]["hits"].as_array().unwrap() {
        assert!(
            h["orgs"].as_array().unwrap().iter().any(|o| o == name),
            "{name} in {h}"
        );
    }
    let locs = v["results"]["locs"].as_array().unwrap();
    if let Some(l) = locs.first() {
        let by_loc = search(a, &[("q", &policy), ("loc", l["name"].as_str().unwrap())]);
        assert_eq!(total(&by_loc), l["count"].as_u64().unwrap());
    }

    // paging: offset continues where the first page ended
    if total(&v) > 2 {
        let p1 = search(a, &[("q", &policy), ("limit", "2")]);
        let p2 = search(a, &[("q", &policy), ("limit", "2"), ("offset", "2")]);
        let all = ids(&v);
        assert_eq!(ids(&p1), all[..2]);
        assert_eq!(ids(&p2), all[2..all.len().min(4)]);
        assert_eq!(p2["results"]["offset"], 2);
    }
}

#[test]
fn the_amount_filter_keeps_documents_with_an_amount_in_range() {
    let f = start(|c| c);
    let a = f.addr();
    let all = search(a, &[("limit", "100")]);
    let n = total(&all);
    assert_eq!(n as usize, gold_docs().len());
    let mut amounts: Vec<f64> = all["results"]["hits"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| {
            h["amounts_cny"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(Value::as_f64)
                .collect::<Vec<_>>()
        })
        .collect();
    amounts.sort_by(f64::total_cmp);
    assert!(amounts.len() >= 4, "the gold documents name CNY amounts");
    let median = amounts[amounts.len() / 2];
    let filtered = search(
        a,
        &[("min_amount_cny", &median.to_string()), ("limit", "100")],
    );
    let kept = total(&filtered);
    assert!(kept >= 1 && kept < n, "{kept} of {n}");
    for h in filtered["results"]["hits"].as_array().unwrap() {
        assert!(h["amounts_cny"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x.as_f64().unwrap() >= median));
    }
    // a Chinese amount reads as its value; a range bounds both ends
    let yi = search(a, &[("min_amount_cny", "1億元"), ("limit", "100")]);
    let num = search(a, &[("min_amount_cny", "100000000"), ("limit", "100")]);
    assert_eq!(ids(&yi), ids(&num));
    let ranged = search(
        a,
        &[
            ("min_amount_cny", "1e8"),
            ("max_amount_cny", "1e9"),
            ("limit", "100"),
        ],
    );
    for h in ranged["results"]["hits"].as_array().unwrap() {
        assert!(h["amounts_cny"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| (1e8..=1e9).contains(&x.as_f64().unwrap())));
    }
}

#[test]
fn an_amount_filter_in_another_currency_keeps_only_those_amounts() {
    let f = start(|c| c);
    let a = f.addr();
    let all = search(a, &[("q", ""), ("limit", "100")]);
    let currencies: Vec<String> = all["results"]["currencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    let Some(other) = currencies.iter().find(|c| *c != "CNY") else {
        panic!("the gold documents name amounts in CNY only: {currencies:?}");
    };
    let hits = search(
        a,
        &[("min_amount", "1"), ("currency", other), ("limit", "100")],
    );
    assert!(total(&hits) >= 1, "{other}");
    for h in hits["results"]["hits"].as_array().unwrap() {
        assert!(
            h["amounts"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["currency"] == other.as_str()),
            "{h}"
        );
    }
    // currency= and min_amount_cny= disagree: 400
    let bad = get(a, &format!("/search?min_amount_cny=1&currency={other}"));
    assert_eq!(bad.status, 400);
    // a code of the right shape that the tagger never gives to money: 400, not an empty page
    for code in ["XYZ", "TEU"] {
        let bad = get(a, &format!("/search?min_amount=1&currency={code}"));
        assert_eq!(bad.status, 400, "{code}");
    }
}

#[test]
fn health_counts_documents_and_sees_an_index_that_grows() {
    let f = start(|c| c);
    let before = get(f.addr(), "/health").json();
    assert_eq!(before["status"], "ok");
    assert_eq!(
        before["documents"].as_u64().unwrap() as usize,
        gold_docs().len()
    );
    let added = zhtag_serve::build_index(
        f.dir.path(),
        f.tagger.clone(),
        vec![("new-1".to_string(), None, "寧德時代宣布擴產".to_string())],
    )
    .expect("append while serving");
    assert_eq!(added, 1);
    let after = get(f.addr(), "/health").json();
    assert_eq!(
        after["documents"].as_u64().unwrap(),
        before["documents"].as_u64().unwrap() + 1
    );
    let v = search(f.addr(), &[("q", "宣布擴產")]);
    assert_eq!(ids(&v), ["new-1"]);
}

#[test]
fn the_page_is_one_self_contained_html_file() {
    let f = start(|c| c);
    let r = get(f.addr(), "/");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r
        .header("content-security-policy")
        .unwrap()
        .contains("default-src 'none'"));
    let html = r.text();
    assert!(html.contains("<script>") && html.contains("fetch(\"/search?"));
    // nothing loaded from elsewhere
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("src=\""));
}
