//! POLICY error classes of issue #11, each pinned by sentences written for these tests (none is
//! copied from a gold file).

mod common;

use common::spans;
use zhtag::Label;

fn policies(text: &str) -> Vec<String> {
    spans(text, Label::Policy)
}

fn has(text: &str, name: &str) -> bool {
    policies(text).iter().any(|p| p == name)
}

#[test]
fn quoted_names_after_a_policy_verb_or_before_a_policy_head_are_policies() {
    for (text, name) in [
        ("縣府持續推動「幸福城鄉」，提升公共服務。", "幸福城鄉"),
        ("市府將落實「青年安居」及「銀髮樂活」兩項政見。", "青年安居"),
        ("市府將落實「青年安居」及「銀髮樂活」兩項政見。", "銀髮樂活"),
        ("當局秉持「收支平衡」的原則編製預算。", "收支平衡"),
        ("政府提出的「三大支柱」方針獲得支持。", "三大支柱"),
        (
            "澳門將推進本澳「智慧城市」建設，並打造「旅遊加」品牌。",
            "旅遊加",
        ),
    ] {
        assert!(has(text, name), "{text}: {:?}", policies(text));
    }
}

#[test]
fn rhetoric_and_mottos_in_quotes_are_not_policies() {
    for text in [
        "國有企業發揮了經濟「頂樑柱」作用。",
        "展會以「攜手共贏,再創佳績」為主題。",
        "分析師形容股價「一定漲得很兇」。",
        "民間對女媧有「九天玄女說」等說法。",
    ] {
        assert!(policies(text).is_empty(), "{text}: {:?}", policies(text));
    }
}

#[test]
fn numbered_formulas_plans_and_four_character_principles_in_quotes() {
    for (text, name) in [
        ("全市構建「1+N」政策體系。", "1+N"),
        ("當地規劃「三園兩帶一中心」的空間格局。", "三園兩帶一中心"),
        ("其中「兩帶」指沿江與沿海產業帶。", "兩帶"),
        ("市場推出「以舊換新」補貼。", "以舊換新"),
        ("醫療收費堅持「用者自付」。", "用者自付"),
        ("檢測做到「應檢盡檢」。", "應檢盡檢"),
        ("特區推動「一中心、一平台」建設。", "一中心、一平台"),
    ] {
        assert!(has(text, name), "{text}: {:?}", policies(text));
    }
}

#[test]
fn titles_with_a_period_stay_whole_and_laws_are_policies() {
    let t = "市政府印發《某市數字經濟發展規劃（二〇二五—二〇二九年）》。";
    assert!(
        has(t, "某市數字經濟發展規劃（二〇二五—二〇二九年）"),
        "{:?}",
        policies(t)
    );
    let t = "立法院三讀通過《產業創新條例》與《氣候變遷因應法》。";
    assert!(has(t, "氣候變遷因應法"), "{:?}", policies(t));
    let t = "雙方將落實《兩地經貿合作框架安排》。";
    assert!(has(t, "兩地經貿合作框架安排"), "{:?}", policies(t));
    let t = "出版社推出《現代漢語詞典》新版。";
    assert!(policies(t).is_empty(), "{:?}", policies(t));
}

#[test]
fn programmes_launched_by_a_verb_and_their_coordinated_names() {
    let t = "會上發布了南山青年就業扶持計劃和南山高端人才引進清單。";
    assert!(has(t, "南山青年就業扶持計劃"), "{:?}", policies(t));
    assert!(has(t, "南山高端人才引進清單"), "{:?}", policies(t));
    for t in [
        "政府推出多項紓困方案。",
        "各局已制定年度檢查工作計劃。",
        "政府推出交通建設等一系列公共投資計劃。",
        "公司發布了新的產品計劃。",
    ] {
        assert!(policies(t).is_empty(), "{t}: {:?}", policies(t));
    }
}

#[test]
fn a_named_edition_keeps_its_year() {
    let t = "政府公布2024年現金分享計劃的發放安排。";
    assert!(has(t, "2024年現金分享計劃"), "{:?}", policies(t));
    let t = "特首發表二〇二六年財政年度施政報告。";
    assert!(has(t, "二〇二六年財政年度施政報告"), "{:?}", policies(t));
    assert!(spans(t, Label::Date).is_empty());
}

#[test]
fn regimes_taxes_and_schemes_of_hong_kong_macau_and_taiwan_are_in_the_lexicon() {
    for (text, name) in [
        ("金管局重申維持聯繫匯率制度。", "聯繫匯率制度"),
        ("港元觸發強方兌換保證。", "強方兌換保證"),
        ("特區將引入香港最低補足稅。", "香港最低補足稅"),
        ("美方宣布加徵對等關稅。", "對等關稅"),
        ("長者可申領高齡津貼。", "高齡津貼"),
        ("經濟部指中小企業方案申請踴躍。", "中小企業方案"),
        ("澳門推動經濟適度多元發展。", "經濟適度多元發展"),
    ] {
        assert!(has(text, name), "{text}: {:?}", policies(text));
    }
}

#[test]
fn monetary_aggregates_and_zones_are_not_policies() {
    let t = "港元廣義貨幣供應量M3按月回落。";
    assert!(policies(t).is_empty(), "{:?}", policies(t));
    let t = "企業在桃園航空城設立物流中心。";
    assert!(policies(t).is_empty(), "{:?}", policies(t));
    assert!(spans(t, Label::Loc).iter().any(|l| l == "桃園航空城"));
}

#[test]
fn a_category_stays_itself_before_a_cluster() {
    let t = "加快培育戰略性新興產業集群。";
    assert!(has(t, "戰略性新興產業"), "{:?}", policies(t));
}

#[test]
fn a_scheme_a_government_sets_up_is_a_policy_but_an_investment_fund_is_not() {
    let t = "政府將設立青年創業發展基金，並開通企業數碼轉型綠色通道。";
    assert_eq!(policies(t), ["青年創業發展基金", "企業數碼轉型綠色通道"]);
    // coordinated with a first one
    let t = "市府設立中小企業紓困綠色通道和青年返鄉創業基金。";
    assert_eq!(policies(t), ["中小企業紓困綠色通道", "青年返鄉創業基金"]);
    // an investment fund holds shares: a body, not a scheme
    let t = "特區政府設立本地科技投資基金。";
    assert!(policies(t).is_empty(), "{:?}", policies(t));
    // a generic reference names none
    let t = "政府將設立相關基金。";
    assert!(policies(t).is_empty(), "{:?}", policies(t));
}

#[test]
fn a_quoted_digit_formula_in_policy_use_is_a_policy() {
    for (text, name) in [
        ("市府推出「2+2+2」托育補助方案。", "2+2+2"),
        ("特區政府持續推動「1+4」經濟適度多元發展策略。", "1+4"),
        ("當局將落實「5+1」產業計劃。", "5+1"),
    ] {
        assert!(has(text, name), "{text}: {:?}", policies(text));
    }
    // a score or a sum in quotes is no policy
    for text in ["兩隊以「3+2」的陣容出賽。", "他說「1+1」不一定等於二。"] {
        assert!(policies(text).is_empty(), "{text}: {:?}", policies(text));
    }
}

/// Quoted scheme names after a launch verb or before a scheme word: a four-character name
/// ending in 補貼 is a name like any other, in Taiwan and Hong Kong styles.
#[test]
fn quoted_subsidy_schemes_are_policies() {
    assert!(has("縣府推出「育兒補貼」，每月發放。", "育兒補貼"));
    assert!(has("特區政府延續「電費補貼」計劃一年。", "電費補貼"));
    assert!(has("商務部門擴大「家電換新」補貼範圍。", "家電換新"));
}

/// Trade measures and regimes named by governments (GUIDELINES: named programmes, laws and
/// designations), from the lexicon.
#[test]
fn named_trade_measures_and_regimes_are_policies() {
    assert!(has("出口商須為碳邊境調整機制申報排放。", "碳邊境調整機制"));
    assert!(has("華府將三家晶片公司列入實體清單。", "實體清單"));
    assert!(has("白宮援引301條款對進口鋼材加徵關稅。", "301條款"));
    assert!(has("金管局指聯繫匯率制度運作暢順。", "聯繫匯率制度"));
}

/// A purchasing managers' index is a survey indicator like GDP, not a policy indicator; a topic
/// + the adjective 新 + 計畫 is a generic reference (rule 33), while 新 inside a word stays in a name.
#[test]
fn pmi_and_a_new_plan_for_a_topic_are_not_policies() {
    assert!(policies("上月製造業PMI回升至51.2，非製造業採購經理人指數持平。").is_empty());
    assert!(!has("交通部公布停車管理新計畫。", "停車管理新計畫"));
    assert!(has("縣府推出地方產業創新計畫。", "地方產業創新計畫"));
}

/// A version number written right after a programme's name (方案3.0, 計畫 2.0) belongs to
/// the name; an amount after the name does not (方案 + 2.5億元). Sentences written for this
/// test.
#[test]
fn a_version_after_a_programme_name_is_part_of_it() {
    assert_eq!(
        policies("經濟部續推中小企業加速投資行動方案2.0，受理申請。"),
        ["中小企業加速投資行動方案2.0"]
    );
    assert_eq!(
        policies("國科會擬定小型企業創新研發計畫 3.1 修正案"),
        ["小型企業創新研發計畫 3.1"]
    );
    assert_eq!(
        spans("智慧機械產業推動方案2.5億元經費", Label::Quantity),
        ["2.5億元"]
    );
    assert!(!policies("智慧機械產業推動方案2.5億元經費")
        .iter()
        .any(|p| p.contains("2.5")));
}
