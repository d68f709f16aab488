//! ORG for names not in any dictionary.
//!
//! Three rules, all on token boundaries of the prepared (Simplified) text:
//! 1. **Suffix**: name tokens followed by an organization suffix (有限公司, 集团, 银行, 大学,
//!    委员会, 管理局, 政府 …): 芜湖楚睿智能科技有限公司, 大橡塑公司. The name must hold at least one
//!    token that is not a generic descriptor (科技公司, 该公司 and 上市公司 are not names).
//! 2. **Government body by structure**: a place or a known organization, then a name, then a
//!    short government suffix (局, 厅, 委, 办, 署, 司 …): 大连市工业和信息化局,
//!    国家发改委资源节约与环保司. A place in front of a body that is itself in the dictionary stays
//!    outside (中国 + 工业和信息化部).
//! 3. **Declared short forms**: `全名(以下简称短名)` makes every later 短名 an ORG with the full
//!    name as canonical ([`declarations`]).

use std::sync::LazyLock;

use super::lexicon::Lexicon;
use super::{is_han, Candidate, Prepared};
use crate::entity::{Label, Normalized, Source};

/// Suffixes that end an organization name; longest first.
const SUFFIXES: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "管理委员会",
    "有限公司",
    "控股集团",
    "研究中心",
    "联合总会",
    "人民政府",
    "通讯社",
    "电视台",
    "出版社",
    "基金会",
    "研究院",
    "研究所",
    "科学院",
    "联合会",
    "委员会",
    "管理局",
    "交易所",
    "检察院",
    "集团",
    "公司",
    "银行",
    "证券",
    "大学",
    "学院",
    "医院",
    "协会",
    "学会",
    "商会",
    "法院",
    "政府",
    "日报",
    "晚报",
    "时报",
];

/// Short suffixes of government bodies: only after a place or a known organization.
const GOV_SUFFIXES: &[&str] = &["局", "厅", "委", "办", "署", "司", "处", "部"];

/// Tokens that can never be part of a name (function words, reporting verbs, titles).
const STOP: &[&str] = &[
    "的",
    "了",
    "和",
    "与",
    "及",
    "在",
    "是",
    "为",
    "对",
    "由",
    "向",
    "等",
    "将",
    "已",
    "于",
    "从",
    "把",
    "被",
    "让",
    "给",
    "以",
    "并",
    "而",
    "或",
    "也",
    "都",
    "还",
    "又",
    "就",
    "但",
    "所",
    "其",
    "该",
    "这",
    "那",
    "此",
    "各",
    "每",
    "本",
    "我",
    "你",
    "他",
    "她",
    "它",
    "们",
    "之",
    "则",
    "即",
    "如",
    "若",
    "因",
    "据",
    "比",
    "至",
    "到",
    "共",
    "约",
    "近",
    "超",
    "逾",
    "另",
    "再",
    "更",
    "最",
    "均",
    "仅",
    "只",
    "才",
    "曾",
    "要",
    "会",
    "能",
    "可",
    "应",
    "须",
    "着",
    "过",
    "来",
    "去",
    "首",
    "第",
    "家",
    "个",
    "名",
    "位",
    "这家",
    "该公司",
    "表示",
    "指出",
    "宣布",
    "公布",
    "透露",
    "发布",
    "研制",
    "建造",
    "投资",
    "成为",
    "推动",
    "支持",
    "包括",
    "参与",
    "通过",
    "旗下",
    "成立",
    "收购",
    "入选",
    "加入",
    "携手",
    "签署",
    "签约",
    "合作",
    "持有",
    "引进",
    "设立",
    "组建",
    "牵头",
    "主办",
    "承办",
    "举办",
    "召开",
    "发起",
    "出资",
    "实施",
    "完成",
    "启动",
    "开展",
    "推出",
    "获得",
    "获评",
    "认定",
    "进入",
    "落户",
    "位于",
    "来自",
    "属于",
    "作为",
    "担任",
    "出任",
    "董事长",
    "总经理",
    "总裁",
    "局长",
    "部长",
    "主任",
    "记者",
    "报道",
    "据悉",
    "目前",
    "今年",
    "去年",
    "昨天",
    "今天",
    "日前",
    "近日",
    "同时",
    "其中",
    "以及",
    "已经",
    "正在",
    "其他",
    "其它",
    "一家",
    "多家",
    "全国",
    "全市",
    "全省",
    "全球",
    "我国",
    "大陆",
    "表明",
    "显示",
    "认为",
    "强调",
    "称",
    "说",
    "有",
    "没有",
    "与会",
    "向下",
    "按照",
    "根据",
    "对于",
    "关于",
    "由于",
    "随着",
    "除了",
    "相关",
    "有关",
    "上市",
    "上述",
    "以下",
    "以上",
    "所有",
    "部分",
    "主要",
    "重要",
    "包含",
    "涉及",
    "如何",
];

/// Words that describe an organization without naming it.
const GENERIC: &[&str] = &[
    "科技",
    "技术",
    "能源",
    "投资",
    "金融",
    "互联网",
    "汽车",
    "国有",
    "民营",
    "外资",
    "母",
    "子",
    "新",
    "地方",
    "国内",
    "国外",
    "海外",
    "大型",
    "中小",
    "小型",
    "龙头",
    "骨干",
    "重点",
    "知名",
    "当地",
    "本地",
    "国际",
    "世界",
    "企业",
    "工业",
    "产业",
    "制造",
    "电力",
    "建设",
    "发展",
    "管理",
    "服务",
    "信息",
    "数据",
    "网络",
    "电子",
    "通信",
    "医药",
    "生物",
    "化工",
    "材料",
    "设备",
    "装备",
    "工程",
    "贸易",
    "物流",
    "航运",
    "航空",
    "船舶",
    "钢铁",
    "煤炭",
    "石油",
    "化学",
    "环保",
    "农业",
    "文化",
    "旅游",
    "教育",
    "医疗",
    "健康",
    "保险",
    "实业",
    "控股",
    "股份",
    "有限",
    "责任",
    "国家",
    "人民",
    "省级",
    "市级",
    "县级",
    "区级",
    "中央",
    "商业",
    "合资",
    "独资",
    "跨国",
    "上游",
    "下游",
    "一流",
    "大",
    "小",
    "总",
    "分",
    "老",
    "多",
    "两",
    "三",
    "几",
    "某",
    "有限公司",
    "集团",
    "公司",
    "银行",
    "证券",
    "私营",
    "民间",
    "政府",
    "部门",
    "机构",
    "单位",
    "行政",
    "监管",
    "主管",
    "职能",
    "研究",
    "开发",
    "研发",
    "创新",
    "智能",
    "数字",
    "新兴",
    "传统",
    "专业",
    "综合",
    "商务",
    "外国",
];

/// Places that descriptively precede a central body but are not part of its name.
fn is_stop(word: &str) -> bool {
    STOP.contains(&word)
}

/// [`SUFFIXES`] and [`GOV_SUFFIXES`] as chars, split once per process for [`longest_suffix`].
static SUFFIX_CHARS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| to_chars(SUFFIXES));
static GOV_SUFFIX_CHARS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| to_chars(GOV_SUFFIXES));

fn to_chars(list: &[&str]) -> Vec<Vec<char>> {
    list.iter().map(|s| s.chars().collect()).collect()
}

fn is_generic(word: &str) -> bool {
    GENERIC.contains(&word)
}

fn is_name_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || c == '&'
}

/// The ORG rules. They consult the lexicon for places and known organizations.
#[derive(Debug, Default, Clone)]
pub struct OrgRules;

impl OrgRules {
    /// Proposes ORG candidates for unseen names in `p`.
    pub fn find(&self, p: &Prepared, lex: &Lexicon, out: &mut Vec<Candidate>) {
        let n = p.len();
        // every position where an org suffix ends at a token boundary
        for end in 1..=n {
            if !p.ends_token(end) || !p.char_at(end - 1).is_some_and(is_han) {
                continue;
            }
            if let Some(suffix_len) = longest_suffix(p, end, &SUFFIX_CHARS) {
                if let Some(c) = suffix_rule(p, lex, end - suffix_len, end) {
                    out.push(c);
                }
            } else if let Some(suffix_len) = longest_suffix(p, end, &GOV_SUFFIX_CHARS) {
                if let Some(c) = gov_rule(p, lex, end - suffix_len, end) {
                    out.push(c);
                }
            }
        }
    }
}

/// Length of the longest suffix in `list` ending at char `end` and starting at a token start…
/// or ending a token whose start is a token start (the suffix may be inside a longer token such
/// as 有限公司 in a single jieba word).
fn longest_suffix(p: &Prepared, end: usize, list: &[Vec<char>]) -> Option<usize> {
    let mut best: Option<usize> = None;
    let last = p.chars.get(end.wrapping_sub(1));
    for s in list {
        let len = s.len();
        // the last char rejects almost every suffix before a (memcmp) slice comparison
        if len > end || best.is_some_and(|b| b >= len) || s.last() != last {
            continue;
        }
        // compare chars, not a re-sliced &str: this runs at every token end of every sentence
        if p.chars.get(end - len..end) == Some(s.as_slice()) && p.starts_token(end - len) {
            best = Some(len);
        }
    }
    best
}

/// Tokens of the name in front of `suffix_start`, walking left; returns the name's start.
fn extend_left(p: &Prepared, suffix_start: usize, max_chars: usize, allow_conj: bool) -> usize {
    let mut start = suffix_start;
    while let Some(t) = p.token_ending_at(start) {
        let tok = p.tokens[t];
        let word = p.slice(tok.start, tok.end);
        if !word.chars().all(is_name_char) {
            break;
        }
        let conj = allow_conj && matches!(word, "和" | "与") && start != suffix_start;
        if (is_stop(word) && !conj) || suffix_start - tok.start > max_chars {
            break;
        }
        // a number, or a measure word after a number (24宗, 12家), ends the name
        if word.starts_with(|c: char| c.is_ascii_digit())
            || (tok.start > 0 && p.char_at(tok.start - 1).is_some_and(|c| c.is_ascii_digit()))
        {
            break;
        }
        start = tok.start;
    }
    // a conjunction cannot begin a name
    while start < suffix_start {
        let Some(t) = p.token_starting_at(start) else {
            break;
        };
        let word = p.slice(p.tokens[t].start, p.tokens[t].end);
        if matches!(word, "和" | "与") || is_stop(word) {
            start = p.tokens[t].end;
        } else {
            break;
        }
    }
    start
}

/// True when some token of `start..end` is not generic (so the span names something).
fn has_name_token(p: &Prepared, start: usize, end: usize) -> bool {
    let mut i = start;
    while i < end {
        let Some(t) = p.token_starting_at(i) else {
            return true;
        };
        let tok = p.tokens[t];
        let word = p.slice(tok.start, tok.end.min(end));
        if !is_generic(word) && !is_stop(word) {
            return true;
        }
        i = tok.end;
    }
    false
}

fn rule_candidate(start: usize, end: usize) -> Candidate {
    Candidate {
        label: Label::Org,
        start,
        end,
        // the canonical form of a rule-found name is its own text, filled in by the tagger
        normalized: Normalized::Name {
            name: String::new(),
            kind: None,
        },
        source: Source::Rule,
    }
}

/// Where a name that runs over a place should begin: names start with their place
/// (地点属意 + 台南市政府 → 台南市政府), so the first place token inside the run starts the name.
fn start_at_place(p: &Prepared, lex: &Lexicon, start: usize, suffix_start: usize) -> usize {
    let mut i = start;
    while i < suffix_start {
        let Some(t) = p.token_starting_at(i) else {
            break;
        };
        let tok = p.tokens[t];
        if i > start
            && lex
                .lookup(p.slice(tok.start, tok.end))
                .is_some_and(|e| e.label == Label::Loc)
        {
            return i;
        }
        i = tok.end;
    }
    start
}

fn suffix_rule(p: &Prepared, lex: &Lexicon, suffix_start: usize, end: usize) -> Option<Candidate> {
    let start = extend_left(p, suffix_start, 16, false);
    let start = start_at_place(p, lex, start, suffix_start);
    if suffix_start - start < 2 || !has_name_token(p, start, suffix_start) {
        return None;
    }
    // a dictionary name followed by its legal suffix keeps the dictionary's canonical name
    let mut c = rule_candidate(start, end);
    if let Some(e) = lex
        .lookup(p.slice(start, suffix_start))
        .filter(|e| e.label == Label::Org)
    {
        c.normalized = Normalized::Name {
            name: e.name.clone(),
            kind: Some(e.kind.clone()),
        };
        c.source = Source::Dictionary;
    }
    Some(c)
}

fn gov_rule(p: &Prepared, lex: &Lexicon, suffix_start: usize, end: usize) -> Option<Candidate> {
    if super::lexicon::is_head_title(p, end) {
        return None;
    }
    let start = extend_left(p, suffix_start, 14, true);
    if suffix_start - start < 2 {
        return None;
    }
    // the name must begin with a place (or 国家) or a known organization
    let first = p.token_starting_at(start)?;
    let mut anchor_end = None;
    for t in first..(first + 3).min(p.tokens.len()) {
        let tok_end = p.tokens[t].end;
        if tok_end > suffix_start {
            break;
        }
        let w = p.slice(start, tok_end);
        let known = lex
            .lookup(w)
            .is_some_and(|e| matches!(e.label, Label::Loc | Label::Org));
        let place_like = w.chars().count() >= 2 && w.ends_with(['省', '市', '县', '区']);
        if known || place_like || w == "国家" {
            anchor_end = Some(tok_end);
        }
    }
    let anchor_end = anchor_end?;
    if anchor_end == suffix_start && lex.lookup(p.slice(start, end)).is_none() {
        // place + bare suffix (大连市局) names nothing
        return None;
    }
    // place + a body that the dictionary already knows: the place stays outside
    if lex
        .lookup(p.slice(anchor_end, end))
        .is_some_and(|e| e.label == Label::Org)
        && lex
            .lookup(p.slice(start, anchor_end))
            .is_some_and(|e| e.label == Label::Loc)
    {
        return None;
    }
    if !has_name_token(p, anchor_end, suffix_start) && anchor_end != suffix_start {
        return None;
    }
    Some(rule_candidate(start, end))
}

/// Short forms declared in the text: `…(以下简称X)` / `（简称X）` right after an ORG candidate.
/// Returns (short form, canonical name) pairs in prepared script.
pub fn declarations(p: &Prepared, orgs: &[Candidate]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for c in orgs.iter().filter(|c| c.label == Label::Org) {
        let mut i = c.end;
        if !matches!(p.char_at(i), Some('(' | '（')) {
            continue;
        }
        i += 1;
        let rest: String = p.chars[i.min(p.len())..(i + 16).min(p.len())]
            .iter()
            .collect();
        let rest = rest.strip_prefix("以下").unwrap_or(&rest);
        let Some(rest) = rest.strip_prefix("简称") else {
            continue;
        };
        let rest = rest.trim_start_matches([':', '：', '为', '"', '“', '「', '『']);
        let short: String = rest.chars().take_while(|&c| is_name_char(c)).collect();
        if short.chars().count() >= 2 {
            let full = match &c.normalized {
                Normalized::Name { name, .. } if !name.is_empty() => name.clone(),
                _ => p.slice(c.start, c.end).to_string(),
            };
            found.push((short, full));
        }
    }
    found
}
