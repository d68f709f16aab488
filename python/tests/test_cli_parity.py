"""The Python output equals the CLI's JSON (`zhtag tag --jsonl`) on every gold file."""

import json
import subprocess

import pytest

import zhtag
from conftest import gold_files, read_jsonl

GOLD = gold_files()


def run_cli(cli, *args):
    """`zhtag tag --jsonl --quiet ARGS...`, its output records parsed."""
    run = subprocess.run([str(cli), "tag", "--jsonl", "--quiet", *map(str, args)], capture_output=True, check=True)
    return [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]


@pytest.fixture(scope="module", params=GOLD, ids=[str(p.relative_to(p.parents[1])) for p in GOLD])
def gold(request, cli):
    docs = read_jsonl(request.param)
    return docs, run_cli(cli, request.param)


def test_tag_equals_cli(gold, tagger):
    docs, cli = gold
    assert len(cli) == len(docs)
    for doc, out in zip(docs, cli):
        assert out["id"] == doc["id"]
        assert "error" not in out, out
        assert [e.to_dict() for e in tagger.tag(doc["text"])] == out["entities"], doc["id"]


def test_to_dict_keeps_the_cli_key_order(gold, tagger):
    docs, cli = gold
    for doc, out in zip(docs, cli):
        for mine, theirs in zip(tagger.tag(doc["text"]), out["entities"]):
            d = mine.to_dict()
            assert list(d) == list(theirs)
            assert list(d["normalized"]) == list(theirs["normalized"])


def test_attributes_are_the_dict(gold, tagger):
    docs, _ = gold
    for doc in docs[:200]:
        for e in tagger.tag(doc["text"]):
            assert e.to_dict() == {
                "label": e.label,
                "text": e.text,
                "start": e.start,
                "end": e.end,
                "byte_start": e.byte_start,
                "byte_end": e.byte_end,
                "normalized": e.normalized,
                "source": e.source,
                # the model's entities only, as in the CLI's JSON: absent (not None) otherwise
                **({} if e.confidence is None else {"confidence": e.confidence}),
            }
            assert (e.confidence is not None) == (e.source == "model")


def test_tag_many_equals_cli(gold, tagger):
    docs, cli = gold
    found = tagger.tag_many([d["text"] for d in docs], threads=2)
    assert [[e.to_dict() for e in es] for es in found] == [out["entities"] for out in cli]


def test_user_dictionary_and_variant_equal_cli(cli, tmp_path, seed):
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("name\ttype\taliases\n全市工業和信息化工作會議\tinstitution\t工信會議\n", encoding="utf-8")
    data = tmp_path / "seed.jsonl"
    data.write_text(json.dumps({"id": 1, "text": seed["text"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    (theirs,) = run_cli(cli, "--dict", tsv, "--variant", "tw2s", data)
    mine = [e.to_dict() for e in zhtag.Tagger([tsv], variant="tw2s").tag(seed["text"])]
    assert mine == theirs["entities"]
    assert any(e["text"] == "全市工業和信息化工作會議" for e in mine)
