"""The Python API: offsets, tag_many, user dictionaries, errors, pickling."""

import pickle
import subprocess
import sys
import threading

import pytest

import zhtag
from conftest import gold_files, read_jsonl

MESSY = [
    "",
    "\n\n",
    "😀大船集團投資8億元😀",  # astral-plane chars: one str index each, four UTF-8 bytes
    "ｅ\u0301大連市工業和信息化局\r\n３４.７億元，按年增加約９％",  # combining mark, CRLF, full-width
    "\ufeff瓦軸集團斥資6億元新建軸承產線",  # BOM kept as a char by tag()
    "大" * 20_000 + "。大船集團",  # one long line, cut into chunks inside the library
    "\x00\x07 控制字元 大船集團 \t 3476億美元",
]


def all_gold_texts():
    return [d["text"] for f in gold_files() for d in read_jsonl(f)]


def check_offsets(text, entities):
    raw = text.encode("utf-8")
    last_end = 0
    for e in entities:
        assert text[e.start : e.end] == e.text
        assert raw[e.byte_start : e.byte_end].decode("utf-8") == e.text
        assert len(text[: e.start].encode("utf-8")) == e.byte_start
        assert last_end <= e.start < e.end <= len(text)
        last_end = e.end


def test_offsets_slice_the_python_string_on_every_gold_text(tagger):
    texts = all_gold_texts()
    assert len(texts) > 3000
    n = 0
    for text, entities in zip(texts, tagger.tag_many(texts)):
        check_offsets(text, entities)
        n += len(entities)
    assert n > 1000


@pytest.mark.parametrize("text", MESSY, ids=range(len(MESSY)))
def test_offsets_slice_messy_text(tagger, text):
    check_offsets(text, tagger.tag(text))


def test_astral_chars_count_as_one_index(tagger):
    (org, qty) = tagger.tag("😀大船集團投資8億元")
    assert (org.text, org.start, org.end, org.byte_start, org.byte_end) == ("大船集團", 1, 5, 4, 16)
    assert (qty.text, qty.start, qty.end) == ("8億元", 7, 10)
    assert org.normalized == {"name": "大連船舶重工集團", "type": "company"}
    assert qty.normalized == {"value": 800000000.0, "unit": "CNY"}
    assert (org.source, qty.source) == ("dictionary", "grammar")


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
def test_tag_many_equals_a_loop_of_tag(tagger, threads):
    texts = all_gold_texts()[:600] + MESSY
    assert tagger.tag_many(texts, threads=threads) == [tagger.tag(t) for t in texts]


def test_tag_many_takes_any_iterable_and_keeps_order(tagger):
    texts = ["大船集團", "", "8億元", "專精特新"]
    assert tagger.tag_many(t for t in texts) == [tagger.tag(t) for t in texts]
    assert tagger.tag_many(tuple(texts), threads=2) == tagger.tag_many(texts)
    assert tagger.tag_many([]) == []
    assert [len(es) for es in tagger.tag_many(texts)] == [1, 0, 1, 1]


def test_tag_many_refuses_bad_arguments(tagger):
    with pytest.raises(TypeError, match="not a str"):
        tagger.tag_many("大船集團")
    with pytest.raises(TypeError, match="item 1 is int"):
        tagger.tag_many(["大船集團", 3])
    with pytest.raises(ValueError, match="at least 1"):
        tagger.tag_many(["大船集團"], threads=0)
    with pytest.raises(TypeError):
        tagger.tag(b"bytes")
    with pytest.raises(UnicodeEncodeError):  # a lone surrogate has no UTF-8 form
        tagger.tag("大船\ud800集團")


def test_tag_many_releases_the_gil(tagger, seed):
    texts = [seed["text"]] * 150
    ticks = 0
    stop = threading.Event()

    def spin():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1

    t = threading.Thread(target=spin)
    t.start()
    try:
        before = ticks
        tagger.tag_many(texts, threads=1)
        during = ticks - before
    finally:
        stop.set()
        t.join()
    # with the GIL held for the whole call the other thread would barely run
    assert during > 10_000


def test_user_dictionary(tmp_path):
    tsv = tmp_path / "my-orgs.tsv"
    tsv.write_text("name\ttype\taliases\n# a comment\n毓恬冠佳\tcompany\t冠佳|毓恬\n", encoding="utf-8")
    for arg in (tsv, str(tsv)):
        t = zhtag.Tagger([arg], variant="tw2s")
        (e,) = t.tag("冠佳擴產")
        assert (e.label, e.text, e.start, e.end, e.source) == ("ORG", "冠佳", 0, 2, "dictionary")
        assert e.normalized == {"name": "毓恬冠佳", "type": "company"}
    assert t.dictionaries == [tsv]
    assert t.variant == "tw2s"


def test_malformed_dictionary_raises_value_error_naming_file_and_line(tmp_path):
    tsv = tmp_path / "bad.tsv"
    tsv.write_text("name\ttype\taliases\n毓恬冠佳\tcompany\t冠佳\n壞名\tnot-a-type\t\n", encoding="utf-8")
    with pytest.raises(ValueError) as info:
        zhtag.Tagger([tsv])
    err = info.value
    assert isinstance(err, zhtag.DictionaryError)
    assert str(err).startswith(f"{tsv}:3: ")
    assert "not-a-type" in str(err)
    assert (err.file, err.line) == (str(tsv), 3)

    header = tmp_path / "header.tsv"
    header.write_text("名稱\t類型\n", encoding="utf-8")
    with pytest.raises(zhtag.DictionaryError, match=r"header\.tsv:1: ") as info:
        zhtag.Tagger([header])
    assert info.value.line == 1


def test_unreadable_dictionary_raises_os_error(tmp_path):
    missing = tmp_path / "none.tsv"
    with pytest.raises(FileNotFoundError) as info:
        zhtag.Tagger([missing])
    assert info.value.filename == str(missing)


def test_variant_and_labels():
    with pytest.raises(ValueError, match="variant"):
        zhtag.Tagger(variant="s2t")
    with pytest.raises(ValueError, match="unknown label"):
        zhtag.Tagger(labels=["ORG", "NOPE"])
    t = zhtag.Tagger(labels=["org", "QUANTITY"])
    assert t.labels == ["ORG", "QUANTITY"]
    assert {e.label for e in t.tag("大船集團投資8億元推進專精特新,大連市")} == {"ORG", "QUANTITY"}
    bare = zhtag.Tagger(embedded=False).tag("大船集團投資8億元推進專精特新")
    assert "dictionary" not in {e.source for e in bare}  # 大船集團 by the 集團 rule, not its entry
    assert "大連船舶重工集團" not in str([e.normalized for e in bare])


def test_pickle_rebuilds_the_same_tagger(tmp_path, seed):
    tsv = tmp_path / "my.tsv"
    tsv.write_text("name\ttype\taliases\n毓恬冠佳\tcompany\t冠佳\n", encoding="utf-8")
    t = zhtag.Tagger([tsv], variant="tw2s", labels=["ORG"])
    u = pickle.loads(pickle.dumps(t))
    assert repr(u) == repr(t) == f"Tagger(dictionaries=[{tsv!r}], variant='tw2s', labels=['ORG'])"
    assert u.tag(seed["text"] + "冠佳") == t.tag(seed["text"] + "冠佳")


def test_entity_equality_and_repr(tagger):
    a, b = tagger.tag("大船集團"), tagger.tag("大船集團")
    assert a == b and a[0] is not b[0]
    assert a != tagger.tag("瓦軸集團")
    assert repr(a[0]).startswith("Entity(label='ORG', text='大船集團', start=0, end=4, normalized={'name': ")


def test_importing_zhtag_does_not_import_spacy():
    code = "import sys, zhtag; zhtag.Tagger().tag('大船集團'); assert 'spacy' not in sys.modules, 'spacy imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_version():
    assert zhtag.__version__.count(".") == 2


def _tag_in_child(tagger, texts, queue):
    queue.put([[e.to_dict() for e in es] for es in tagger.tag_many(texts, threads=2)])


def test_tag_many_works_in_a_forked_child(tagger, seed):
    """The pools' threads do not survive a fork: the child must start its own, not wait forever."""
    import multiprocessing

    texts = [p for p in seed["text"].split("\n") if p]
    expected = [[e.to_dict() for e in es] for es in tagger.tag_many(texts, threads=2)]  # pool made here
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_tag_in_child, args=(tagger, texts, queue))
    child.start()
    try:
        got = queue.get(timeout=60)
    finally:
        child.join(timeout=10)
        if child.is_alive():
            child.kill()
    assert got == expected
    assert child.exitcode == 0


def test_entities_round_trip_through_dicts_and_pickle(tagger):
    texts = [d["text"] for d in read_jsonl(gold_files()[0])[:50]] + ["20-30億美元,約11%", "數千億元左右"]
    entities = [e for es in tagger.tag_many(texts) for e in es]
    assert {e.label for e in entities} >= {"ORG", "QUANTITY"}
    for e in entities:
        assert zhtag.Entity.from_dict(e.to_dict()) == e
        assert pickle.loads(pickle.dumps(e)) == e
    with pytest.raises(KeyError):
        zhtag.Entity.from_dict({"label": "ORG"})
    d = entities[0].to_dict()
    with pytest.raises(ValueError, match="unknown source"):
        zhtag.Entity.from_dict({**d, "source": "guess"})


def test_the_model_entities_carry_a_confidence_and_the_others_none(tagger):
    # a PERSON after an office title is the learned recognizer's; the ORG and QUANTITY are not
    entities = tagger.tag("大船集團董事長王建國表示，今年投資8億元。")
    by_label = {e.label: e for e in entities}
    person = by_label["PERSON"]
    assert (person.text, person.source) == ("王建國", "model")
    assert isinstance(person.confidence, float) and 0.0 < person.confidence <= 1.0
    assert person.to_dict()["confidence"] == person.confidence
    assert list(person.to_dict())[-2:] == ["source", "confidence"]
    for e in (by_label["ORG"], by_label["QUANTITY"]):
        assert e.confidence is None
        assert "confidence" not in e.to_dict()  # absent, as in the CLI's JSON, not None
    assert zhtag.Entity.from_dict(person.to_dict()).confidence == person.confidence
    assert zhtag.Entity.from_dict({**person.to_dict(), "confidence": None}).confidence is None
    assert repr(person).endswith(f"source='model', confidence={person.confidence})")
    assert zhtag.Tagger().labels == ["ORG", "QUANTITY", "POLICY", "PERSON", "LOC", "DATE"]
