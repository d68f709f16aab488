//! Retail chains, property agencies and car distributors of Taiwan and Hong Kong, known by their short brand names
//! (dictionaries/organizations.tsv), and the common words among those names left out on purpose.
//! Sentences written for this test.

mod common;

use common::spans;
use zhtag::Label;

#[test]
fn chain_store_brands_are_organizations() {
    assert_eq!(
        spans("康是美與萊爾富同日宣布調漲部分商品價格。", Label::Org),
        ["康是美", "萊爾富"]
    );
    assert_eq!(spans("7-ELEVEN門市開賣新品。", Label::Org), ["7-ELEVEN"]);
}

#[test]
fn property_agencies_are_organizations() {
    assert_eq!(
        spans(
            "中原地產與美聯物業的代理都說，上月二手成交回升。",
            Label::Org
        ),
        ["中原地產", "美聯物業"]
    );
}

#[test]
fn a_brand_that_is_a_common_word_is_not_listed_bare() {
    // 全家 is also "the whole family": only 全家便利商店 is in the dictionary
    assert!(spans("週末全家一起去買菜。", Label::Org).is_empty());
}

#[test]
fn a_car_makers_taiwan_arm_is_one_organization_not_a_place_and_a_brand() {
    // not LOC 台灣 + ORG 本田, nor ORG 福特 + 六和
    assert_eq!(
        spans("台灣本田與福特六和也公布數字，國瑞汽車則沒有。", Label::Org),
        ["台灣本田", "福特六和", "國瑞汽車"]
    );
    assert!(spans("台灣本田上月交車三千輛。", Label::Loc).is_empty());
}
