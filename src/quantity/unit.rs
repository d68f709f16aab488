//! The unit vocabulary: currency words, percent forms, physical units and measure words, each
//! mapped to its canonical unit (see the table in the module documentation of `quantity`).

use super::numeral::{at, is_space, skip_sp, Mode};

/// What a unit word means.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Kind {
    /// Money in the given ISO 4217 code (`元` is CNY unless a currency word says otherwise).
    Money(&'static str),
    /// A fraction of the major currency unit: 角/毛/毫 = 0.1, 分/仙 = 0.01.
    MoneySub(f64, &'static str),
    /// `%`, value as written.
    Percent,
    /// `‰`: value / 10, unit `%`.
    Permille,
    /// 个百分点: unit `pp`.
    Pp,
    /// 成: tenths, value × 10, unit `%`.
    Cheng,
    /// 折: price as a fraction of the original; 8折 = 80 `%`, 75折 = 75 `%`.
    Zhe,
    /// 倍: unit `times`.
    Times,
    /// A physical unit with its canonical symbol.
    Phys(&'static str),
    /// 度: kWh with a magnitude word or before 电, otherwise degrees `°`.
    Du,
    /// A measure word (classifier): the unit is the word itself.
    Measure,
    /// 级 after a magnitude (万亿级): unit `级`.
    Scale,
    /// 两 as a mass unit (0.1 斤), only in a 斤 compound or in `parse_quantity` after digits.
    Liang,
    /// Dozen (`打`), parse only: value × 12, unit "".
    Dozen,
}

/// One entry of the vocabulary.
#[derive(Debug)]
pub(crate) struct UnitDef {
    pub word: &'static str,
    pub kind: Kind,
    /// Allowed in running text (`find_quantities`); otherwise only in `parse_quantity`.
    pub find: bool,
}

macro_rules! u {
    ($w:expr, $k:expr) => {
        UnitDef {
            word: $w,
            kind: $k,
            find: true,
        }
    };
    ($w:expr, $k:expr, parse) => {
        UnitDef {
            word: $w,
            kind: $k,
            find: false,
        }
    };
}

use Kind::*;

/// True when `code` is the code of a currency the unit vocabulary reads (CNY, TWD, HKD, USD …,
/// and BTC): the units a money amount can carry.
///
/// ```
/// assert!(zhtag::quantity::is_currency_code("TWD"));
/// assert!(!zhtag::quantity::is_currency_code("TEU"));
/// assert!(!zhtag::quantity::is_currency_code("XYZ"));
/// ```
pub fn is_currency_code(code: &str) -> bool {
    UNITS
        .iter()
        .any(|u| matches!(u.kind, Money(c) | MoneySub(_, c) if c == code))
}

/// The vocabulary (prepared text: Simplified, lower-case ASCII). Longest match wins.
pub(crate) static UNITS: &[UnitDef] = &[
    // ---- money
    u!("元", Money("CNY")),
    u!("圆", Money("CNY")),
    u!("人民币", Money("CNY")),
    u!("人民币元", Money("CNY")),
    u!("块钱", Money("CNY")),
    u!("块", Money("CNY"), parse),
    u!("rmb", Money("CNY")),
    u!("cny", Money("CNY")),
    u!("美元", Money("USD")),
    u!("美金", Money("USD")),
    u!("美圆", Money("USD")),
    u!("美刀", Money("USD")),
    u!("usd", Money("USD")),
    u!("港元", Money("HKD")),
    u!("港币", Money("HKD")),
    u!("港圆", Money("HKD")),
    u!("蚊", Money("HKD")),
    u!("hkd", Money("HKD")),
    u!("新台币", Money("TWD")),
    u!("新台币元", Money("TWD")),
    u!("台币", Money("TWD")),
    u!("twd", Money("TWD")),
    u!("ntd", Money("TWD")),
    u!("澳门元", Money("MOP")),
    u!("澳门币", Money("MOP")),
    u!("澳门圆", Money("MOP")),
    u!("葡币", Money("MOP")),
    u!("mop", Money("MOP")),
    u!("欧元", Money("EUR")),
    u!("eur", Money("EUR")),
    u!("日元", Money("JPY")),
    u!("日圆", Money("JPY")),
    u!("日币", Money("JPY")),
    u!("jpy", Money("JPY")),
    u!("英镑", Money("GBP")),
    u!("gbp", Money("GBP")),
    u!("韩元", Money("KRW")),
    u!("韩圆", Money("KRW")),
    u!("韩币", Money("KRW")),
    u!("卢布", Money("RUB")),
    u!("瑞士法郎", Money("CHF")),
    u!("瑞郎", Money("CHF")),
    u!("加元", Money("CAD")),
    u!("加币", Money("CAD")),
    u!("加拿大元", Money("CAD")),
    u!("澳元", Money("AUD")),
    u!("澳币", Money("AUD")),
    u!("澳大利亚元", Money("AUD")),
    u!("新加坡元", Money("SGD")),
    u!("新元", Money("SGD")),
    u!("新币", Money("SGD")),
    u!("泰铢", Money("THB")),
    u!("卢比", Money("INR")),
    u!("印度卢比", Money("INR")),
    u!("越南盾", Money("VND")),
    u!("印尼盾", Money("IDR")),
    u!("令吉", Money("MYR")),
    u!("马币", Money("MYR")),
    u!("新西兰元", Money("NZD")),
    u!("纽元", Money("NZD")),
    u!("比索", Money("PHP")),
    u!("里拉", Money("TRY")),
    u!("兰特", Money("ZAR")),
    u!("雷亚尔", Money("BRL")),
    u!("比特币", Money("BTC")),
    u!("挪威克朗", Money("NOK")),
    u!("瑞典克朗", Money("SEK")),
    u!("丹麦克朗", Money("DKK")),
    u!("马克", Money("DEM")),
    u!("德国马克", Money("DEM")),
    u!("法国法郎", Money("FRF")),
    u!("铢", Money("THB")),
    u!("新谢克尔", Money("ILS")),
    u!("谢克尔", Money("ILS")),
    u!("沙特里亚尔", Money("SAR")),
    u!("迪拉姆", Money("AED")),
    u!("新台币圆", Money("TWD")),
    u!("林吉特", Money("MYR")),
    u!("马来西亚林吉特", Money("MYR")),
    u!("巴西雷亚尔", Money("BRL")),
    u!("墨西哥比索", Money("MXN")),
    u!("菲律宾比索", Money("PHP")),
    u!("南非兰特", Money("ZAR")),
    u!("土耳其里拉", Money("TRY")),
    u!("埃及镑", Money("EGP")),
    u!("美分", MoneySub(0.01, "USD")),
    u!("欧分", MoneySub(0.01, "EUR")),
    u!("便士", MoneySub(0.01, "GBP")),
    u!("港仙", MoneySub(0.01, "HKD")),
    u!("毛钱", MoneySub(0.1, "CNY")),
    u!("角钱", MoneySub(0.1, "CNY")),
    u!("分钱", MoneySub(0.01, "CNY")),
    u!("角", MoneySub(0.1, "CNY"), parse),
    u!("毛", MoneySub(0.1, "CNY"), parse),
    u!("毫", MoneySub(0.1, "HKD"), parse),
    u!("分", MoneySub(0.01, "CNY"), parse),
    u!("仙", MoneySub(0.01, "HKD"), parse),
    // ---- percent and ratios
    u!("%", Percent),
    u!("‰", Permille),
    u!("个百分点", Pp),
    u!("个基点", Phys("bp")),
    u!("基点", Phys("bp")),
    u!("点子", Phys("bp")),
    u!("百分点", Pp),
    u!("成", Cheng),
    u!("折", Zhe),
    u!("倍", Times),
    // ---- length
    u!("米", Phys("m")),
    u!("公尺", Phys("m")),
    u!("千米", Phys("km")),
    u!("公里", Phys("km")),
    u!("厘米", Phys("cm")),
    u!("公分", Phys("cm")),
    u!("毫米", Phys("mm")),
    u!("公厘", Phys("mm")),
    u!("微米", Phys("µm")),
    u!("奈米", Phys("nm")),
    u!("纳米", Phys("nm")),
    u!("英里", Phys("mi")),
    u!("哩", Phys("mi")),
    u!("英尺", Phys("ft")),
    u!("呎", Phys("ft")),
    u!("英寸", Phys("in")),
    u!("吋", Phys("in")),
    u!("英吋", Phys("in")),
    u!("海里", Phys("nmi")),
    u!("分米", Phys("dm")),
    u!("光年", Phys("ly")),
    u!("尺", Phys("chi")),
    u!("寸", Phys("cun")),
    u!("丈", Phys("zhang")),
    u!("码", Phys("yd"), parse),
    u!("英码", Phys("yd")),
    u!("km", Phys("km")),
    u!("cm", Phys("cm")),
    u!("mm", Phys("mm")),
    u!("nm", Phys("nm")),
    u!("µm", Phys("µm")),
    u!("um", Phys("µm")),
    u!("m", Phys("m")),
    u!("mile", Phys("mi"), parse),
    u!("miles", Phys("mi"), parse),
    u!("foot", Phys("ft"), parse),
    u!("feet", Phys("ft"), parse),
    u!("foots", Phys("ft"), parse),
    u!("feets", Phys("ft"), parse),
    u!("ft", Phys("ft"), parse),
    u!("inch", Phys("in"), parse),
    u!("inches", Phys("in"), parse),
    u!("'", Phys("ft"), parse),
    u!("\"", Phys("in"), parse),
    // ---- area
    u!("平方米", Phys("m2")),
    u!("平米", Phys("m2")),
    u!("平方公尺", Phys("m2")),
    u!("平方公里", Phys("km2")),
    u!("平方千米", Phys("km2")),
    u!("平方英里", Phys("mi2")),
    u!("平方英尺", Phys("ft2")),
    u!("平方呎", Phys("ft2")),
    u!("公顷", Phys("ha")),
    u!("亩", Phys("mu")),
    u!("英亩", Phys("acre")),
    u!("坪", Phys("ping")),
    u!("m2", Phys("m2")),
    u!("m²", Phys("m2")),
    u!("km2", Phys("km2")),
    u!("km²", Phys("km2")),
    // ---- volume
    u!("升", Phys("L")),
    u!("公升", Phys("L")),
    u!("毫升", Phys("mL")),
    u!("立方米", Phys("m3")),
    u!("立方公尺", Phys("m3")),
    u!("立方厘米", Phys("cm3")),
    u!("立方公里", Phys("km3")),
    u!("加仑", Phys("gal")),
    u!("桶", Phys("bbl")),
    u!("茶匙", Phys("tsp")),
    u!("汤匙", Phys("tbsp")),
    u!("品脱", Phys("pt")),
    u!("立方英尺", Phys("ft3")),
    u!("ml", Phys("mL")),
    u!("cc", Phys("mL")),
    u!("m3", Phys("m3")),
    u!("m³", Phys("m3")),
    u!("l", Phys("L"), parse),
    // ---- mass
    u!("吨", Phys("t")),
    u!("公吨", Phys("t")),
    u!("千克", Phys("kg")),
    u!("公斤", Phys("kg")),
    u!("克", Phys("g")),
    u!("公克", Phys("g")),
    u!("毫克", Phys("mg")),
    u!("微克", Phys("µg")),
    u!("斤", Phys("jin")),
    u!("两", Liang, parse),
    u!("盎司", Phys("oz")),
    u!("磅", Phys("lb")),
    u!("克拉", Phys("ct")),
    u!("kg", Phys("kg")),
    u!("mg", Phys("mg")),
    u!("g", Phys("g"), parse),
    // ---- power and energy
    u!("瓦", Phys("W")),
    u!("瓦特", Phys("W")),
    u!("千瓦", Phys("kW")),
    u!("瓩", Phys("kW")),
    u!("兆瓦", Phys("MW")),
    u!("吉瓦", Phys("GW")),
    u!("太瓦", Phys("TW")),
    u!("kw", Phys("kW")),
    u!("mw", Phys("MW")),
    u!("gw", Phys("GW")),
    u!("w", Phys("W"), parse),
    u!("马力", Phys("hp")),
    u!("千瓦时", Phys("kWh")),
    u!("瓦时", Phys("Wh")),
    u!("兆瓦时", Phys("MWh")),
    u!("吉瓦时", Phys("GWh")),
    u!("太瓦时", Phys("TWh")),
    u!("kwh", Phys("kWh")),
    u!("mwh", Phys("MWh")),
    u!("gwh", Phys("GWh")),
    u!("twh", Phys("TWh")),
    u!("度", Du),
    u!("度电", Phys("kWh")),
    u!("焦耳", Phys("J")),
    u!("毫安时", Phys("mAh")),
    u!("mah", Phys("mAh")),
    u!("千焦", Phys("kJ")),
    u!("兆焦", Phys("MJ")),
    u!("千卡", Phys("kcal")),
    u!("大卡", Phys("kcal")),
    // ---- data, frequency, voltage, pressure, containers
    u!("字节", Phys("B")),
    u!("千字节", Phys("kB")),
    u!("兆字节", Phys("MB")),
    u!("吉字节", Phys("GB")),
    u!("太字节", Phys("TB")),
    u!("位元组", Phys("B")),
    u!("千位元组", Phys("kB")),
    u!("兆位元组", Phys("MB")),
    u!("吉位元组", Phys("GB")),
    u!("比特", Phys("bit")),
    u!("kb", Phys("kB")),
    u!("mb", Phys("MB")),
    u!("gb", Phys("GB")),
    u!("tb", Phys("TB")),
    u!("赫兹", Phys("Hz")),
    u!("千赫", Phys("kHz")),
    u!("兆赫", Phys("MHz")),
    u!("吉赫", Phys("GHz")),
    u!("hz", Phys("Hz")),
    u!("khz", Phys("kHz")),
    u!("mhz", Phys("MHz")),
    u!("ghz", Phys("GHz")),
    u!("伏", Phys("V")),
    u!("伏特", Phys("V")),
    u!("千伏", Phys("kV")),
    u!("kv", Phys("kV")),
    u!("帕", Phys("Pa")),
    u!("千帕", Phys("kPa")),
    u!("兆帕", Phys("MPa")),
    u!("标箱", Phys("TEU")),
    u!("标准箱", Phys("TEU")),
    u!("teu", Phys("TEU")),
    // ---- temperature
    u!("摄氏度", Phys("°C")),
    u!("摄氏°", Phys("°C")),
    u!("℃", Phys("°C")),
    u!("°c", Phys("°C")),
    u!("华氏度", Phys("°F")),
    u!("华氏°", Phys("°F")),
    u!("℉", Phys("°F")),
    u!("°f", Phys("°F")),
    u!("°", Phys("°")),
    // ---- scale class
    u!("级", Scale),
    // ---- dozen (parse only)
    u!("打", Dozen, parse),
    // ---- measure words (the unit is the word)
    u!("家", Measure),
    u!("项", Measure),
    u!("个", Measure),
    u!("件", Measure),
    u!("座", Measure),
    u!("辆", Measure),
    u!("户", Measure),
    u!("伙", Measure),
    u!("人", Measure),
    u!("名", Measure),
    u!("批", Measure),
    u!("宗", Measure),
    u!("张", Measure),
    u!("片", Measure),
    u!("人次", Measure),
    u!("台", Measure),
    u!("架", Measure),
    u!("艘", Measure),
    u!("条", Measure),
    u!("只", Measure),
    u!("头", Measure),
    u!("棵", Measure),
    u!("株", Measure),
    u!("所", Measure),
    u!("间", Measure),
    u!("位", Measure),
    u!("套", Measure),
    u!("部", Measure),
    u!("款", Measure),
    u!("种", Measure),
    u!("类", Measure),
    u!("篇", Measure),
    u!("本", Measure),
    u!("份", Measure),
    u!("笔", Measure),
    u!("场", Measure),
    u!("次", Measure),
    u!("例", Measure),
    u!("起", Measure),
    u!("处", Measure),
    u!("栋", Measure),
    u!("幢", Measure),
    u!("层", Measure),
    u!("颗", Measure),
    u!("枚", Measure),
    u!("根", Measure),
    u!("块", Measure),
    u!("匹", Measure),
    u!("首", Measure),
    u!("幅", Measure),
    u!("封", Measure),
    u!("轮", Measure),
    u!("股", Measure),
    u!("箱", Measure),
    u!("瓶", Measure),
    u!("盒", Measure),
    u!("袋", Measure),
    u!("组", Measure),
    u!("对", Measure),
    u!("双", Measure),
    u!("副", Measure),
    u!("家次", Measure),
    u!("户次", Measure),
    u!("班次", Measure),
    u!("架次", Measure),
    u!("车次", Measure),
    u!("辆次", Measure),
    u!("人口", Measure),
    u!("剂", Measure),
    u!("粒", Measure),
    u!("支", Measure),
    u!("页", Measure),
    u!("名额", Measure),
    u!("席", Measure),
    u!("档", Measure),
    u!("届", Measure),
];

/// Measure words that, followed by these chars, belong to another word (`3个月` is a duration,
/// `5台湾` is no count).
fn measure_blocked(word: &str, s: &[char], e: usize) -> bool {
    let n = at(s, e);
    let n2 = at(s, e + 1);
    // 两个多月, 一个半小时: durations
    if matches!(n, '多' | '半' | '余')
        && matches!(
            n2,
            '月' | '小' | '钟' | '星' | '礼' | '年' | '时' | '工' | '天' | '周' | '世'
        )
    {
        return true;
    }
    match word {
        "个" => {
            matches!(n, '月' | '把' | '别' | '体' | '性' | '钟')
                || (n == '小' && n2 == '时')
                || (n == '星' && n2 == '期')
                || (n == '礼' && n2 == '拜')
                || (n == '工' && n2 == '作' && matches!(at(s, e + 2), '日' | '天' | '周' | '週'))
                || (n == '财' && n2 == '政')
                || (n == '年' && n2 == '度')
                || (n == '交' && n2 == '易')
                || (n == '季' && n2 == '度')
                || (n == '年' && n2 == '头')
                || (n == '时' && n2 == '辰')
                || (n == '半'
                    && matches!(n2, '月' | '小' | '钟' | '星' | '礼' | '年' | '时' | '工'))
        }
        "台" => matches!(
            n,
            '湾' | '北'
                | '南'
                | '中'
                | '东'
                | '商'
                | '资'
                | '企'
                | '胞'
                | '风'
                | '海'
                | '独'
                | '积'
                | '阶'
                | '上'
                | '下'
                | '前'
                | '后'
        ),
        "名" => {
            matches!(n, '义' | '单' | '称' | '字' | '誉' | '牌' | '校' | '列')
                || (n == '人' && !matches!(n2, '大' | '员'))
        }
        "次" => matches!(n, '日' | '年' | '月' | '要' | '级' | '贷'),
        "起" => matches!(
            n,
            '来' | '步' | '诉' | '点' | '草' | '飞' | '源' | '到' | '初' | '始'
        ),
        "部" => matches!(n, '分' | '署' | '长' | '件' | '队' | '委'),
        "位" => matches!(n, '于' | '置' | '数' | '居'),
        // 伙 counts flats (推出288伙); 伙伴, 伙食, 伙计 are words of their own
        "伙" => matches!(n, '伴' | '食' | '计' | '同' | '房'),
        "条" => matches!(n, '件' | '例' | '款'),
        "处" => matches!(n, '理' | '于' | '长' | '置'),
        "本" => matches!(
            n,
            '地' | '身'
                | '来'
                | '土'
                | '届'
                | '次'
                | '轮'
                | '年'
                | '月'
                | '周'
                | '季'
                | '报'
                | '币'
        ),
        "只" => matches!(n, '有' | '是' | '要' | '能' | '会' | '需' | '占' | '在'),
        "对" => {
            n.is_ascii_digit()
                || super::numeral::cn_digit(n).is_some()
                || matches!(
                    n,
                    '于' | '此' | '外' | '比' | '话' | '接' | '象' | '手' | '华' | '台' | '美'
                )
        }
        "双" => matches!(
            n,
            '方' | '边' | '向' | '重' | '碳' | '循' | '创' | '一' | '赢' | '城'
        ),
        "批" => matches!(n, '准' | '发' | '评'),
        "场" => matches!(n, '所' | '景' | '地' | '合'),
        "股" => matches!(n, '东' | '份' | '市' | '票' | '价' | '权'),
        "家" => matches!(n, '长' | '庭' | '属' | '乡' | '族' | '居'),
        "人" => matches!(n, '民' | '士' | '员' | '才' | '工' | '们' | '类' | '事'),
        "头" => matches!(n, '部' | '等' | '条' | '号'),
        "间" => matches!(n, '接' | '隔'),
        "类" => matches!(n, '似' | '型'),
        "种" => matches!(n, '子' | '植'),
        "首" => matches!(
            n,
            '次' | '都' | '批' | '位' | '家' | '发' | '度' | '届' | '季' | '个'
        ),
        "款" => matches!(n, '项'),
        // 16项目 (16 projects, 项目 one word), but 三项目标 (three targets)
        "项" => n == '目' && n2 != '标',
        "席" => matches!(n, '位' | '卷' | '间' | '次' | '地'),
        "档" => matches!(n, '案' | '次' | '期' | '位'),
        // 十九届五中全会, 十四届全国人大: the term of a body, part of its name
        "届" => {
            super::numeral::cn_digit(n).is_some()
                || matches!(
                    n,
                    '全' | '中' | '人' | '政' | '会' | '世' | '奥' | '亚' | '立'
                )
        }
        "层" => matches!(n, '面' | '级' | '次'),
        "根" => matches!(n, '据' | '本' | '源'),
        "组" => matches!(n, '织' | '成' | '建' | '合'),
        "轮" => matches!(n, '胎' | '流'),
        "套" => matches!(n, '餐' | '利'),
        "件" => matches!(n, '事'),
        "片" => matches!(n, '面' | '区'),
        "支" => matches!(
            n,
            '持' | '付' | '出' | '援' | '撑' | '柱' | '部' | '行' | '票' | '配' | '线'
        ),
        "页" => matches!(n, '面'),
        "尺" => matches!(n, '寸' | '度' | '码'),
        "m" => n == '公' && n2 == '司',
        "寸" => matches!(n, '步'),
        "比特" => matches!(n, '币'),
        "元" => matches!(
            n,
            '旦' | '首'
                | '宵'
                | '素'
                | '化'
                | '论'
                | '老'
                | '件'
                | '器'
                | '气'
                | '帅'
                | '年'
                | '月'
                | '代'
                | '朝'
        ),
        "日元" | "日圆" | "日币" => matches!(
            n,
            '旦' | '首' | '宵' | '素' | '化' | '老' | '帅' | '气' | '年' | '月'
        ),
        "张" => n == '家' && n2 == '口',
        _ => false,
    }
}

/// Vocabulary entries by first char.
static INDEX: std::sync::LazyLock<rustc_hash::FxHashMap<char, Vec<usize>>> =
    std::sync::LazyLock::new(|| {
        let mut m: rustc_hash::FxHashMap<char, Vec<usize>> = rustc_hash::FxHashMap::default();
        for (k, def) in UNITS.iter().enumerate() {
            if let Some(c) = def.word.chars().next() {
                m.entry(c).or_default().push(k);
            }
        }
        m
    });

/// The result of a unit match.
#[derive(Clone, Copy, Debug)]
pub(crate) struct UnitMatch {
    pub def: &'static UnitDef,
    /// One past the last char of the unit word.
    pub end: usize,
}

fn is_ascii_word(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Matches the longest unit word at `i`. CJK words may have inline spaces between their
/// characters (`个 百 分 点`).
pub(crate) fn match_unit(s: &[char], i: usize, mode: Mode) -> Option<UnitMatch> {
    let first = at(s, i);
    if first == '\0' || is_space(first) {
        return None;
    }
    let mut best: Option<UnitMatch> = None;
    let mut best_len = 0usize;
    let candidates = INDEX.get(&first)?;
    for &k in candidates {
        let Some(def) = UNITS.get(k) else { continue };
        if mode == Mode::Find && !def.find {
            continue;
        }
        let mut chars = def.word.chars();
        if chars.next() != Some(first) {
            continue;
        }
        let ascii = is_ascii_word(def.word);
        let mut j = i + 1;
        let mut ok = true;
        let mut len = 1usize;
        for wc in chars {
            if !ascii && !wc.is_ascii() {
                j = skip_sp(s, j, 3);
            }
            if at(s, j) != wc {
                ok = false;
                break;
            }
            j += 1;
            len += 1;
        }
        if !ok {
            continue;
        }
        if ascii && at(s, j).is_ascii_alphabetic() {
            continue; // 40gw ok, 18a / 5gbps-like words are not units
        }
        if measure_blocked(def.word, s, j) {
            continue;
        }
        if len > best_len {
            best_len = len;
            best = Some(UnitMatch { def, end: j });
        }
    }
    best
}
