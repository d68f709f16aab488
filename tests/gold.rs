//! The gold files: F1 floors per label, and the offset contract on every gold text.
//!
//! Floors are the targets of the issues; a regression below them fails CI.

mod common;

use common::{eval_file, tagger};
use zhtag::eval::{evaluate, read_gold, Report};
use zhtag::Label;

fn report(file: &str, labels: &[Label]) -> Report {
    let docs = read_gold(&eval_file(file)).expect("gold file parses");
    evaluate(tagger(), &docs, labels)
}

fn assert_floor(r: &Report, label: Label, floor: f64, file: &str) {
    let f1 = r.get(label).strict.f1();
    assert!(
        f1 >= floor,
        "{file}: strict F1 of {label} is {f1:.3}, below the floor {floor}\n{}",
        r.table()
    );
}

#[test]
fn seed_article_meets_the_f1_floors() {
    let r = report("seed.gold.jsonl", &Label::CORE);
    assert_floor(&r, Label::Org, 0.97, "seed");
    assert_floor(&r, Label::Quantity, 0.97, "seed");
    assert_floor(&r, Label::Policy, 0.97, "seed");
}

#[test]
fn news_dev_meets_the_f1_floors() {
    let r = report("news-dev.gold.jsonl", &Label::CORE);
    assert_floor(&r, Label::Org, 0.88, "news-dev");
    assert_floor(&r, Label::Quantity, 0.93, "news-dev");
    assert_floor(&r, Label::Policy, 0.80, "news-dev");
}

#[test]
fn every_entity_text_is_the_original_slice_on_all_gold_texts() {
    for file in [
        "seed.gold.jsonl",
        "news-dev.gold.jsonl",
        "org/msra-train-sample.tw.gold.jsonl",
        "org/uner-gsd-dev.gold.jsonl",
    ] {
        for doc in read_gold(&eval_file(file)).expect("gold file parses") {
            let chars: Vec<(usize, char)> = doc.text.char_indices().collect();
            let mut last_end = 0;
            for e in tagger().tag(&doc.text) {
                assert_eq!(
                    doc.text.get(e.byte_start..e.byte_end),
                    Some(e.text.as_str()),
                    "{file} {:?}",
                    doc.id
                );
                assert_eq!(
                    chars[e.start].0, e.byte_start,
                    "{file}: char and byte starts disagree"
                );
                assert_eq!(chars.get(e.end).map_or(doc.text.len(), |c| c.0), e.byte_end);
                assert!(
                    e.start >= last_end && e.start < e.end,
                    "{file}: entities overlap or are out of order"
                );
                last_end = e.end;
            }
        }
    }
}

/// The issue's floors on the public NER sets, scored by their own conventions: ORG strict F1
/// ≥ 0.70 on the MSRA sample and ≥ 0.55 on the UNER dev set.
#[test]
fn public_ner_sets_meet_their_org_f1_floors() {
    let r = report("org/msra-train-sample.tw.gold.jsonl", &[Label::Org]);
    assert_floor(&r, Label::Org, 0.70, "msra");
    let r = report("org/uner-gsd-dev.gold.jsonl", &[Label::Org]);
    assert_floor(&r, Label::Org, 0.55, "uner");
}

/// Issue #11's targets on news-dev2 (a development file since the issue's first commit).
#[test]
fn news_dev2_meets_the_issue_11_floors() {
    let labels = [
        Label::Org,
        Label::Policy,
        Label::Quantity,
        Label::Date,
        Label::Loc,
    ];
    let r = report("news-dev2.gold.jsonl", &labels);
    assert_floor(&r, Label::Org, 0.88, "news-dev2");
    assert_floor(&r, Label::Policy, 0.85, "news-dev2");
    assert_floor(&r, Label::Quantity, 0.97, "news-dev2");
    assert_floor(&r, Label::Date, 0.85, "news-dev2");
    assert_floor(&r, Label::Loc, 0.80, "news-dev2");
}

/// PERSON (the learned recognizer, issue 15): strict F1 ≥ 0.90 on the three news files
/// together (0.969 measured). On the MSRA sample the issue asks 0.80; the shipped model with
/// the document stage's model names, the wider window gate and the common-word filter reaches
/// 0.787; with a surname named by its title (王先生 → 王) and model spans snapped to the word they cut, 0.808: the floor is 0.80 (see models/README.md). UNER dev: 0.684, floor 0.67.
#[test]
fn person_meets_its_f1_floors() {
    let mut news = zhtag::eval::Counts::default();
    for file in [
        "seed.gold.jsonl",
        "news-dev.gold.jsonl",
        "news-dev2.gold.jsonl",
    ] {
        let c = report(file, &[Label::Person]).get(Label::Person).strict;
        news.tp_pred += c.tp_pred;
        news.tp_gold += c.tp_gold;
        news.predicted += c.predicted;
        news.gold += c.gold;
    }
    assert!(
        news.f1() >= 0.90,
        "PERSON strict F1 on seed + news-dev + news-dev2 is {:.3}, below 0.90",
        news.f1()
    );
    let r = report("org/msra-train-sample.tw.gold.jsonl", &[Label::Person]);
    assert_floor(&r, Label::Person, 0.80, "msra");
    let r = report("org/uner-gsd-dev.gold.jsonl", &[Label::Person]);
    assert_floor(&r, Label::Person, 0.67, "uner");
}
