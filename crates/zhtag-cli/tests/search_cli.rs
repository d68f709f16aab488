//! The search commands as processes: `zhtag index` a folder, then `zhtag search` it.
#![cfg(feature = "search")]

/// The three-command session of the README, as processes: index a folder, search it, filter.
#[test]
fn cli_index_a_folder_search_it_and_filter_by_an_organization() {
    use std::process::Command;
    let bin = env!("CARGO_BIN_EXE_zhtag");
    let dir = tempfile::tempdir().expect("tempdir");
    let news = dir.path().join("news");
    std::fs::create_dir(&news).expect("mkdir");
    std::fs::write(news.join("a.txt"), "大船集團推進專精特新，投資8億元。").expect("write");
    std::fs::write(
        news.join("b.txt"),
        "工信部公布第五批專精特新「小巨人」企業名單。",
    )
    .expect("write");
    std::fs::write(
        news.join("c.jsonl"),
        "{\"id\":\"c1\",\"title\":\"造船\",\"text\":\"大連船舶重工集團交付新船\"}\nnot json\n",
    )
    .expect("write");
    let index = dir.path().join("idx");
    let errors = dir.path().join("errors.jsonl");
    let out = Command::new(bin)
        .args(["index", "--index"])
        .arg(&index)
        .arg(&news)
        .arg("--errors")
        .arg(&errors)
        .output()
        .expect("zhtag index runs");
    // one bad line: exit 1, an error record, the rest indexed
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("indexed 3 documents"));
    let err: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&errors).expect("errors").trim())
            .expect("error record");
    assert_eq!(err["line"], 2);

    let search = |args: &[&str]| {
        let out = Command::new(bin)
            .args(["search", "--json", "--index"])
            .arg(&index)
            .args(args)
            .output()
            .expect("zhtag search runs");
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let mut ids: Vec<String> = v["results"]["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| {
                h["id"]
                    .as_str()
                    .unwrap_or("")
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(search(&["专精特新"]), ["a.txt", "b.txt"]);
    assert_eq!(search(&["专精特新", "--org", "大船集团"]), ["a.txt"]);
    assert_eq!(search(&["", "--org", "大船集團"]), ["a.txt", "c1"]);
    assert_eq!(search(&["造船"]), ["c1"]); // the title is searched
}
