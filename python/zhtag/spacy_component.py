"""The spaCy pipeline component ``"zhtag"``: sets ``doc.ents`` from the zhtag tagger.

    import spacy
    nlp = spacy.blank("zh")          # spaCy's default Chinese tokenizer (one token per character)
    nlp.add_pipe("zhtag")            # found through the package's ``spacy_factories`` entry point
    doc = nlp("大船集團投資8億元")
    [(e.text, e.label_, e._.normalized) for e in doc.ents]

Each entity becomes ``doc.char_span(start, end, label, alignment_mode="expand")``: with a
tokenizer whose tokens do not fall on the entity's boundaries, the span grows to whole tokens,
and where two grown spans would overlap the longer (then the earlier) is kept
(``spacy.util.filter_spans``). ``ent._.normalized`` is the value and unit (QUANTITY) or the
canonical name and type (ORG, POLICY, PERSON, LOC, DATE); ``ent._.zhtag_source`` says which
recognizer decided, and ``ent._.zhtag_confidence`` is the learned model's confidence (``None``
unless ``zhtag_source == "model"``).

This module imports spaCy; ``import zhtag`` alone does not import it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from . import Entity, Tagger

__all__ = ["ZhtagComponent", "make_zhtag"]

for _name in ("normalized", "zhtag_source", "zhtag_confidence"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class ZhtagComponent:
    """Sets ``doc.ents`` from :class:`zhtag.Tagger`; ``pipe`` tags each batch with ``tag_many``."""

    def __init__(
        self,
        tagger: Tagger,
        overwrite: bool = True,
        threads: int | None = None,
        batch_size: int = 256,
    ) -> None:
        self.tagger = tagger
        self.overwrite = overwrite
        self.threads = threads
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        return self._set_ents(doc, self.tagger.tag(doc.text))

    def pipe(self, stream: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for batch in minibatch(stream, size=batch_size or self.batch_size):
            found = self.tagger.tag_many([d.text for d in batch], threads=self.threads)
            for doc, entities in zip(batch, found):
                yield self._set_ents(doc, entities)

    def _set_ents(self, doc: Doc, entities: list[Entity]) -> Doc:
        spans: list[Span] = []
        for e in entities:
            span = doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
            if span is None:  # only whitespace under the entity: nothing to mark
                continue
            span._.normalized = e.normalized
            span._.zhtag_source = e.source
            span._.zhtag_confidence = e.confidence
            spans.append(span)
        if self.overwrite:
            doc.ents = filter_spans(spans)
        else:
            # keep what an earlier component found; add ours where they do not overlap it
            taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
            mine = [s for s in filter_spans(spans) if not any(i in taken for i in range(s.start, s.end))]
            doc.ents = sorted([*doc.ents, *mine], key=lambda s: s.start)
        return doc


@Language.factory(
    "zhtag",
    default_config={
        "dictionaries": [],
        "variant": "t2s",
        "labels": None,
        "overwrite": True,
        "threads": None,
        "batch_size": 256,
    },
    assigns=["doc.ents", "span._.normalized", "span._.zhtag_source", "span._.zhtag_confidence"],
)
def make_zhtag(
    nlp: Language,
    name: str,
    dictionaries: list[str],
    variant: str,
    labels: list[str] | None,
    overwrite: bool,
    threads: int | None,
    batch_size: int,
) -> ZhtagComponent:
    """Builds the component; the config keys are :class:`zhtag.Tagger`'s arguments, plus
    ``overwrite`` (replace ``doc.ents``, or add only spans that do not overlap them),
    ``threads`` and ``batch_size`` for ``nlp.pipe``."""
    tagger = Tagger(dictionaries, variant, labels)
    return ZhtagComponent(tagger, overwrite=overwrite, threads=threads, batch_size=batch_size)

