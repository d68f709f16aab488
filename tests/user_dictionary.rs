//! Large user dictionaries (issue 14, item 11): a registry's names are not added to jieba (that
//! cost ~1 s and ~90 MB for 200,000 names) but kept whole by the lexicon after segmenting; they
//! must still be tagged ORG with their canonical names, and segment as jieba would had it known
//! them.

use zhtag::{Label, Normalized, Tagger};

/// A registry of about `n` made-up company names (rare characters, a company suffix), as
/// TSV; names that fold to the same Simplified form as an earlier one (贊 and 赞) are left out.
fn registry(n: usize) -> (String, Vec<String>) {
    let suffixes = ["科技", "實業", "股份有限公司", "電機"];
    let plain = Tagger::builder()
        .embedded_dictionaries(false)
        .build()
        .expect("tagger");
    let mut seen = std::collections::HashSet::new();
    let mut names = Vec::new();
    let mut tsv = String::from("name\ttype\taliases\n");
    for i in 0..n {
        let a = char::from_u32(0x8C00 + (i % 400) as u32).unwrap_or('豸');
        let b = char::from_u32(0x9A00 + (i / 400) as u32).unwrap_or('馬');
        let name = format!("{a}{b}{}", suffixes[i % suffixes.len()]);
        if seen.insert(plain.prepare(&name)) {
            tsv.push_str(&format!("{name}\tcompany\t\n"));
            names.push(name);
        }
    }
    (tsv, names)
}

fn orgs(tagger: &Tagger, text: &str) -> Vec<(String, String)> {
    tagger
        .tag(text)
        .into_iter()
        .filter(|e| e.label == Label::Org)
        .map(|e| {
            let canonical = match e.normalized {
                Normalized::Name { name, .. } => name,
                _ => String::new(),
            };
            (e.text, canonical)
        })
        .collect()
}

#[test]
fn registry_names_are_tagged_org_with_their_canonical_names() {
    let (tsv, names) = registry(2_000);
    let tagger = Tagger::builder()
        .dictionary_text("registry.tsv", &tsv)
        .build()
        .expect("valid registry");
    for name in names.iter().step_by(37) {
        for text in [
            format!("昨日{name}宣布擴產。"),
            format!("{name}的營收創新高"),
            format!("據了解，{name}將在台中設廠"),
        ] {
            let found = orgs(&tagger, &text);
            assert!(
                found.contains(&(name.clone(), name.clone())),
                "{text}: {found:?}"
            );
        }
    }
}

#[test]
fn an_alias_gives_the_canonical_name_and_the_segmenter_keeps_it_whole() {
    let tsv = "name\ttype\taliases\n恆昌遠達科技\tcompany\t恆昌遠達\n";
    let tagger = Tagger::builder()
        .dictionary_text("mine.tsv", tsv)
        .build()
        .expect("valid");
    assert_eq!(
        orgs(&tagger, "恆昌遠達將在台中設廠"),
        [("恆昌遠達".to_string(), "恆昌遠達科技".to_string())]
    );
    let text = tagger.prepare("昨日恆昌遠達科技宣布");
    let tokens: Vec<(usize, usize)> = tagger
        .tokens(&text)
        .iter()
        .map(|t| (t.start, t.end))
        .collect();
    assert_eq!(tokens, [(0, 2), (2, 8), (8, 10)]);
    // known to the segmenter as a word (the rules read its part of speech)
    assert_eq!(
        tagger
            .segmenter()
            .pos(&tagger.prepare("恆昌遠達科技"))
            .as_deref(),
        Some("")
    );
}

#[test]
fn a_name_crossed_by_a_common_word_or_inside_a_latin_word_is_not_forced() {
    let tsv = "name\ttype\taliases\n中天成\tcompany\t\nABC電\tcompany\t\n";
    let tagger = Tagger::builder()
        .dictionary_text("mine.tsv", tsv)
        .build()
        .expect("valid");
    let words = |t: &str| -> Vec<String> {
        let p = tagger.prepare(t);
        let chars: Vec<char> = p.chars().collect();
        tagger
            .tokens(&p)
            .iter()
            .map(|t| chars[t.start..t.end].iter().collect())
            .collect()
    };
    // 成功 crosses the end of 中天成: jieba's reading stands
    assert_eq!(words("他中天成功了"), ["他", "中天", "成功", "了"]);
    assert_eq!(words("中天成公布财报")[0], "中天成");
    assert_eq!(words("XABC電子")[0], "x");
    assert_eq!(
        orgs(&tagger, "ABC電的股價"),
        [("ABC電".into(), "ABC電".into())]
    );
}

#[test]
fn without_user_dictionaries_the_tokens_are_jiebas() {
    let tagger = Tagger::new();
    let text = tagger.prepare("大船集團和瓦軸集團入選專精特新小巨人");
    let ours: Vec<_> = tagger.tokens(&text);
    assert_eq!(ours, tagger.segmenter().tokens(&text));
}
