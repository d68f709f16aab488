//! ORG error classes of issue #11, each pinned by sentences written for these tests (none is
//! copied from a gold file).

mod common;

use common::tagger;
use zhtag::Label;

/// The ORG spans the tagger finds in `text`, in text order.
fn orgs(text: &str) -> Vec<String> {
    tagger()
        .tag(text)
        .into_iter()
        .filter(|e| e.label == Label::Org)
        .map(|e| e.text)
        .collect()
}

fn has(text: &str, name: &str) -> bool {
    orgs(text).iter().any(|o| o == name)
}

// --- a body and its sub-unit written together are one name ---

#[test]
fn a_sub_unit_after_its_parent_body_is_one_name() {
    assert!(
        has("財政部國庫署今日公布上月稅收。", "財政部國庫署"),
        "{:?}",
        orgs("財政部國庫署今日公布上月稅收。")
    );
    let t = "經濟部投資業務處昨天舉行說明會。";
    assert!(has(t, "經濟部投資業務處"), "{:?}", orgs(t));
    let t = "中國國際貿易促進委員會浙江省分會與本地商會簽約。";
    assert!(has(t, "中國國際貿易促進委員會浙江省分會"), "{:?}", orgs(t));
}

#[test]
fn a_unit_before_a_title_stops_at_the_unit() {
    let t = "國務院國資委綜合局局長出席會議。";
    assert!(has(t, "國務院國資委綜合局"), "{:?}", orgs(t));
}

#[test]
fn hong_kong_secretaries_and_verbs_are_not_sub_units() {
    let t = "香港特區政府財政司司長今日發表預算案。";
    assert!(
        !orgs(t).iter().any(|o| o.contains("財政司")),
        "{:?}",
        orgs(t)
    );
    let t = "福建省商務廳簽署合作協議。";
    assert!(has(t, "福建省商務廳"), "{:?}", orgs(t));
}

// --- the place in front of an outlet or a government office ---

#[test]
fn a_region_before_an_outlet_belongs_to_its_name() {
    let t = "據香港中通社報道，展會將於下月舉行。";
    assert!(has(t, "香港中通社"), "{:?}", orgs(t));
    let t = "（澳門新聞網 記者 李明）";
    assert!(has(t, "澳門新聞網"), "{:?}", orgs(t));
}

#[test]
fn an_association_named_by_two_trades_is_one_name() {
    let t = "台灣鋼鐵及金屬製品總會理事長表示";
    assert!(has(t, "台灣鋼鐵及金屬製品總會"), "{:?}", orgs(t));
}
