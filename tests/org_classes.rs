//! ORG error classes of issue #11, each pinned by sentences written for these tests (none is
//! copied from a gold file).

mod common;

use common::spans;
use zhtag::Label;

fn orgs(text: &str) -> Vec<String> {
    spans(text, Label::Org)
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
    let t = "特區政府政務司司長今日出席論壇。";
    assert!(
        !orgs(t).iter().any(|o| o.contains("政務司")),
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
    // the first trade may itself be a suffix word (銀行, 證券)
    let t = "香港銀行及金融業協會昨日回應。";
    assert_eq!(orgs(t), ["香港銀行及金融業協會"]);
    let t = "香港證券及期貨從業員總會發表聲明。";
    assert_eq!(orgs(t), ["香港證券及期貨從業員總會"]);
    // two whole names side by side stay two: the second conjunct begins with a place
    let t = "中國銀行及香港銀行公會代表出席。";
    assert!(has(t, "香港銀行公會"), "{:?}", orgs(t));
    assert!(!orgs(t).iter().any(|o| o.contains('及')), "{:?}", orgs(t));
}

#[test]
fn a_company_named_only_by_its_place_and_descriptors_is_no_name() {
    for t in [
        "日本民間公司與韓國中小型公司均表示將擴大投資。",
        "多家台資公司與港資公司合作。",
        "當地外商公司與本土公司簽約。",
    ] {
        assert!(
            !orgs(t).iter().any(|o| o.ends_with("公司")),
            "{t}: {:?}",
            orgs(t)
        );
    }
    // a real name with a place in front is still one
    let t = "日本豐田汽車公司宣布增產。";
    assert!(orgs(t).iter().any(|o| o.ends_with("公司")), "{:?}", orgs(t));
}

// --- Latin-script legal names ---

#[test]
fn latin_legal_names_keep_their_suffix() {
    let t = "以500萬美元增資泰國NORTHSTAR PRECISION CO., LTD.，從事模具製造。";
    assert!(has(t, "NORTHSTAR PRECISION CO., LTD."), "{:?}", orgs(t));
    let t = "轉投資美國BLUE RIVER SYSTEMS INC.，從事軟體開發";
    assert!(has(t, "BLUE RIVER SYSTEMS INC."), "{:?}", orgs(t));
    let t = "增資智利ANDES MINERA S.A.從事採礦";
    assert!(has(t, "ANDES MINERA S.A."), "{:?}", orgs(t));
}

// --- short company names known from their context ---

#[test]
fn a_name_before_a_stock_code_is_a_company() {
    let t = "其中金豐精密（3591）上半年營收大增。";
    assert!(has(t, "金豐精密"), "{:?}", orgs(t));
    // a descriptor before it stays outside
    let t = "業界龍頭宏鑫光電（6612）宣布擴產";
    assert!(has(t, "宏鑫光電"), "{:?}", orgs(t));
}

#[test]
fn a_name_after_a_role_noun_is_a_company() {
    let t = "該集團旗下德昇物流將於明年上市。";
    assert!(has(t, "德昇物流"), "{:?}", orgs(t));
}

#[test]
fn a_clause_initial_trade_name_before_a_company_verb_is_a_company() {
    let t = "另外，昱晟化工擬投資5億元擴建新廠。";
    assert!(has(t, "昱晟化工"), "{:?}", orgs(t));
    // common words before a trade word name nothing
    let t = "整體公共建設預計明年完工。";
    assert!(orgs(t).is_empty(), "{:?}", orgs(t));
}

// --- document stage: names found once by a strong cue recur ---

fn count(text: &str, name: &str) -> usize {
    orgs(text).iter().filter(|o| *o == name).count()
}

#[test]
fn a_name_found_by_a_stock_code_is_found_again_in_the_document() {
    let t = "券商看好金豐精密（3591）後市。\n分析師指出，金豐精密的訂單已排到年底，金豐精密股份也獲外資加碼。";
    let found = orgs(t);
    assert_eq!(count(t, "金豐精密"), 2, "{found:?}");
    assert_eq!(count(t, "金豐精密股份"), 1, "{found:?}");
}

#[test]
fn a_sub_unit_named_with_its_parent_is_found_alone_later() {
    let t = "財政部關務業務處今日說明新制。\n關務業務處表示，新制下月上路。";
    let found = orgs(t);
    assert!(found.iter().any(|o| o == "財政部關務業務處"), "{found:?}");
    assert!(found.iter().any(|o| o == "關務業務處"), "{found:?}");
}

#[test]
fn a_recurring_name_is_not_marked_inside_a_longer_word() {
    // 金豐 is the short form of 金豐精密, but 金豐富 is another word here
    let t = "金豐精密（3591）獲利成長。\n他的收藏十分金豐富。";
    assert!(!orgs(t).iter().any(|o| o == "金豐"), "{:?}", orgs(t));
}

// --- Latin brands beside a known organization ---

#[test]
fn latin_brands_listed_with_a_known_company_are_organizations() {
    let t = "去年NISSAN+DATSUN兩品牌合計銷量成長。";
    assert!(has(t, "DATSUN"), "{:?}", orgs(t));
    let t = "全球風能理事會（GWEC）發布報告";
    assert!(has(t, "GWEC"), "{:?}", orgs(t));
    // a two-letter word after 和 is not a brand
    let t = "台積電和AI應用";
    assert!(!has(t, "AI"), "{:?}", orgs(t));
}

#[test]
fn a_trade_word_after_a_latin_brand_is_part_of_the_name() {
    let t = "代理的HONDA汽車銷量回升";
    assert!(has(t, "HONDA汽車"), "{:?}", orgs(t));
}

// --- a legislature's numbered term stays outside its name ---

#[test]
fn a_numbered_term_before_a_legislature_stays_outside_the_org() {
    assert_eq!(orgs("第十四屆全國人大代表今日座談。"), ["全國人大"]);
    assert_eq!(orgs("首屆立法會今日選出主席。"), ["立法會"]);
    assert_eq!(orgs("他曾任第九屆全國政協委員。"), ["全國政協"]);
}

// --- the committee that runs a zone, the League's committees, a body before 議員 ---

#[test]
fn the_committee_that_runs_a_zone_is_one_name_with_it() {
    let t = "粵港合作區管委會主任昨日出席。";
    assert_eq!(orgs(t), ["粵港合作區管委會"]);
    let t = "南沙新區黨工委書記出席座談會。";
    assert_eq!(orgs(t), ["南沙新區黨工委"]);
    // a park with no name of its own names no committee
    let t = "園區管委會表示將加快審批。";
    assert!(orgs(t).is_empty(), "{:?}", orgs(t));
}

#[test]
fn the_leagues_committees_of_a_level_are_organizations() {
    let t = "團省委與團市委聯合舉辦青年論壇。";
    assert_eq!(orgs(t), ["團省委", "團市委"]);
}

#[test]
fn a_body_before_a_member_title_is_found_when_jieba_cuts_there() {
    // 會議 is a common word across 立法會|議員, but jieba reads 議員 as the word there
    let t = "多名立法會議員要求政府交代。";
    assert_eq!(orgs(t), ["立法會"]);
    // a single char after the body still makes the end doubtful (部門)
    let t = "大連工信部門表示歡迎。";
    assert!(orgs(t).is_empty(), "{:?}", orgs(t));
}

#[test]
fn a_plant_being_built_is_a_facility_not_an_organization() {
    // CLARIFICATIONS 11: the facility gets no label, the place inside it is LOC
    let t = "公司宣布擴建新竹湖口鋼構廠，並興建台南安南物流廠。";
    assert!(orgs(t).is_empty(), "{:?}", orgs(t));
    assert_eq!(spans(t, Label::Loc), ["新竹湖口", "台南安南"]);
}

#[test]
fn the_trade_before_the_suffix_is_part_of_the_name_even_when_it_is_a_verb() {
    let t = "蘇州工業園區開發有限公司表示歡迎。";
    assert_eq!(orgs(t), ["蘇州工業園區開發有限公司"]);
    let t = "深港科技小鎮開發公司與企業簽約。";
    assert_eq!(orgs(t), ["深港科技小鎮開發公司"]);
    // a verb phrase before 公司 names none
    let t = "他們積極開發公司客戶。";
    assert!(orgs(t).is_empty(), "{:?}", orgs(t));
}

// --- funds that are investment companies (they hold shares) are ORG, not schemes ---

#[test]
fn a_fund_that_holds_shares_is_an_organization() {
    for (text, name) in [
        (
            "國家綠色發展基金聯合地方國資設立子基金。",
            "國家綠色發展基金",
        ),
        ("大基金三期宣布入股一家晶圓廠。", "大基金三期"),
        (
            "國家製造業轉型升級基金領投本輪融資。",
            "國家製造業轉型升級基金",
        ),
        ("國家融資擔保基金與多省擔保機構合作。", "國家融資擔保基金"),
    ] {
        assert!(has(text, name), "{text}: {:?}", orgs(text));
        assert!(
            spans(text, Label::Policy).is_empty(),
            "{text}: {:?}",
            spans(text, Label::Policy)
        );
    }
    // a fund whose money is granted under rules stays a scheme
    let t = "創科局透過創新及科技基金資助研發項目。";
    assert!(
        spans(t, Label::Policy)
            .iter()
            .any(|p| p == "創新及科技基金"),
        "{:?}",
        spans(t, Label::Policy)
    );
}

// --- Taiwan's investment trusts, advisers and insurers named by their short suffix ---

#[test]
fn a_name_before_a_financial_firm_suffix_is_one_organization() {
    for (text, name) in [
        ("復華投信今日推出新檔高股息基金。", "復華投信"),
        ("野村投信與安聯投顧合辦投資講座。", "安聯投顧"),
        ("明台產險宣布調整車險費率。", "明台產險"),
        ("台灣人壽旗下的中信產險公布理賠件數。", "中信產險"),
    ] {
        assert!(has(text, name), "{text}: {:?}", orgs(text));
    }
    // the suffix alone, after a count, names nothing
    let t = "多家投信看好下半年台股表現。";
    assert!(orgs(t).is_empty(), "{:?}", orgs(t));
}

// --- a 院 inside its head's title: 行政院長 ---

#[test]
fn a_yuan_inside_its_heads_title_is_an_organization() {
    for (text, name) in [
        ("行政院長在院會後接受媒體聯訪。", "行政院"),
        ("司法院長今日主持大法官會議。", "司法院"),
        ("考試院長出席新任公務員宣誓典禮。", "考試院"),
    ] {
        assert!(has(text, name), "{text}: {:?}", orgs(text));
    }
}

// --- a country word in front of a ministry only describes it (CLARIFICATIONS 3) ---

fn locs(text: &str) -> Vec<String> {
    spans(text, Label::Loc)
}

#[test]
fn china_or_taiwan_before_a_ministry_is_a_place_of_its_own() {
    for (text, body, country) in [
        ("中國外交部發言人昨日回應記者提問。", "外交部", "中國"),
        ("中國商務部宣布對進口鋼材展開反傾銷調查。", "商務部", "中國"),
        ("中國財政部將在香港發行人民幣國債。", "財政部", "中國"),
        ("中國海關總署公布上月出口數據。", "海關總署", "中國"),
        ("台灣外交部對此表示遺憾。", "外交部", "台灣"),
        ("中國最高人民法院發布司法解釋。", "最高人民法院", "中國"),
    ] {
        assert!(has(text, body), "{text}: {:?}", orgs(text));
        assert!(
            !orgs(text).iter().any(|o| o.starts_with(country)),
            "{text}: {:?}",
            orgs(text)
        );
        assert!(
            locs(text).iter().any(|l| l == country),
            "{text}: {:?}",
            locs(text)
        );
    }
    // inside a minister's title as well
    let t = "中國外交部長當天會見來訪的外賓。";
    assert_eq!(orgs(t), ["外交部"]);
    assert_eq!(locs(t), ["中國"]);
}

#[test]
fn a_country_that_is_part_of_the_official_name_stays_inside() {
    for (text, name) in [
        ("中國汽車工業協會公布上月新車銷量。", "中國汽車工業協會"),
        ("中國人民銀行宣布下調存款準備金率。", "中國人民銀行"),
        ("中國社科院發表年度經濟藍皮書。", "中國社科院"),
        ("中國民航局發布新的航班管理規定。", "中國民航局"),
        ("中華人民共和國外交部發表聲明。", "中華人民共和國外交部"),
        // a foreign country names its own ministry (the project's reading of rule 3)
        ("美國國防部宣布新一輪軍售。", "美國國防部"),
    ] {
        assert!(has(text, name), "{text}: {:?}", orgs(text));
    }
}

// --- bare Hong Kong, Macau and Taiwan bureaus (G: "a bare bureau name is ORG when the
// text's place is clear") ---

#[test]
fn bare_hong_kong_macau_and_taiwan_bureaus_are_organizations() {
    for (text, name) in [
        ("房屋局今日公布未來五年公營房屋供應預測。", "房屋局"),
        ("保安局發言人表示會嚴正執法。", "保安局"),
        ("教育局宣布全港中小學明日停課。", "教育局"),
        ("稅務局提醒納稅人須於限期前交表。", "稅務局"),
        ("土木工程拓展署負責新界北的填海工程。", "土木工程拓展署"),
        ("建築署已完成新體育館的設計。", "建築署"),
        ("財政局公布首季博彩稅收入。", "財政局"),
        ("社工局將增加長者日間護理名額。", "社工局"),
        ("交通事務局宣布調整巴士路線。", "交通事務局"),
        ("身份證明局提醒居民及早換領新證。", "身份證明局"),
        ("海事及水務局發出強風警告。", "海事及水務局"),
        ("國際貿易署統計上月出口訂單。", "國際貿易署"),
        ("中小及新創企業署舉辦融資說明會。", "中小及新創企業署"),
    ] {
        assert!(has(text, name), "{text}: {:?}", orgs(text));
    }
}

#[test]
fn a_bureau_inside_its_heads_title_is_found_when_jieba_glues_the_head_char() {
    // jieba reads 局局長 as one word: the body is the word before and 局
    for (text, name) in [
        ("發展局局長今日視察工地。", "發展局"),
        ("房屋局局長出席地區諮詢會。", "房屋局"),
        ("規劃署署長解釋新規劃。", "規劃署"),
    ] {
        assert_eq!(orgs(text), [name], "{text}");
    }
}

#[test]
fn a_bare_bureau_after_a_field_word_is_part_of_another_name() {
    // 經濟發展局 is some city's bureau, not Hong Kong's 發展局
    let t = "該市經濟發展局表示將推出優惠。";
    assert!(!has(t, "發展局"), "{:?}", orgs(t));
    // 國家 before a ministry only describes it (CLARIFICATIONS 3)
    let t = "繼國家商務部之後，多個省份跟進。";
    assert!(has(t, "商務部"), "{:?}", orgs(t));
}

#[test]
fn a_city_before_its_bureau_is_one_name() {
    let t = "北京市教育局發布開學通知。";
    assert_eq!(orgs(t), ["北京市教育局"]);
    let t = "台中市財政局表示稅收穩定。";
    assert_eq!(orgs(t), ["台中市財政局"]);
}

// --- a party's caucus is one name with its party (CLARIFICATIONS 2) ---

#[test]
fn a_partys_caucus_is_one_organization() {
    for (text, name) in [
        ("民進黨團今日召開記者會。", "民進黨團"),
        ("國民黨團提出修正動議。", "國民黨團"),
        ("民眾黨團表示將提出釋憲。", "民眾黨團"),
        ("時代力量黨團要求重新審查。", "時代力量黨團"),
        ("立法院國民黨團書記長表示", "立法院國民黨團"),
    ] {
        assert_eq!(orgs(text), [name], "{text}");
    }
    // 團結 after a party is another word
    let t = "國民黨團結一致面對選戰。";
    assert_eq!(orgs(t), ["國民黨"]);
}

// --- a legislature's committee, with 及 in its name (CLARIFICATIONS 2) ---

#[test]
fn a_legislatures_committee_is_one_name_even_with_ji_inside() {
    for (text, name) in [
        (
            "立法院外交及國防委員會今日審查國防預算。",
            "立法院外交及國防委員會",
        ),
        ("立法院財政委員會通過決議。", "立法院財政委員會"),
        (
            "立法會財經事務委員會討論強積金改革。",
            "立法會財經事務委員會",
        ),
        (
            "立法院社會福利及衛生環境委員會排審草案。",
            "立法院社會福利及衛生環境委員會",
        ),
    ] {
        assert_eq!(orgs(text), [name], "{text}");
    }
    // a country or a whole name before 及 stays apart
    let t = "美國和國防委員會";
    assert_eq!(orgs(t), ["國防委員會"]);
}

// --- a department before its head's title (CLARIFICATIONS 1 and 2) ---

#[test]
fn a_department_before_its_heads_title_is_one_name_with_its_parent() {
    let t = "經濟部投審司司長昨日說明審查結果。";
    assert_eq!(orgs(t), ["經濟部投審司"]);
    let t = "經濟部國際貿易署署長出席記者會。";
    assert_eq!(orgs(t), ["經濟部國際貿易署"]);
    // Hong Kong's and Macau's secretaries are titles, not bodies
    for t in ["財政司司長今日發表預算案。", "澳門經濟財政司司長出席活動。"]
    {
        assert!(
            !orgs(t).iter().any(|o| o.ends_with('司')),
            "{t}: {:?}",
            orgs(t)
        );
    }
}

// --- Hong Kong and Macau courts and their chambers ---

#[test]
fn hong_kong_and_macau_courts_are_organizations() {
    for (text, name) in [
        ("案件押後至高等法院原訟法庭再訊。", "高等法院原訟法庭"),
        ("被告不服定罪，向上訴法庭提出上訴。", "上訴法庭"),
        ("區域法院法官判處被告入獄兩年。", "區域法院"),
        ("終審法院駁回政府的上訴申請。", "終審法院"),
        ("高等法院頒下臨時禁制令。", "高等法院"),
        ("土地審裁處裁定業主勝訴。", "土地審裁處"),
        ("勞資審裁處處理多宗欠薪申索。", "勞資審裁處"),
        ("中級法院維持原判。", "中級法院"),
    ] {
        assert_eq!(orgs(text), [name], "{text}");
    }
    // a jurisdiction word in front names another court
    let t = "他被該國首都高等法院判處監禁。";
    assert!(!has(t, "高等法院"), "{:?}", orgs(t));
}

// --- institutes, academies and training bodies named with a place or 國家 ---

#[test]
fn an_institute_named_by_its_place_or_the_state_and_its_field_is_one_name() {
    for (text, name) in [
        ("台灣金融研訓院今年開辦永續金融課程。", "台灣金融研訓院"),
        ("國家教育研究院發布新課綱研究報告。", "國家教育研究院"),
        ("國家衛生研究院研究團隊發表新藥成果。", "國家衛生研究院"),
        ("台灣藝術學院畢業生舉辦聯展。", "台灣藝術學院"),
    ] {
        assert!(has(text, name), "{text}: {:?}", orgs(text));
    }
    // a field alone names no institution, nor does 國家 with no field
    for t in ["藝術學院的學生越來越多。", "他希望成立國家研究院。"] {
        assert!(orgs(t).is_empty(), "{t}: {:?}", orgs(t));
    }
}

// --- a known short name and its suffix, where jieba cut across them ---

#[test]
fn a_known_short_name_and_its_suffix_are_one_name_when_jieba_cuts_across_them() {
    for (text, name) in [
        ("中油公司宣布下週汽油價格不調整。", "中油公司"),
        ("兆豐產險推出颱風險附加條款。", "兆豐產險"),
        ("台電公司表示今夏供電無虞。", "台電公司"),
    ] {
        assert!(has(text, name), "{text}: {:?}", orgs(text));
    }
    // the short name alone stays what it is
    let t = "中油今日宣布油價凍漲。";
    assert!(has(t, "中油"), "{:?}", orgs(t));
}

/// A list of names whose last two members are joined by 和/與/及 (A、B和C等廠商, B與C等公司):
/// each member is a name, the conjunction outside; the words before a 與 read as "with" are
/// a clause, no name (甲公司昨日已與乙等單位). Sentences written for this test.
#[test]
fn the_last_members_of_a_list_joined_by_a_conjunction_are_names() {
    assert_eq!(
        orgs("鼎曜光電、昇陽微和華泰晶等廠商均已擴產。"),
        ["鼎曜光電", "昇陽微", "華泰晶"]
    );
    assert_eq!(orgs("昇陽微與華泰晶等公司昨日簽約。"), ["昇陽微", "華泰晶"]);
    assert!(!has("鼎曜光電昨日已與華泰晶等單位會商。", "鼎曜光電昨日已"));
    // places in such a list stay places, and common nouns joined by 和 name no body
    assert!(orgs("日本和韓國等國家的企業").is_empty());
    assert!(orgs("由農業合作社和貿易組織等集體單位取代").is_empty());
}

/// 等 before a class noun closes a list, also where the segmenter glued it to the last member
/// (華泰 + 晶等 + 公司); 高等 of a court's name is no list. Sentences written for this test.
#[test]
fn deng_before_a_class_noun_ends_the_last_member() {
    assert!(!has("昇陽微、華泰晶等公司昨日簽約。", "華泰晶等公司"));
    assert!(has("案件經台灣高等法院審理後定讞。", "台灣高等法院"));
}
