"""The spaCy component: `spacy.blank("zh").add_pipe("zhtag")` sets doc.ents."""

import os
from importlib.metadata import entry_points

import pytest

import zhtag

if os.environ.get("CI"):
    import spacy  # CI installs the [spacy] extra: a missing spaCy is a failure there
else:
    spacy = pytest.importorskip("spacy")

from spacy.tokens import Doc  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhtag")
    return nlp


def spans(doc, label=None):
    return [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents if label in (None, e.label_)]


def test_the_factory_is_an_entry_point():
    names = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert names.get("zhtag") == "zhtag.spacy_component:make_zhtag"


def test_default_chinese_tokenizer_is_by_character(nlp):
    assert [t.text for t in nlp.tokenizer("大船集團")] == ["大", "船", "集", "團"]


def test_seed_organizations_become_doc_ents(nlp, seed, tagger):
    doc = nlp(seed["text"])
    orgs = spans(doc, "ORG")
    # one token per character: every entity keeps its exact offsets
    assert orgs == [(e.start, e.end, e.label, e.text) for e in tagger.tag(seed["text"]) if e.label == "ORG"]
    gold = {(e["start"], e["end"]) for e in seed["entities"] if e["label"] == "ORG"}
    found = {(s, e) for s, e, _, _ in orgs}
    assert len(gold) >= 20
    assert len(found & gold) / len(gold) >= 0.95  # recall (the README: seed ORG F1 0.982)
    assert len(found & gold) / len(found) >= 0.95  # precision
    assert spans(doc) == [(e.start, e.end, e.label, e.text) for e in tagger.tag(seed["text"])]


def test_normalized_holds_the_value_and_unit_or_the_name(nlp):
    doc = nlp("大船集團投資8億元推進專精特新")
    got = {e.text: (e.label_, e._.normalized, e._.zhtag_source) for e in doc.ents}
    assert got == {
        "大船集團": ("ORG", {"name": "大連船舶重工集團", "type": "company"}, "dictionary"),
        "8億元": ("QUANTITY", {"value": 800000000.0, "unit": "CNY"}, "grammar"),
        "專精特新": ("POLICY", {"name": "專精特新", "type": "designation"}, "dictionary"),
    }


def test_model_entities_carry_their_confidence(nlp):
    doc = nlp("大船集團董事長王建國表示")
    got = {e.text: (e.label_, e._.zhtag_source, e._.zhtag_confidence) for e in doc.ents}
    assert got["大船集團"] == ("ORG", "dictionary", None)
    label, source, confidence = got["王建國"]
    assert (label, source) == ("PERSON", "model") and 0.0 < confidence <= 1.0


def test_pipe_equals_one_doc_at_a_time(nlp, seed):
    texts = [p for p in seed["text"].split("\n") if p] * 3
    piped = [spans(d) for d in nlp.pipe(texts, batch_size=4)]
    assert piped == [spans(nlp(t)) for t in texts]
    assert any(piped)


def test_misaligned_tokens_expand_and_overlaps_are_dropped(nlp, tagger):
    # a tokenizer whose tokens cut through the entities: 大船集團 and 8億元 both fall in token 0
    words = ["大船集團投資8", "億元", "推進", "專精特", "新"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    assert [e.text for e in tagger.tag(doc.text)] == ["大船集團", "8億元", "專精特新"]
    doc = nlp.get_pipe("zhtag")(doc)
    # 大船集團 grows to token 0 and 8億元 to tokens 0-1: they overlap, the longer is kept
    assert [(e.text, e.label_) for e in doc.ents] == [("大船集團投資8億元", "QUANTITY"), ("專精特新", "POLICY")]
    assert doc.ents[0]._.normalized == {"value": 800000000.0, "unit": "CNY"}


def test_whitespace_and_existing_entities():
    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": [{"TEXT": "林"}, {"TEXT": "海"}, {"TEXT": "濤"}]}])
    nlp.add_pipe("zhtag", config={"overwrite": False})
    doc = nlp("處長林海濤說明, 大船集團 投資 8億元")
    assert spans(doc) == [
        (2, 5, "PERSON", "林海濤"),
        (9, 13, "ORG", "大船集團"),
        (17, 20, "QUANTITY", "8億元"),
    ]


def test_config_dictionaries_and_labels(tmp_path):
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("name\ttype\taliases\n毓恬冠佳\tcompany\t冠佳\n", encoding="utf-8")
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhtag", config={"dictionaries": [str(tsv)], "variant": "tw2s", "labels": ["ORG"]})
    doc = nlp("冠佳投資8億元")
    assert spans(doc) == [(0, 2, "ORG", "冠佳")]
    assert doc.ents[0]._.normalized == {"name": "毓恬冠佳", "type": "company"}
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\ttype\taliases\n壞名\tnope\t\n", encoding="utf-8")
    with pytest.raises(zhtag.DictionaryError, match=r"bad\.tsv:2: "):
        spacy.blank("zh").add_pipe("zhtag", config={"dictionaries": [str(bad)]})


def test_a_saved_pipeline_loads_again(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    text = "大船集團投資8億元推進專精特新"
    assert again.pipe_names == ["zhtag"]
    assert spans(again(text)) == spans(nlp(text))


def test_pipe_with_worker_processes(nlp, seed):
    texts = [p for p in seed["text"].split("\n") if p] * 2
    nlp.get_pipe("zhtag").tagger.tag_many(texts)  # start the parent's pools before the fork
    assert [spans(d) for d in nlp.pipe(texts, n_process=2, batch_size=2)] == [spans(nlp(t)) for t in texts]
