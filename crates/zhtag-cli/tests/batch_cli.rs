//! `zhtag tag` as a streaming filter, run as a process: bad input, ordering, exit codes, output files.

use std::path::Path;

use serde_json::{json, Value};

mod common;

/// Runs `zhtag tag ARGS` with `stdin`, returning (stdout, stderr, exit code).
fn tag(args: &[&str], stdin: &[u8]) -> (String, String, i32) {
    let args: Vec<&str> = std::iter::once("tag").chain(args.iter().copied()).collect();
    let (stdout, stderr, code) = common::run(&args, stdin);
    (
        String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr,
        code,
    )
}

fn json_lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// The fields of an output entity that the offset checks read (millions of entities as
/// `serde_json::Value`s would take gigabytes).
#[derive(Debug, serde::Deserialize)]
struct Span {
    text: String,
    start: usize,
    byte_start: usize,
    byte_end: usize,
}

/// Every entity's text is the slice of `text` at its byte offsets, and its char offsets agree.
fn assert_offsets_valid(text: &str, entities: &Value) {
    let spans: Vec<Span> = serde_json::from_value(entities.clone()).expect("entities array");
    assert_spans_valid(text, &spans);
}

/// [`assert_offsets_valid`] on typed spans. Entities come in text order, so the char count is
/// carried forward from one entity to the next instead of being recounted from the start
/// (which made a 50 MB document quadratic).
fn assert_spans_valid(text: &str, spans: &[Span]) {
    let (mut at_byte, mut at_char) = (0usize, 0usize);
    for e in spans {
        assert_eq!(
            text.get(e.byte_start..e.byte_end),
            Some(e.text.as_str()),
            "{e:?}"
        );
        assert!(e.byte_start >= at_byte, "entities out of order at {e:?}");
        at_char += text[at_byte..e.byte_start].chars().count();
        at_byte = e.byte_start;
        assert_eq!(at_char, e.start, "{e:?}");
    }
}

#[test]
fn every_bad_jsonl_line_yields_an_error_record_with_its_line_and_id_and_exit_1() {
    let input = concat!(
        "{\"id\":\"a\",\"text\":\"大船集團投資8億元推進專精特新\"}\n",
        "not json at all\n",
        "\n",
        "{\"id\":\"no-text\"}\n",
        "{\"id\":\"num\",\"text\":42}\n",
        "{\"text\":\"無編號\"}\r\n",
        "[\"array\"]\n",
    )
    .as_bytes()
    .to_vec();
    let mut input = input;
    input.extend_from_slice(b"{\"id\":\"bad-utf8\",\"text\":\"\xE5\xA4\"}\n");
    let (out, err, code) = tag(&["--jsonl"], &input);
    let lines = json_lines(&out);
    assert_eq!(code, 1, "stderr: {err}");
    // 8 lines, one of them blank: 7 records, 7 output lines
    assert_eq!(lines.len(), 7);
    let summary: Vec<(Value, Value, bool)> = lines
        .iter()
        .map(|l| (l["id"].clone(), l["line"].clone(), l.get("error").is_some()))
        .collect();
    assert_eq!(
        summary,
        [
            (json!("a"), Value::Null, false),
            (json!(2), json!(2), true),
            (json!("no-text"), json!(4), true),
            (json!("num"), json!(5), true),
            (json!(6), Value::Null, false),
            (json!(7), json!(7), true),
            (json!("bad-utf8"), json!(8), true),
        ]
    );
    assert_eq!(lines[6]["file"], "-");
    // line 8 starts after 7 lines of (3+...) bytes; the bad byte is 25 bytes into it
    let line8_start = input
        .split(|&b| b == b'\n')
        .take(7)
        .map(|l| l.len() + 1)
        .sum::<usize>();
    assert_eq!(lines[6]["byte_offset"], json!(line8_start + 25));
    assert!(
        err.contains("7 records") && err.contains("5 errors"),
        "{err}"
    );
}

#[test]
fn a_run_without_bad_records_exits_0_and_prints_a_summary_unless_quiet() {
    let input = "{\"id\":1,\"text\":\"大船集團擴產\"}\n".as_bytes();
    let (out, err, code) = tag(&[], &[]);
    assert_eq!((json_lines(&out).len(), code), (1, 0), "{err}");
    let (out, err, code) = tag(&["--jsonl"], input);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json_lines(&out)[0]["entities"][0]["text"], "大船集團");
    assert!(
        err.starts_with("zhtag: 1 record (ORG 1), 0 errors,") && err.contains("MB/s"),
        "{err}"
    );
    let (_, err, code) = tag(&["--jsonl", "--quiet"], input);
    assert_eq!((err.as_str(), code), ("", 0));
}

#[test]
fn output_keeps_input_order_with_two_threads() {
    let mut input = String::new();
    for i in 0..600 {
        let text = "大船集團投資擴產。".repeat(1 + (i * 13) % 31);
        input += &json!({"id": format!("doc-{i}"), "text": text}).to_string();
        input.push('\n');
    }
    let (out, err, code) = tag(&["--jsonl", "--threads", "2"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let ids: Vec<String> = json_lines(&out)
        .iter()
        .map(|l| l["id"].as_str().unwrap_or("?").to_string())
        .collect();
    let want: Vec<String> = (0..600).map(|i| format!("doc-{i}")).collect();
    assert_eq!(ids, want);
}

#[test]
fn threads_0_and_an_unknown_format_are_usage_errors_exit_2() {
    assert_eq!(tag(&["--threads", "0"], b"").2, 2);
    assert_eq!(tag(&["--format", "xml"], b"").2, 2);
    let (_, err, code) = tag(&["--format", "es-bulk"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("--index-name"), "{err}");
    let (_, err, code) = tag(&["--format", "es-bulk", "--index-name", "Bad Name"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("invalid --index-name"), "{err}");
}

#[test]
fn a_missing_input_file_exits_2_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nowhere.jsonl");
    let (out, err, code) = tag(&[path_str(&missing)], b"");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("nowhere.jsonl"), "{err}");
}

#[test]
fn output_file_appears_only_complete_by_rename_leaving_no_temp_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\":1,\"text\":\"大船集團\"}\n{\"id\":2,\"text\":\"\"}\n",
    )
    .expect("write");
    let out_path = dir.path().join("out.jsonl");
    let (out, err, code) = tag(&[path_str(&input), "--output", path_str(&out_path)], b"");
    assert_eq!((out.as_str(), code), ("", 0), "{err}");
    let written = std::fs::read_to_string(&out_path).expect("output file");
    assert_eq!(json_lines(&written).len(), 2);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "a temporary file was left: {names:?}");
}

#[test]
fn a_missing_input_stops_the_run_before_any_output_file_is_made() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "大船集團").expect("write");
    let out_path = dir.path().join("out.jsonl");
    let missing = dir.path().join("missing.txt");
    let (_, err, code) = tag(
        &[
            path_str(&good),
            path_str(&missing),
            "-o",
            path_str(&out_path),
        ],
        b"",
    );
    assert_eq!(code, 2);
    assert!(err.contains("missing.txt"), "{err}");
    assert!(!out_path.exists());
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
}

/// `/proc/self/mem` opens but fails to read at offset 0: a read error in the middle of a run.
#[cfg(target_os = "linux")]
#[test]
fn a_read_error_mid_run_exits_2_and_removes_the_temporary_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "大船集團").expect("write");
    let out_path = dir.path().join("out.jsonl");
    let (_, err, code) = tag(
        &[
            path_str(&good),
            "/proc/self/mem",
            "--output",
            path_str(&out_path),
        ],
        b"",
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("/proc/self/mem"), "{err}");
    assert!(!out_path.exists());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["good.txt"], "the temporary file was left behind");
}

#[test]
fn a_directory_argument_tags_every_txt_and_jsonl_file_under_it_in_sorted_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("b")).expect("mkdir");
    std::fs::write(dir.path().join("c.txt"), "大船集團").expect("write");
    std::fs::write(
        dir.path().join("b/a.jsonl"),
        "{\"id\":\"j1\",\"text\":\"\"}\n{\"id\":\"j2\",\"text\":\"\"}\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("a.txt"), "").expect("write");
    std::fs::write(dir.path().join("notes.md"), "ignored").expect("write");
    let (out, err, code) = tag(&[path_str(dir.path())], b"");
    assert_eq!(code, 0, "{err}");
    let ids: Vec<String> = json_lines(&out)
        .iter()
        .map(|l| l["id"].as_str().unwrap_or("?").to_string())
        .collect();
    let root = path_str(dir.path());
    assert_eq!(
        ids,
        [
            format!("{root}/a.txt"),
            "j1".to_string(),
            "j2".to_string(),
            format!("{root}/c.txt"),
        ]
    );
}

#[test]
fn invalid_utf8_in_a_text_file_is_an_error_record_with_the_byte_offset_or_lossy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("bad.txt");
    // "大船集團\n" is 13 bytes; the bad byte follows "ab"
    std::fs::write(
        &f,
        b"\xE5\xA4\xA7\xE8\x88\xB9\xE9\x9B\x86\xE5\x9C\x98\nab\xC0\xAFz",
    )
    .expect("write");
    let (out, _, code) = tag(&[path_str(&f)], b"");
    let lines = json_lines(&out);
    assert_eq!((lines.len(), code), (1, 1));
    assert_eq!(lines[0]["byte_offset"], 15);
    assert_eq!(lines[0]["line"], 2);
    assert_eq!(lines[0]["id"], path_str(&f));
    assert!(lines[0]["error"]
        .as_str()
        .unwrap_or("")
        .contains("invalid UTF-8"));

    let (out, _, code) = tag(&["--lossy", path_str(&f)], b"");
    let lines = json_lines(&out);
    assert_eq!(code, 0);
    assert_eq!(lines[0]["lossy"], true);
    assert_eq!(lines[0]["entities"][0]["text"], "大船集團");
}

#[test]
fn a_bom_is_stripped_and_text_offsets_count_from_after_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("bom.txt");
    std::fs::write(&f, "\u{feff}大船集團擴產").expect("write");
    let (out, _, code) = tag(&[path_str(&f)], b"");
    let e = &json_lines(&out)[0]["entities"][0];
    assert_eq!(code, 0);
    assert_eq!(
        (&e["text"], &e["start"], &e["byte_start"]),
        (&json!("大船集團"), &json!(0), &json!(0))
    );
    let jsonl = dir.path().join("bom.jsonl");
    std::fs::write(&jsonl, "\u{feff}{\"id\":1,\"text\":\"大船集團\"}\n").expect("write");
    let (out, _, code) = tag(&[path_str(&jsonl)], b"");
    assert_eq!(code, 0);
    assert_eq!(json_lines(&out)[0]["id"], 1);
}

#[test]
fn control_chars_emoji_combining_marks_crlf_and_lone_cr_are_tagged_with_valid_offsets() {
    let text = "\u{0}\u{7}大船集團\r擴產😀🀄︎，e\u{301}\u{20dd}\r\n𠀀𪚥投資8億元\u{200b}\u{feff}專精特新\u{1b}[0m\tＡＢＣ集團\u{85}\u{2028}末";
    let input = json!({"id": "odd", "text": text}).to_string() + "\n";
    let (out, err, code) = tag(&["--jsonl"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    assert_offsets_valid(text, &lines[0]["entities"]);
    let texts: Vec<&str> = lines[0]["entities"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["text"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        texts.contains(&"大船集團") && texts.contains(&"專精特新"),
        "{texts:?}"
    );
    // the same text as a plain file, after a BOM
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("odd.txt");
    std::fs::write(&f, format!("\u{feff}{text}")).expect("write");
    let (out, _, code) = tag(&[path_str(&f)], b"");
    assert_eq!(code, 0);
    assert_eq!(json_lines(&out)[0]["entities"], lines[0]["entities"]);
}

#[test]
fn an_empty_document_and_an_empty_jsonl_input_are_handled() {
    let (out, _, code) = tag(&["--jsonl"], b"{\"id\":\"e\",\"text\":\"\"}\n");
    assert_eq!(
        (out.as_str(), code),
        ("{\"id\":\"e\",\"entities\":[]}\n", 0)
    );
    let (out, _, code) = tag(&["--jsonl"], b"");
    assert_eq!((out.as_str(), code), ("", 0));
    let (out, _, code) = tag(&[], b"");
    assert_eq!(
        (out.as_str(), code),
        ("{\"id\":\"-\",\"entities\":[]}\n", 0)
    );
}

/// Repeats real-looking news text to `bytes` bytes (whole chars).
fn news_text(bytes: usize) -> String {
    let unit = "大船集團投資8億元推進專精特新項目，瓦軸集團與遼寧省政府簽約擴產。\n";
    let mut s = unit.repeat(bytes / unit.len() + 1);
    let mut cut = bytes.min(s.len());
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
    s
}

#[test]
fn a_single_50_mb_jsonl_line_is_one_record() {
    // A debug build tags this dense text at ~0.3 MB/s, so the 50 MB line carries 0.5 MB of text
    // to tag and the rest in
    // another field: the reader, the JSON parser and memory still see one 50 MB line.
    // `tagging_a_single_50_mb_document` (ignored; run with --release) tags all 50 MB.
    let text = news_text(1 << 19);
    let pad = "x".repeat((50 << 20) - text.len());
    let mut input = json!({"id": "huge", "pad": pad, "text": text}).to_string();
    input.push('\n');
    input += "{\"id\":\"after\",\"text\":\"大船集團\"}\n";
    assert!(input.len() > 50 << 20);
    let (out, err, code) = tag(&["--jsonl", "--quiet"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "huge");
    assert!(lines[0]["entities"].as_array().map_or(0, Vec::len) > 500);
    assert_offsets_valid(&text, &lines[0]["entities"]);
    assert_eq!(lines[1]["id"], "after");
}

#[test]
fn a_2_mb_text_document_is_tagged_to_its_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = news_text(2 << 20);
    let f = dir.path().join("big.txt");
    std::fs::write(&f, &text).expect("write");
    let (out, err, code) = tag(&[path_str(&f), "--quiet"], b"");
    assert_eq!(code, 0, "{err}");
    let lines = json_lines(&out);
    let entities = &lines[0]["entities"];
    assert_offsets_valid(&text, entities);
    let last_end = entities
        .as_array()
        .and_then(|a| a.last())
        .and_then(|e| e["byte_end"].as_u64())
        .unwrap_or(0);
    assert!(
        last_end as usize > text.len() - 200,
        "tagging stopped at {last_end}"
    );
}

#[test]
#[ignore = "tags 50 MB; run with cargo test --release --test batch_cli -- --ignored"]
fn tagging_a_single_50_mb_document() {
    /// Only the fields checked.
    #[derive(serde::Deserialize)]
    struct Record {
        id: String,
        entities: Vec<Span>,
    }
    let text = news_text(50 << 20);
    let input = json!({"id": "huge", "text": text}).to_string() + "\n";
    let (out, err, code) = tag(&["--jsonl", "--quiet"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    let record: Record =
        serde_json::from_str(lines.next().expect("one line")).expect("JSON record");
    assert!(lines.next().is_none(), "exactly one output line");
    assert_eq!(record.id, "huge");
    assert!(
        record.entities.len() > 1_000_000,
        "{}",
        record.entities.len()
    );
    assert_spans_valid(&text, &record.entities);
    let last = record.entities.last().map_or(0, |e| e.byte_end);
    assert!(last > text.len() - 200, "tagging stopped at byte {last}");
}

#[test]
fn es_bulk_writes_an_action_line_before_each_document_and_skips_error_records() {
    let input = concat!(
        "{\"id\":\"q\\\"uote\\n\",\"title\":\"標題\",\"text\":\"大船集團投資8億元推進專精特新\"}\n",
        "broken\n",
        "{\"id\":7,\"text\":\"瓦軸集團\"}\n",
        "{\"text\":\"無編號\"}\n",
    );
    let (out, err, code) = tag(
        &[
            "--jsonl",
            "--format",
            "es-bulk",
            "--index-name",
            "news-2026",
        ],
        input.as_bytes(),
    );
    assert_eq!(code, 1, "one record failed: {err}");
    assert!(
        err.contains("skipped") && err.contains("\"line\":2"),
        "{err}"
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 6, "three records, two lines each");
    for pair in lines.chunks(2) {
        assert_eq!(pair[0]["index"]["_index"], "news-2026");
        assert!(pair[0]["index"]["_id"].is_string());
        assert!(pair[1].get("index").is_none() && pair[1]["text"].is_string());
    }
    assert_eq!(lines[0]["index"]["_id"], "q\"uote\n");
    assert_eq!(lines[1]["title"], "標題");
    assert_eq!(lines[1]["org"], json!(["大連船舶重工集團"]));
    assert_eq!(lines[1]["policy"], json!(["專精特新"]));
    assert_eq!(lines[2]["index"]["_id"], "7");
    assert_eq!(lines[3]["id"], 7);
    assert_eq!(lines[4]["index"]["_id"], "4");
}

/// Colours only where they can be read: never into a pipe unless asked, never with `--color never`.
#[test]
fn pretty_output_is_coloured_only_on_request_when_piped() {
    let text = "大船集團擴產".as_bytes();
    let (plain, _, rc) = tag(&["--format", "pretty", "--quiet"], text);
    assert_eq!(rc, 0);
    assert!(
        plain.contains("[大船集團]ORG") && !plain.contains('\x1b'),
        "{plain:?}"
    );
    let (always, _, _) = tag(
        &["--format", "pretty", "--quiet", "--color", "always"],
        text,
    );
    assert!(always.contains('\x1b'), "{always:?}");
    let (never, _, _) = tag(&["--color", "never", "--format", "pretty", "--quiet"], text);
    assert!(!never.contains('\x1b'), "{never:?}");
    let (_, err, rc) = tag(&["--color", "sometimes"], text);
    assert_eq!(rc, 2, "{err}");
}

#[test]
fn the_region_flag_decides_a_bare_yuan_and_a_record_region_comes_first() {
    let input =
        "{\"id\":1,\"text\":\"撥款8億元\"}\n{\"id\":2,\"region\":\"mo\",\"text\":\"撥款8億元\"}\n";
    let (out, _, code) = tag(&["--jsonl", "-q", "--region", "tw"], input.as_bytes());
    assert_eq!(code, 0);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines[0]["entities"][0]["normalized"]["unit"], "TWD");
    assert_eq!(lines[1]["entities"][0]["normalized"]["unit"], "MOP");
    let (_, err, code) = tag(&["--region", "mars"], b"x");
    assert_ne!(code, 0);
    assert!(err.contains("region"), "{err}");
}
