//! Unit tests of the QUANTITY grammar, each named after the behaviour it pins, and property tests.

use super::*;
use proptest::prelude::*;

/// `find_quantities` on raw (Traditional, full-width) text, prepared as the pipeline does.
fn find(text: &str) -> Vec<(String, f64, String)> {
    let prepared = crate::convert::to_simplified(&crate::normalize::fold(text));
    let chars: Vec<char> = text.chars().collect();
    find_quantities(&prepared)
        .into_iter()
        .map(|q| {
            (
                chars[q.start..q.end].iter().collect(),
                q.quantity.value,
                q.quantity.unit,
            )
        })
        .collect()
}

fn one(text: &str) -> QuantitySpan {
    let prepared = crate::convert::to_simplified(&crate::normalize::fold(text));
    let v = find_quantities(&prepared);
    assert_eq!(v.len(), 1, "{text}: {v:?}");
    v.into_iter().next().unwrap()
}

fn q(expr: &str) -> Quantity {
    parse_quantity(expr).unwrap_or_else(|e| panic!("{expr}: {e}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn money_in_yuan_defaults_to_cny() {
    assert_eq!(
        find("去年全省基建支出370億元,較前年增加"),
        vec![("370億元".into(), 3.7e10, "CNY".into())]
    );
}

#[test]
fn currency_word_before_the_number_joins_the_span() {
    assert_eq!(
        find("這座新園區預估耗資新台幣5千億元興建"),
        vec![("新台幣5千億元".into(), 5e11, "TWD".into())]
    );
    assert_eq!(
        find("首期撥款人民幣872億元（約新台幣3915億元）"),
        vec![
            ("人民幣872億元".into(), 8.72e10, "CNY".into()),
            ("新台幣3915億元".into(), 3.915e11, "TWD".into()),
        ]
    );
}

#[test]
fn currency_word_after_yuan_joins_the_span_but_not_across_a_bracket() {
    assert_eq!(find("總額20.9萬億元人民幣。")[0].0, "20.9萬億元人民幣");
    assert_eq!(
        find("逾3,250億元（人民幣計價）")[0],
        ("3,250億元".into(), 3.25e11, "CNY".into())
    );
}

#[test]
fn zhao_is_ten_to_the_twelfth_as_a_numeral() {
    assert_eq!(
        find("估計可吸引外資逾7兆元。")[0],
        ("7兆元".into(), 7e12, "CNY".into())
    );
    assert_eq!(
        find("約新台幣3兆517億元）")[0],
        ("新台幣3兆517億元".into(), 3.0517e12, "TWD".into())
    );
    assert_eq!(find("發行1.3兆元")[0].1, 1.3e12);
    assert_eq!(
        find("總資產達四十二．一七兆元")[0],
        ("四十二．一七兆元".into(), 4.217e13, "CNY".into())
    );
    assert_eq!(
        find("台灣有11兆的資產")[0],
        ("11兆".into(), 1.1e13, "".into())
    );
}

#[test]
fn zhao_is_mega_before_a_unit() {
    assert_eq!(
        find("這款新型的15兆瓦離岸風機"),
        vec![("15兆瓦".into(), 15.0, "MW".into())]
    );
    assert_eq!(
        find("頻率為900兆赫")[0],
        ("900兆赫".into(), 900.0, "MHz".into())
    );
    assert_eq!(q("五十兆字節").unit, "MB");
}

#[test]
fn hedges_stay_outside_the_span_and_are_recorded() {
    let s = one("按年增加約17%。");
    assert_eq!((s.start, s.end), (5, 8));
    assert_eq!(s.quantity.hedge.as_deref(), Some("约"));
    let s = one("全市科技型小微企業超12萬家，");
    assert_eq!((s.start, s.end), (10, 14));
    assert_eq!(s.quantity.hedge.as_deref(), Some("超"));
    let s = one("增長2%左右");
    assert_eq!((s.start, s.end), (2, 4));
    assert_eq!(s.quantity.hedge.as_deref(), Some("左右"));
    assert_eq!(
        one("由不足7萬家增加到").quantity.hedge.as_deref(),
        Some("不足")
    );
    assert_eq!(q("最多兩塊三角").hedge.as_deref(), Some("最多"));
}

#[test]
fn approximate_numerals_are_inside_the_span() {
    let s = one("該集團擬在歐洲砸下數百億美元擴產");
    assert_eq!(s.quantity.unit, "USD");
    assert!(s.quantity.approx);
    assert_eq!(find("“隱形冠軍”廠商由3000餘家增加")[0].0, "3000餘家");
    assert!(one("有十多家企業").quantity.approx);
    assert!(one("有2000多家「小巨人」").quantity.approx);
    assert_eq!(
        find("吸引千餘家企業")[0],
        ("千餘家".into(), 1000.0, "家".into())
    );
    let s = one("帶動上百家企業");
    assert_eq!(
        (s.start, s.end, s.quantity.value, s.quantity.approx),
        (2, 5, 100.0, true)
    );
    let s = one("大約二三十萬人");
    assert_eq!(
        (s.quantity.value, s.quantity.max),
        (200000.0, Some(300000.0))
    );
    let s = one("佔三四成");
    assert_eq!(
        (s.quantity.value, s.quantity.max, s.quantity.unit.as_str()),
        (30.0, Some(40.0), "%")
    );
}

#[test]
fn ranges_sharing_a_unit_are_one_span_with_min_and_max() {
    let s = one("募資20-30億美元");
    assert_eq!(s.quantity.unit, "USD");
    assert_eq!((s.quantity.min, s.quantity.max), (Some(2e9), Some(3e9)));
    assert_eq!(s.quantity.value, 2e9);
    assert_eq!(s.end - s.start, 8);
}

#[test]
fn ranges_whose_ends_have_their_own_unit_are_two_spans() {
    assert_eq!(
        find("綠電比重可望達45%至55%、"),
        vec![
            ("45%".into(), 45.0, "%".into()),
            ("55%".into(), 55.0, "%".into())
        ]
    );
}

#[test]
fn dates_years_and_durations_are_not_quantities() {
    for t in [
        "2022年",
        "2月25日",
        "二〇二七年底",
        "連續11年",
        "首6個月",
        "三年行動計劃",
        "擁有75年悠久傳統",
        "兩個多月前",
        "一個半小時",
    ] {
        assert!(find(t).is_empty(), "{t}: {:?}", find(t));
    }
}

#[test]
fn ordinals_model_numbers_stock_codes_and_bare_numbers_are_not_quantities() {
    for t in [
        "第七批",
        "第3家",
        "台中a14廠區",
        "晶圓三十二廠（Fab 32）",
        "18A及18C申請",
        "港交所（0388）",
        "十四五",
        "圍繞全市“2+2+2”",
        "能效1級",
    ] {
        assert!(find(t).is_empty(), "{t}: {:?}", find(t));
    }
}

#[test]
fn idioms_with_numerals_are_not_counts() {
    for t in [
        "成千上萬的觀眾",
        "千兆光網",
        "一批精細化工",
        "啟動新一輪城市更新",
        "打造餐飲美食百家名店",
        "千家萬戶",
        "傾聽億萬斯年",
        "在下半場",
        "曾經一度",
        "其中一半來自",
    ] {
        assert!(find(t).is_empty(), "{t}: {:?}", find(t));
    }
}

#[test]
fn a_minus_sign_stays_outside_the_span_but_makes_the_value_negative() {
    let s = one("增長-3.5%");
    assert_eq!((s.start, s.end), (3, 7));
    assert_eq!(s.quantity.value, -3.5);
    assert_eq!(q("負三十二").value, -32.0);
}

#[test]
fn a_space_between_number_and_unit_is_inside_the_span() {
    let s = one("重型卡車 16 升柴油引擎");
    assert_eq!((s.start, s.end), (5, 9));
    assert_eq!((s.quantity.value, s.quantity.unit.as_str()), (16.0, "L"));
}

#[test]
fn magnitude_words_need_no_unit() {
    assert_eq!(
        find("陸發4200億國債"),
        vec![("4200億".into(), 4.2e11, "".into())]
    );
    assert_eq!(find("規模23.5萬億")[0].1, 2.35e13);
}

#[test]
fn scale_classes_need_a_magnitude() {
    assert_eq!(
        find("全力打造萬億級數字經濟生態")[0],
        ("萬億級".into(), 1e12, "级".into())
    );
    assert_eq!(
        find("5千億級新能源汽車產業鏈")[0],
        ("5千億級".into(), 5e11, "级".into())
    );
    assert!(find("建築能效1級").is_empty());
}

#[test]
fn percent_forms_and_percentage_points() {
    assert_eq!(
        find("百分之十五")[0],
        ("百分之十五".into(), 15.0, "%".into())
    );
    assert_eq!(
        find("拉動1.8個百分點")[0],
        ("1.8個百分點".into(), 1.8, "pp".into())
    );
    assert_eq!(find("千分之２．４")[0].1, 0.24);
    assert_eq!(find("超過四成")[0], ("四成".into(), 40.0, "%".into()));
    assert_eq!(find("打75折")[0], ("75折".into(), 75.0, "%".into()));
    assert_eq!(find("打8折")[0].1, 80.0);
    assert_eq!(
        find("增長超2.5倍")[0],
        ("2.5倍".into(), 2.5, "times".into())
    );
    assert_eq!(q("對折").value, 50.0);
}

#[test]
fn counts_take_the_measure_word_as_unit() {
    assert_eq!(
        find("重點項目240項")[0],
        ("240項".into(), 240.0, "项".into())
    );
    assert_eq!(
        find("超過3.6億人次申領")[0],
        ("3.6億人次".into(), 3.6e8, "人次".into())
    );
    assert_eq!(
        find("合計賣超七五三〇張")[0],
        ("七五三〇張".into(), 7530.0, "张".into())
    );
    assert_eq!(find("規劃興建四座")[0], ("四座".into(), 4.0, "座".into()));
    assert_eq!(
        find("設30個大項、300個小項")[1],
        ("300個".into(), 300.0, "个".into())
    );
}

#[test]
fn physical_units_and_rates() {
    assert_eq!(
        find("新建的240萬噸/年乙烯裝置")[0],
        ("240萬噸/年".into(), 2.4e6, "t/yr".into())
    );
    assert_eq!(
        find("南科新廠導入一點六奈米製程")[0],
        ("一點六奈米".into(), 1.6, "nm".into())
    );
    assert_eq!(
        find("離岸風電總容量可達25GW,")[0],
        ("25GW".into(), 25.0, "GW".into())
    );
    assert_eq!(find("用電100億度")[0].2, "kWh");
    assert_eq!(find("兩米半")[0].1, 2.5);
}

#[test]
fn tenths_with_an_elided_digit_and_foreign_cents() {
    assert_eq!(find("佔三成五")[0], ("三成五".into(), 35.0, "%".into()));
    assert_eq!(
        find("每股派50美分")[0],
        ("50美分".into(), 0.5, "USD".into())
    );
}

#[test]
fn below_zero_is_negative() {
    let s = one("氣溫降到零下五度");
    assert_eq!((s.quantity.value, s.quantity.unit.as_str()), (-5.0, "°"));
    assert_eq!(q("零下五度").value, -5.0);
}

#[test]
fn speed_and_per_unit_rates() {
    assert_eq!(
        find("時速120公里每小時")[0],
        ("120公里每小時".into(), 120.0, "km/h".into())
    );
    assert_eq!(
        find("均價5元/平方米")[0],
        ("5元/平方米".into(), 5.0, "CNY/m2".into())
    );
}

#[test]
fn latin_letters_after_digits_are_units_only_when_known() {
    assert_eq!(find("跑完100m短跑")[0].2, "m");
    assert!(find("3m公司發布").is_empty());
    assert!(find("推出5g手機").is_empty());
    assert_eq!(find("採用2nm製程")[0], ("2nm".into(), 2.0, "nm".into()));
}

#[test]
fn colloquial_forms_in_running_text() {
    assert_eq!(
        find("他身高一米八，")[0],
        ("一米八".into(), 1.8, "m".into())
    );
    assert_eq!(
        find("一共一塊五毛")[0],
        ("一塊五毛".into(), 1.5, "CNY".into())
    );
    assert_eq!(find("買了三塊地")[0], ("三塊".into(), 3.0, "块".into()));
    assert_eq!(
        find("投資5個億元")[0],
        ("5個億元".into(), 5e8, "CNY".into())
    );
}

#[test]
fn digit_by_digit_numerals() {
    assert_eq!(
        find("單價高達一八〇〇元")[0],
        ("一八〇〇元".into(), 1800.0, "CNY".into())
    );
    assert_eq!(find("收在一四七五元")[0].1, 1475.0);
}

#[test]
fn digit_runs_before_a_magnitude_with_any_zero_sign() {
    // 〇, ○ (white circle) and 零 all write the digit zero in a digit-by-digit numeral
    assert_eq!(
        find("全年營收二八〇五億元")[0],
        ("二八〇五億元".into(), 2.805e11, "CNY".into())
    );
    assert_eq!(find("全年營收二八○五億元")[0].1, 2.805e11);
    assert_eq!(find("存款九三〇點九三億元")[0].1, 9.3093e10);
    // a digit-by-digit section after a magnitude word
    assert_eq!(
        find("經費三十億四〇七二萬元")[0],
        ("三十億四〇七二萬元".into(), 3_040_720_000.0, "CNY".into())
    );
    assert_eq!(find("三〇〇人參加")[0].1, 300.0);
}

#[test]
fn spaced_numbers_in_running_text_join_their_magnitudes() {
    assert_eq!(
        find("總預算達新台幣 3 兆 2,100 億元")[0],
        ("新台幣 3 兆 2,100 億元".into(), 3.21e12, "TWD".into())
    );
    assert_eq!(
        find("外資本月賣超 1,234 億美元")[0],
        ("1,234 億美元".into(), 1.234e11, "USD".into())
    );
    assert_eq!(
        find("舉債 15 兆元")[0],
        ("15 兆元".into(), 1.5e13, "CNY".into())
    );
    assert_eq!(
        find("訂單 50 萬個")[0],
        ("50 萬個".into(), 5e5, "个".into())
    );
    // a space between two Arabic numbers still separates them
    assert_eq!(find("第 3 2,100 億元")[0].1, 2.1e11);
}

#[test]
fn basis_points_and_seats_funds_terms_as_measures() {
    assert_eq!(
        find("央行減息25個基點")[0],
        ("25個基點".into(), 25.0, "bp".into())
    );
    assert_eq!(find("銀行加息25基點")[0].2, "bp");
    assert_eq!(
        find("最優惠利率加25點子")[0],
        ("25點子".into(), 25.0, "bp".into())
    );
    assert_eq!(find("新增三席議員")[0], ("三席".into(), 3.0, "席".into()));
    assert_eq!(find("推出兩檔基金")[0], ("兩檔".into(), 2.0, "档".into()));
    assert_eq!(find("連續舉辦五屆")[0], ("五屆".into(), 5.0, "届".into()));
    // but 席位/檔案 are nouns, and 十四屆全國人大 the term of a body
    assert!(find("爭取三席位").iter().all(|f| f.0 != "三席"));
    assert!(find("調閱兩檔案").iter().all(|f| f.0 != "兩檔"));
    assert!(find("十四屆全國人大").is_empty());
    assert_eq!(find("放大1萬倍")[0], ("1萬倍".into(), 1e4, "times".into()));
}

#[test]
fn measure_words_that_start_another_word() {
    // 16項目: 項目 is one word; 三項目標: three targets
    assert!(find("首批16項目落地").is_empty());
    assert_eq!(find("訂下三項目標")[0], ("三項".into(), 3.0, "项".into()));
    // 3個工作日 is a duration, 兩個工作小組 a count; 兩個財政年度 a duration
    assert!(find("3個工作日內").is_empty());
    assert_eq!(find("成立兩個工作小組")[0].0, "兩個");
    assert!(find("兩個財政年度").is_empty());
}

#[test]
fn chinese_numerals_parse() {
    for (t, v) in [
        ("三千五百二十", 3520.0),
        ("兩萬", 20000.0),
        ("廿", 20.0),
        ("卅三", 33.0),
        ("一點四", 1.4),
        ("三十五.三九", 35.39),
        ("壹貳參", 123.0),
        ("伍佰參拾肆", 534.0),
        ("一萬三", 13000.0),
        ("九十二萬四", 924000.0),
        ("二百五", 250.0),
        ("一萬零四十", 10040.0),
        ("3476億", 3.476e11),
        ("1.46萬", 14600.0),
        ("4.84萬億", 4.84e12),
        ("2千億", 2e11),
        ("2兆882億", 2.0882e12),
        ("三十七兆一十五億六萬八千四", 37001500068400.0),
        ("5億1萬4千6百", 500014600.0),
        ("1,059", 1059.0),
        ("1 059", 1059.0),
        ("〇", 0.0),
    ] {
        assert!(close(q(t).value, v), "{t}: {} != {v}", q(t).value);
    }
}

#[test]
fn parse_accepts_fractions_powers_and_si_suffixes() {
    assert_eq!(q("二分之一").value, 0.5);
    assert!(close(q("四百二十又3分之2").value, 420.0 + 2.0 / 3.0));
    assert_eq!(q("3/5").value, 0.6);
    assert_eq!(q("2^5").value, 32.0);
    assert_eq!(q("-1e1").value, -10.0);
    assert_eq!(q("100k").value, 100000.0);
    assert_eq!(q("3M").value, 3e6);
    assert_eq!(q("9m").unit, "m");
}

#[test]
fn parse_rejects_non_quantities() {
    for t in ["", "大連", "陸地", "一看", "我家在四川", "2022年"] {
        assert!(parse_quantity(t).is_err(), "{t}: {:?}", parse_quantity(t));
    }
}

#[test]
fn colloquial_money_compounds() {
    assert!(close(q("兩毛五").value, 0.25));
    assert!(close(q("三塊零四").value, 3.04));
    assert!(close(q("至少五塊六分").value, 5.06));
    let h = q("港幣四個二毫八");
    assert!(close(h.value, 4.28));
    assert_eq!(h.unit, "HKD");
    assert!(close(q("六斤八兩").value, 6.8));
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        "\0",
        "億",
        "兆兆兆兆",
        "第",
        "1,",
        "1.",
        ".",
        "-",
        "百分之",
        "新台幣",
        "人民幣美元",
        "2^99999",
        "1e999",
        "９９９９９９９９９９９９９９９９９９９９９９９９９９９９９９９９９億元",
        "一二三四五六七八九〇一二三四五六七八九〇一二三四五六七八九〇元",
    ] {
        let _ = find(t);
        let _ = parse_quantity(t);
    }
    let huge = format!("{}兆兆元", "9".repeat(300));
    assert!(parse_quantity(&huge).is_err());
    assert!(find_quantities(&huge)
        .iter()
        .all(|q| q.quantity.value.is_finite()));
}

#[test]
fn char_sets_agree_with_their_predicates() {
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        assert_eq!(START_CHARS.contains(c), could_start(c), "{c:?}");
    }
}

// ---------- property tests

/// Writes a non-negative integer (< 10^16) as a Chinese numeral, the standard way (一万零四十).
fn to_chinese(mut n: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const U: [&str; 4] = ["千", "百", "十", ""];
    if n == 0 {
        return "零".into();
    }
    let big = ["", "万", "亿", "万亿"];
    let mut parts = Vec::new();
    while n > 0 {
        parts.push(n % 10000);
        n /= 10000;
    }
    let mut out = String::new();
    let mut need_zero = false;
    for k in (0..parts.len()).rev() {
        let p = parts[k];
        if p == 0 {
            need_zero = !out.is_empty();
            continue;
        }
        if !out.is_empty() && (need_zero || p < 1000) {
            out.push('零');
        }
        need_zero = false;
        let digits = [p / 1000 % 10, p / 100 % 10, p / 10 % 10, p % 10];
        let (mut started, mut zero_pending) = (false, false);
        for (i, d) in digits.iter().enumerate() {
            if *d == 0 {
                zero_pending = started;
                continue;
            }
            if zero_pending {
                out.push('零');
                zero_pending = false;
            }
            out.push_str(D[*d as usize]);
            out.push_str(U[i]);
            started = true;
        }
        out.push_str(big[k]);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arabic_numbers_read_as_str_parse_reads_them(int in "[0-9]{1,30}", frac in "(\\.[0-9]{1,20})?") {
        let text = format!("{int}{frac}");
        let s: Vec<char> = text.chars().collect();
        let (v, end, dot) = numeral::read_arabic(&s, 0, Mode::Find).expect("a number");
        prop_assert_eq!(v, text.parse::<f64>().expect("parses"));
        prop_assert_eq!((end, dot), (s.len(), !frac.is_empty()));
    }

    #[test]
    fn chinese_integers_round_trip(n in 0u64..10_000_000_000_000u64) {
        let t = to_chinese(n);
        let got = parse_quantity(&t).map(|q| q.value);
        prop_assert_eq!(got, Ok(n as f64), "{}", t);
    }

    #[test]
    fn chinese_decimals_round_trip(n in 0u64..100_000u64, frac in 1u32..1000u32) {
        let f = format!("{frac:03}").trim_end_matches('0').to_string();
        const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
        let t = format!("{}点{}", to_chinese(n), f.chars().map(|c| D[c as usize - '0' as usize]).collect::<String>());
        let want: f64 = format!("{n}.{f}").parse().unwrap();
        let got = parse_quantity(&t).map(|q| q.value).unwrap_or(f64::NAN);
        prop_assert!(close(got, want), "{} -> {} != {}", t, got, want);
    }

    #[test]
    fn mixed_arabic_and_magnitude_round_trip(int in 1u64..10_000u64, dec in 0u32..100u32, mag in 0usize..5) {
        let (word, m) = [("万", 1e4), ("亿", 1e8), ("千亿", 1e11), ("万亿", 1e12), ("兆", 1e12)][mag];
        let num = if dec == 0 { format!("{int}") } else { format!("{int}.{dec:02}") };
        let want = num.parse::<f64>().unwrap() * m;
        let t = format!("{num}{word}");
        let got = parse_quantity(&t).map(|q| q.value).unwrap_or(f64::NAN);
        prop_assert!(close(got, want), "{} -> {} != {}", t, got, want);
        // and in running text with a unit
        let text = format!("投资{num}{word}元，");
        let found = find_quantities(&text);
        prop_assert_eq!(found.len(), 1);
        prop_assert!(close(found[0].quantity.value, want));
        prop_assert_eq!(found[0].quantity.unit.as_str(), "CNY");
    }

    #[test]
    fn arabic_with_separators_round_trip(n in 0u64..1_000_000_000u64) {
        let plain = n.to_string();
        let mut grouped = String::new();
        for (k, c) in plain.chars().enumerate() {
            if k > 0 && (plain.len() - k) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        prop_assert_eq!(parse_quantity(&grouped).map(|q| q.value), Ok(n as f64));
    }

    #[test]
    fn find_never_panics_and_spans_are_ordered(s in "\\PC{0,60}") {
        let p = crate::convert::to_simplified(&crate::normalize::fold(&s));
        let n = p.chars().count();
        let v = find_quantities(&p);
        let mut last = 0;
        for q in &v {
            prop_assert!(q.start < q.end && q.end <= n && q.start >= last);
            last = q.end;
        }
        let _ = parse_quantity(&s);
    }

    #[test]
    fn find_never_panics_on_numeral_soup(s in "[0-9一二两三四五六七八九十百千万亿兆零〇点.,%元家个年月-至多余几数半第a ]{0,40}") {
        let n = s.chars().count();
        for q in find_quantities(&s) {
            prop_assert!(q.start < q.end && q.end <= n);
        }
        let _ = parse_quantity(&s);
    }
}

// ---------- property tests of the numeral reader itself

/// How [`spell`] writes a Chinese numeral.
#[derive(Clone, Copy, Debug)]
enum Script {
    /// 一千二百三十四万, as [`to_chinese`] writes it.
    Plain,
    /// 十五 for 一十五 at the start.
    BareTen,
    /// 萬, 億 and 兩-free Traditional forms.
    Traditional,
    /// Financial numerals: 壹仟贰佰叁拾肆.
    Financial,
}

/// A Chinese spelling of `n` in `script`, built on [`to_chinese`].
fn spell(n: u64, script: Script) -> String {
    let plain = to_chinese(n);
    match script {
        Script::Plain => plain,
        Script::BareTen => match plain.strip_prefix("一十") {
            Some(rest) => format!("十{rest}"),
            None => plain,
        },
        Script::Traditional => plain.replace('万', "萬").replace('亿', "億"),
        Script::Financial => plain
            .chars()
            .map(|c| match c {
                '一' => '壹',
                '二' => '贰',
                '三' => '叁',
                '四' => '肆',
                '五' => '伍',
                '六' => '陆',
                '七' => '柒',
                '八' => '捌',
                '九' => '玖',
                '十' => '拾',
                '百' => '佰',
                '千' => '仟',
                other => other,
            })
            .collect(),
    }
}

/// `digits` written digit by digit in Chinese, zeros as `zero`, `sep` between the digits.
fn digit_by_digit(digits: &str, zero: char, sep: &str) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 {
            out.push_str(sep);
        }
        let d = c.to_digit(10).map_or('?', |d| D[d as usize]);
        out.push(if d == '〇' { zero } else { d });
    }
    out
}

/// `read_numeral` at 0, in `mode`, on `text`: its value and end.
fn read_at0(text: &str, mode: Mode) -> Option<(f64, usize)> {
    let s: Vec<char> = text.chars().collect();
    numeral::read_numeral(&s, 0, mode).map(|n| (n.value, n.end))
}

#[test]
fn a_chinese_decimal_does_not_swallow_the_space_before_liang() {
    // 两 ends a digit run after the point: the numeral ends at 肆, not on the space after it
    let s: Vec<char> = "廿.肆 两".chars().collect();
    let n = numeral::read_numeral(&s, 0, Mode::Find);
    assert_eq!(n.as_ref().map(|n| n.end), Some(3), "{n:?}");
}

/// The invariants of any numeral read anywhere: it starts where asked, ends inside the text
/// after at least one char, and has a finite value.
fn check_every_start(text: &str) -> Result<(), TestCaseError> {
    let s: Vec<char> = text.chars().collect();
    for start in 0..=s.len() + 1 {
        for mode in [Mode::Find, Mode::Parse] {
            let Some(n) = numeral::read_numeral(&s, start, mode) else {
                continue;
            };
            prop_assert_eq!(n.start, start);
            prop_assert!(
                start < n.end && n.end <= s.len(),
                "{text:?} at {start}: {n:?}"
            );
            prop_assert!(n.value.is_finite(), "{text:?} at {start}: {n:?}");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn numeral_reader_never_panics_and_stays_inside_any_text(s in "\\PC{0,40}") {
        check_every_start(&s)?;
    }

    #[test]
    fn numeral_reader_never_panics_on_numeral_soup(
        s in "[0-9.,·k 一二两俩三四五六七八九十百千万萬亿億兆零〇○壹贰叁参肆伍陆柒捌玖拾佰仟廿卅卌数几上半多余来点%瓦克米字节位成场]{0,30}"
    ) {
        check_every_start(&s)?;
    }

    #[test]
    fn a_digit_string_reads_as_its_parse(int in "[0-9]{1,30}", frac in "(\\.[0-9]{1,20})?") {
        let text = format!("{int}{frac}");
        let want = text.parse::<f64>().expect("parses");
        for mode in [Mode::Find, Mode::Parse] {
            prop_assert_eq!(read_at0(&text, mode), Some((want, text.chars().count())));
        }
    }

    #[test]
    fn thousands_separators_read_as_the_plain_number(n in 1_000u64..1_000_000_000_000u64, sep in "[, ]") {
        let plain = n.to_string();
        let mut grouped = String::new();
        for (k, c) in plain.chars().enumerate() {
            if k > 0 && (plain.len() - k) % 3 == 0 {
                grouped.push_str(&sep);
            }
            grouped.push(c);
        }
        prop_assert_eq!(read_at0(&grouped, Mode::Find), Some((n as f64, grouped.chars().count())));
    }

    #[test]
    fn arabic_and_chinese_spellings_read_the_same(n in 0u64..10_000_000_000_000u64, script in 0usize..4) {
        let script = [Script::Plain, Script::BareTen, Script::Traditional, Script::Financial][script];
        let arabic = n.to_string();
        let chinese = spell(n, script);
        let want = read_at0(&arabic, Mode::Find).map(|(v, _)| v);
        prop_assert_eq!(want, Some(n as f64));
        // financial 陆 and 参 need financial neighbours in running text, so read as a whole
        let mode = if matches!(script, Script::Financial) { Mode::Parse } else { Mode::Find };
        prop_assert_eq!(read_at0(&chinese, mode), Some((n as f64, chinese.chars().count())), "{}", chinese);
    }

    #[test]
    fn chinese_numerals_end_before_the_measure_word(n in 1u64..100_000_000u64) {
        let chinese = to_chinese(n);
        let text = format!("共{chinese}家企业");
        let s: Vec<char> = text.chars().collect();
        let got = numeral::read_numeral(&s, 1, Mode::Find).map(|m| (m.value, m.end));
        prop_assert_eq!(got, Some((n as f64, 1 + chinese.chars().count())), "{}", text);
    }

    #[test]
    fn an_arabic_coefficient_reads_as_its_chinese_spelling(hi in 1u64..10_000u64, lo in 1_000u64..10_000u64, mag in 0usize..2) {
        // 1234万5678 = 一千二百三十四万五千六百七十八
        let (word, m) = [("万", 10_000u64), ("亿", 100_000_000u64)][mag];
        let n = hi * m + if mag == 0 { lo } else { 0 };
        let mixed = if mag == 0 { format!("{hi}{word}{lo}") } else { format!("{hi}{word}") };
        prop_assert_eq!(read_at0(&mixed, Mode::Find), Some((n as f64, mixed.chars().count())), "{}", mixed);
        prop_assert_eq!(read_at0(&to_chinese(n), Mode::Find).map(|(v, _)| v), Some(n as f64));
    }

    #[test]
    fn digit_by_digit_numerals_read_as_their_digits(
        digits in "[0-9]{3,15}", zero in 0usize..3, spaced in proptest::bool::ANY
    ) {
        let zero = ['〇', '○', '零'][zero];
        let sep = if spaced { " " } else { "" };
        let text = digit_by_digit(&digits, zero, sep);
        let want = digits.parse::<f64>().expect("digits");
        prop_assert_eq!(read_at0(&text, Mode::Find), Some((want, text.chars().count())), "{}", text);
    }
}
