//! Each stage's behaviour, pinned through the public API.

mod common;

use common::tagger;
use zhtag::convert::{convert_mapped, EmbeddedConverter, ScriptConverter, Variant};
use zhtag::{Entity, Label, Normalized, Tagger};

fn spans(entities: &[Entity]) -> Vec<(Label, &str)> {
    entities
        .iter()
        .map(|e| (e.label, e.text.as_str()))
        .collect()
}

fn name(e: &Entity) -> &str {
    match &e.normalized {
        Normalized::Name { name, .. } => name,
        Normalized::Quantity(_) => "",
    }
}

#[test]
fn offsets_survive_a_conversion_that_changes_length() {
    let t = Tagger::builder()
        .variant(Variant::Tw2sp)
        .build()
        .expect("tw2sp tagger");
    let text = "他去肯亞考察後,瓦軸集團宣布投資8億元";
    for e in t.tag(text) {
        assert_eq!(&text[e.byte_start..e.byte_end], e.text);
    }
    assert!(spans(&t.tag(text)).contains(&(Label::Org, "瓦軸集團")));
    // the conversion really changed the length here
    let c = EmbeddedConverter::new(Variant::Tw2sp).expect("tw2sp");
    assert_ne!(c.convert(text).chars().count(), text.chars().count());
    let conv = convert_mapped(&c, text);
    assert_eq!(
        conv.map.to_original(0, conv.text.chars().count()),
        (0, text.chars().count())
    );
}

#[test]
fn mixed_simplified_and_traditional_text_is_tagged_with_the_canonical_name() {
    let es = tagger().tag("大连船舶重工集团与瓦軸集团签约");
    assert_eq!(spans(&es)[0], (Label::Org, "大连船舶重工集团"));
    assert_eq!(name(&es[0]), "大連船舶重工集團");
    assert_eq!(spans(&es)[1], (Label::Org, "瓦軸集团"));
}

#[test]
fn full_width_digits_and_percent_are_quantities() {
    let es = tagger().tag("出口額成長６．３％,另簽約９億元");
    let q: Vec<&str> = es
        .iter()
        .filter(|e| e.label == Label::Quantity)
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(q, ["６．３％", "９億元"]);
}

#[test]
fn a_space_inside_a_quantity_belongs_to_it() {
    let es = tagger().tag("濰柴動力 11 升柴油機下月量產");
    assert!(
        spans(&es).contains(&(Label::Quantity, "11 升")),
        "{:?}",
        spans(&es)
    );
    assert!(spans(&es).contains(&(Label::Org, "濰柴動力")));
}

#[test]
fn a_short_name_is_not_found_inside_a_longer_word() {
    let es = tagger().tag("2024年,各地工信部門陸續盤點進度");
    assert!(
        !es.iter().any(|e| e.label == Label::Org),
        "{:?}",
        spans(&es)
    );
    let es = tagger().tag("工信部今年將加快審批流程");
    assert_eq!(spans(&es)[0], (Label::Org, "工信部"));
}

#[test]
fn lowercased_latin_names_match_their_dictionary_entry() {
    let es = tagger().tag("據悉sk海力士將擴大記憶體產能");
    assert_eq!(spans(&es)[0], (Label::Org, "sk海力士"));
    assert_eq!(name(&es[0]), "SK海力士");
}

#[test]
fn latin_aliases_do_not_match_inside_english_words() {
    // CIA, ICE, PLA and PLO are aliases; they sit inside social, notice, platform and uploaded
    let es = tagger().tag("Social notice: photos uploaded to the platform are reviewed first.");
    assert!(es.is_empty(), "{:?}", spans(&es));
}

#[test]
fn unseen_companies_are_found_by_their_legal_suffix() {
    let es = tagger().tag("寧波星瀾精密光學有限公司專注於鏡頭研發");
    assert_eq!(spans(&es)[0], (Label::Org, "寧波星瀾精密光學有限公司"));
    assert!(tagger()
        .tag("該公司表示,上市公司和科技公司都在觀望")
        .iter()
        .all(|e| e.label != Label::Org));
}

#[test]
fn government_bodies_are_found_by_structure() {
    let es = tagger().tag("國家發改委產業發展司副司長說明");
    assert!(
        spans(&es).contains(&(Label::Org, "國家發改委產業發展司")),
        "{:?}",
        spans(&es)
    );
    let es = tagger().tag("大陸人力資源和社會保障部的官員昨天回應");
    assert!(
        spans(&es).contains(&(Label::Org, "人力資源和社會保障部")),
        "{:?}",
        spans(&es)
    );
}

#[test]
fn a_declared_short_form_becomes_an_org_with_the_full_name() {
    let text = "遼寧恒創精密機械有限公司(以下簡稱恒創精密)昨日投產。恒創精密表示將擴產。";
    let es = tagger().tag(text);
    let short: Vec<&Entity> = es.iter().filter(|e| e.text == "恒創精密").collect();
    assert_eq!(short.len(), 2, "{:?}", spans(&es));
    assert_eq!(name(short[1]), "遼寧恒創精密機械有限公司");
}

#[test]
fn policy_titles_lose_their_book_title_marks() {
    let es = tagger().tag("縣府公布《新竹縣低碳交通推動方案》");
    assert!(
        spans(&es).contains(&(Label::Policy, "新竹縣低碳交通推動方案")),
        "{:?}",
        spans(&es)
    );
}

#[test]
fn a_longer_named_unit_wins_over_a_number_inside_it() {
    let es = tagger().tag("圍繞“五篇大文章”推出新措施58項");
    assert_eq!(
        spans(&es),
        [(Label::Policy, "五篇大文章"), (Label::Quantity, "58項")]
    );
}

#[test]
fn user_dictionaries_add_names_and_bad_ones_name_file_and_line() {
    let t = Tagger::builder()
        .dictionary_text("mine.tsv", "name\ttype\taliases\n毓恬冠佳\tcompany\t冠佳\n")
        .build()
        .expect("valid user dictionary");
    assert_eq!(spans(&t.tag("冠佳擴產")), [(Label::Org, "冠佳")]);
    let err = Tagger::builder()
        .dictionary_text("mine.tsv", "name\ttype\taliases\n毓恬冠佳\tfactory\t\n")
        .build()
        .expect_err("unknown type");
    assert!(
        err.to_string().starts_with("mine.tsv:2: unknown type"),
        "{err}"
    );
}

#[test]
fn empty_and_odd_inputs_give_no_entities_and_no_panic() {
    for text in [
        "",
        " ",
        "\n\n",
        "\u{FEFF}",
        "\r",
        "😀😀",
        "e\u{301}",
        "\u{0}\u{1}",
    ] {
        assert!(tagger().tag(text).is_empty(), "{text:?}");
    }
}

#[test]
fn a_hedge_stays_outside_the_span_and_is_recorded_as_written() {
    let es = tagger().tag("營收年增約13%,超6萬家廠商");
    let q: Vec<&Entity> = es.iter().filter(|e| e.label == Label::Quantity).collect();
    assert_eq!(q[0].text, "13%");
    assert_eq!(q[1].text, "6萬家");
    match (&q[0].normalized, &q[1].normalized) {
        (Normalized::Quantity(a), Normalized::Quantity(b)) => {
            assert_eq!(a.hedge.as_deref(), Some("約"));
            assert_eq!(b.hedge.as_deref(), Some("超"));
            assert_eq!((a.value, a.unit.as_str()), (13.0, "%"));
            assert_eq!((b.value, b.unit.as_str()), (60_000.0, "家"));
        }
        other => panic!("not quantities: {other:?}"),
    }
}

#[test]
fn calendar_expressions_are_dates_and_durations_are_not() {
    let es = tagger()
        .tag("3月18日,新竹縣舉辦2025年論壇;二〇二九年底完工,今(22)日公布,連續9年、首8個月成長");
    let dates: Vec<&str> = es
        .iter()
        .filter(|e| e.label == Label::Date)
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(dates, ["3月18日", "2025年", "二〇二九年底", "今(22)日"]);
}

/// The ORG texts `tagger` finds in `text`.
fn orgs(tagger: &Tagger, text: &str) -> Vec<String> {
    tagger
        .tag(text)
        .into_iter()
        .filter(|e| e.label == Label::Org)
        .map(|e| e.text)
        .collect()
}

#[test]
fn a_government_is_named_by_its_place_and_nothing_else() {
    let t = tagger();
    assert_eq!(orgs(t, "台南市政府今天宣布"), ["台南市政府"]);
    assert!(orgs(t, "雙方政府已同意重啟談判").is_empty());
    assert!(orgs(t, "問題是兩國政府能否讓步").is_empty());
}

#[test]
fn a_place_and_a_descriptor_before_company_name_no_company() {
    let t = tagger();
    assert!(orgs(t, "不少越南私人公司紛紛拋售日圓").is_empty());
    assert_eq!(orgs(t, "杭州建設公司的主管指出"), ["杭州建設公司"]);
}

#[test]
fn committees_and_titles_name_the_body_of_their_place() {
    let t = tagger();
    assert_eq!(orgs(t, "出任泗陽縣委書記"), ["泗陽縣委"]);
    assert_eq!(orgs(t, "外交部長今天會見"), ["外交部"]);
    assert_eq!(orgs(t, "巴西國防部長昨日抵達"), ["巴西國防部"]);
}

#[test]
fn a_short_company_name_inside_a_persons_name_is_not_an_org() {
    let t = tagger();
    assert!(orgs(t, "球隊總教練阿里·貝克的妻子").is_empty());
}

#[test]
fn teams_are_named_by_their_place_or_their_own_name() {
    let t = tagger();
    assert_eq!(orgs(t, "她與日本國家男隊教練"), ["日本國家男隊"]);
    assert!(orgs(t, "命令巴西軍隊撤回營區").is_empty());
}

#[test]
fn legislatures_and_factories_are_named_by_their_place() {
    let t = tagger();
    assert_eq!(orgs(t, "據泰國國會昨天通過"), ["泰國國會"]);
    assert_eq!(orgs(t, "九江陶瓷廠也在觀望"), ["九江陶瓷廠"]);
    assert!(orgs(t, "該廠的工人").is_empty());
}

#[test]
fn an_institution_named_only_by_its_field_is_not_an_org() {
    let t = tagger();
    assert!(orgs(t, "他考入藝術學院就讀").is_empty());
    assert_eq!(orgs(t, "他考入上海戲劇學院就讀"), ["上海戲劇學院"]);
}

#[test]
fn clause_words_and_people_are_not_organizations() {
    let t = tagger();
    assert!(orgs(t, "此事由王立軍負責").is_empty());
    assert!(orgs(t, "不同於對方集團的做法").is_empty());
    assert_eq!(orgs(t, "且雷諾集團也表示"), ["雷諾集團"]);
}
