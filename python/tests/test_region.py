"""The region argument decides the currency of a bare 元, as the CLI's --region does."""

import pickle

import pytest

import zhtag

# a bare 元 with no currency word anywhere in the text (sentence written for these tests)
TEXT = "這家公司去年營收達120億元。"


def units(entities):
    return [(e.text, e.normalized["unit"], e.normalized.get("currency_from")) for e in entities if e.label == "QUANTITY"]


def test_without_a_region_a_bare_yuan_is_read_from_the_variant():
    assert units(zhtag.Tagger().tag(TEXT)) == [("120億元", "CNY", None)]


@pytest.mark.parametrize("region, unit", [("tw", "TWD"), ("hk", "HKD"), ("mo", "MOP"), ("cn", "CNY"), ("Hong-Kong", "HKD")])
def test_the_tagger_region_decides_a_bare_yuan(region, unit):
    t = zhtag.Tagger(region=region)
    assert units(t.tag(TEXT)) == [("120億元", unit, "region")]
    assert t.region in ("cn", "tw", "hk", "mo")


def test_the_per_call_region_overrides_the_tagger_region():
    t = zhtag.Tagger(region="tw")
    assert units(t.tag(TEXT, region="hk")) == [("120億元", "HKD", "region")]
    assert units(t.tag(TEXT)) == [("120億元", "TWD", "region")]


def test_an_unknown_region_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="atlantis"):
        zhtag.Tagger(region="atlantis")
    with pytest.raises(ValueError, match="atlantis"):
        zhtag.Tagger().tag(TEXT, region="atlantis")


def test_the_region_survives_pickling_and_shows_in_repr():
    t = pickle.loads(pickle.dumps(zhtag.Tagger(region="taiwan")))
    assert t.region == "tw"
    assert "region='tw'" in repr(t)
    assert units(t.tag(TEXT)) == [("120億元", "TWD", "region")]
