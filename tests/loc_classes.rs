//! LOC by structure (CLARIFICATIONS rules 12–14), pinned with sentences written for this test.

mod common;

use common::spans;
use zhtag::Label;

fn locs(text: &str) -> Vec<String> {
    spans(text, Label::Loc)
}

#[test]
fn a_city_written_with_its_district_is_one_place() {
    assert_eq!(locs("該廠位於新北三重,員工五百人"), ["新北三重"]);
    assert_eq!(locs("公司在桃園龍潭設立研發中心"), ["桃園龍潭"]);
    // with the level word the two are written apart
    assert_eq!(locs("新北市板橋的夜市"), ["新北市", "板橋"]);
    // a district known only as X區 (觀音 alone is a deity) is its bare name after its city
    assert_eq!(locs("公司將在桃園觀音擴建新廠"), ["桃園觀音"]);
    assert!(locs("廟裡供奉觀音").is_empty());
}

#[test]
fn a_region_with_qu_is_one_place() {
    assert_eq!(
        locs("新界區的成交量上升,港島區則回落"),
        ["新界區", "港島區"]
    );
    // but not the district council
    assert!(!locs("新界區議會今日開會").contains(&"新界區".to_string()));
    // also where the segmenter reads the region and 區 as one word
    assert_eq!(
        locs("成交以新界區最多,其次為九龍區。"),
        ["新界區", "九龍區"]
    );
}

#[test]
fn designated_zones_named_after_a_place_are_one_place() {
    assert_eq!(locs("多家企業進駐橫琴自貿片區"), ["橫琴自貿片區"]);
    assert_eq!(locs("廠房設在新竹科學園區"), ["新竹科學園區"]);
    assert_eq!(locs("雙方合建深港科技小鎮。"), ["深港科技小鎮"]);
    // a list mark or a function word ends the name
    assert_eq!(locs("前海和橫琴的合作區"), ["前海", "橫琴"]);
    assert!(!locs("美國德州小鎮發生槍擊")
        .iter()
        .any(|l| l.ends_with("小鎮")));
}

#[test]
fn one_character_abbreviations_standing_for_the_place() {
    assert_eq!(locs("他下月赴美訪問"), ["美"]);
    assert_eq!(locs("旅客來台人數回升"), ["台"]);
    assert_eq!(locs("政府希望本澳經濟多元發展"), ["澳"]);
    // in a compound, or after a word it ends, the character is no place
    assert!(locs("對美元匯率走弱").is_empty());
    assert!(locs("市場受到美製晶片影響").is_empty());
    assert!(locs("台商回流,港股走強").is_empty());
    assert!(locs("本台記者報道").is_empty());
}

/// A place that jieba's dictionary glues to an office title in one word (日本首相, 德國總理)
/// is still a place; the title stays outside. Sentences written for this test.
#[test]
fn a_place_glued_to_an_office_title_is_still_a_place() {
    assert_eq!(locs("日本首相今日抵達華府訪問"), ["日本", "華府"]);
    assert_eq!(locs("德國總理在柏林發表談話"), ["德國", "柏林"]);
    assert_eq!(locs("英國首相宣布提前大選"), ["英國"]);
}

/// The place that opens a secretariat's name is a place where the name is left out as part
/// of a secretary's title (澳門經濟財政司司長: no ORG, CLARIFICATIONS 1; 澳門 LOC). Sentences
/// written for this test.
#[test]
fn the_place_of_a_secretarys_title_is_a_place() {
    let s = "澳門經濟財政司司長昨日會見商界代表。";
    assert_eq!(locs(s), ["澳門"]);
    assert!(spans(s, Label::Org).is_empty());
}

#[test]
fn hong_kong_neighbourhoods_and_new_towns_are_places() {
    assert_eq!(
        locs("港鐵金鐘站今早人流如常,不少乘客轉車往鴨脷洲"),
        ["金鐘", "鴨脷洲"]
    );
    assert_eq!(
        locs("政府在北部都會區預留土地,洪水橋及打鼓嶺一帶發展產業"),
        ["北部都會區", "洪水橋", "打鼓嶺"]
    );
    assert_eq!(
        locs("美孚新邨一個單位易手,青衣及火炭亦有成交"),
        ["美孚新邨", "青衣", "火炭"]
    );
    assert_eq!(locs("離島居民要求增加渡輪班次"), ["離島"]);
    // the oil company is no place
    assert!(locs("埃克森美孚公布業績").is_empty());
}

#[test]
fn macau_neighbourhoods_are_places() {
    assert_eq!(
        locs("黑沙環、筷子基及望廈居民反映塞車,新口岸則較暢順"),
        ["黑沙環", "筷子基", "望廈", "新口岸"]
    );
    assert_eq!(locs("下環街市翻新後重開"), ["下環"]);
}

#[test]
fn a_place_glued_to_a_zone_word_is_one_place() {
    assert_eq!(locs("該公司總部設於蘇州工業園區。"), ["蘇州工業園區"]);
    assert_eq!(
        locs("天津經濟技術開發區今年引進外資項目增加"),
        ["天津經濟技術開發區"]
    );
    assert_eq!(locs("廣州南沙新區將建國際航運樞紐"), ["廣州南沙新區"]);
    assert_eq!(locs("寧波保稅區進口額創新高"), ["寧波保稅區"]);
    assert_eq!(
        locs("長沙經開區、鄭州航空港經濟綜合實驗區都在擴建"),
        ["長沙經開區", "鄭州航空港經濟綜合實驗區"]
    );
    assert_eq!(
        locs("河套深港科技創新合作區首批大樓落成"),
        ["河套深港科技創新合作區"]
    );
    // a verb ends the name: the zone set up there is another thing
    assert_eq!(locs("杭州錢塘新區設立集聚區"), ["杭州錢塘新區"]);
}

#[test]
fn a_municipality_written_with_its_district_is_one_place() {
    assert_eq!(locs("公司總部位於上海浦東新區。"), ["上海浦東新區"]);
    assert_eq!(locs("北京海淀區的科技企業最多"), ["北京海淀區"]);
    assert_eq!(locs("廣州天河區寫字樓空置率上升"), ["廣州天河區"]);
    // the level word on both: 台北市 + 信義區 is one place, as 新北三重 is
    assert_eq!(locs("台北市信義區豪宅成交價創新高"), ["台北市信義區"]);
    assert_eq!(locs("高雄市前鎮區的倉庫失火"), ["高雄市前鎮區"]);
}

#[test]
fn a_place_inside_a_facility_name_is_the_place_only() {
    // the segmenter reads the facility as one word; the place in it is LOC, the facility none
    assert_eq!(locs("羅湖口岸下月起重建"), ["羅湖"]);
    assert_eq!(locs("澳門國際機場客運量回升"), ["澳門"]);
    assert_eq!(locs("松山機場停機坪擴建"), ["松山"]);
    assert_eq!(locs("高雄港第六貨櫃中心啟用"), ["高雄"]);
    assert_eq!(locs("深圳灣口岸過關人次上升"), ["深圳灣"]);
    // a compound of abbreviations modifying the facility is no place (CLARIFICATIONS rule 14)
    assert!(locs("港珠澳大橋車流量創新高").is_empty());
}

#[test]
fn a_district_named_by_a_direction_is_a_place_after_its_city() {
    assert_eq!(locs("他在台中市北區開了一家早餐店"), ["台中市北區"]);
    assert_eq!(locs("台南東區的房價上漲"), ["台南東區"]);
    // alone it is a part of anything, and 東區域 is a region of the city
    assert!(locs("商場北區停車場今日關閉").is_empty());
    assert!(!locs("台南市東區域的開發").contains(&"台南市東區".to_string()));
}
