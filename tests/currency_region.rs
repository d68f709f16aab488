//! The currency of a bare 元, decided per document: the record's or caller's region, the
//! conversion variant, then the document's own currency words (sentences written for this test).

use zhtag::quantity::Region;
use zhtag::{Normalized, TagOptions, Tagger, Variant};

/// (text, unit, currency_from) of every QUANTITY.
fn money(
    tagger: &Tagger,
    text: &str,
    region: Option<Region>,
) -> Vec<(String, String, Option<String>)> {
    tagger
        .tag_with(text, &TagOptions { region })
        .into_iter()
        .filter_map(|e| match e.normalized {
            Normalized::Quantity(q) => Some((e.text, q.unit, q.currency_from)),
            _ => None,
        })
        .collect()
}

fn triple(t: &str, u: &str, f: Option<&str>) -> (String, String, Option<String>) {
    (t.to_string(), u.to_string(), f.map(str::to_string))
}

#[test]
fn a_bare_yuan_stays_cny_without_any_evidence() {
    let t = Tagger::new();
    assert_eq!(
        money(&t, "市府編列預算8億元興建圖書館。", None),
        vec![triple("8億元", "CNY", None)]
    );
}

#[test]
fn the_documents_own_currency_words_decide_and_say_so() {
    let t = Tagger::new();
    let text = "該公司以新台幣12億元購入廠房。\n另外投資3億元擴充產線。";
    assert_eq!(
        money(&t, text, None),
        vec![
            triple("新台幣12億元", "TWD", None),
            triple("3億元", "TWD", Some("document"))
        ]
    );
    let text = "金管局指港元匯價穩定。特區政府撥款50億元支援中小企。";
    assert_eq!(
        money(&t, text, None),
        vec![triple("50億元", "HKD", Some("document"))]
    );
    let text = "澳門元與港元掛鈎,澳門元兌換率不變。當局撥出2億元。";
    assert_eq!(
        money(&t, text, None),
        vec![triple("2億元", "MOP", Some("document"))]
    );
}

#[test]
fn the_region_comes_before_the_variant_and_the_words() {
    let tw = Tagger::builder()
        .variant(Variant::Tw2s)
        .build()
        .expect("build");
    let text = "港元走強,政府撥款50億元。";
    assert_eq!(
        money(&tw, text, None),
        vec![triple("50億元", "TWD", Some("variant"))]
    );
    assert_eq!(
        money(&tw, text, Some(Region::Macau)),
        vec![triple("50億元", "MOP", Some("region"))]
    );
    let cn = Tagger::builder()
        .region(Region::Mainland)
        .build()
        .expect("build");
    assert_eq!(
        money(&cn, text, None),
        vec![triple("50億元", "CNY", Some("region"))]
    );
    // a span that names its currency keeps it
    assert_eq!(
        money(&cn, "美國撥款3億美元", Some(Region::HongKong)),
        vec![triple("3億美元", "USD", None)]
    );
}
