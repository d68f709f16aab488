"""zhtag: entities in Traditional-Chinese news, with exact offsets.

>>> import zhtag
>>> tagger = zhtag.Tagger()                      # embedded dictionaries, OpenCC t2s
>>> [(e.label, e.text, e.start, e.end) for e in tagger.tag("大船集團投資8億元推進專精特新")]
[('ORG', '大船集團', 0, 4), ('QUANTITY', '8億元', 6, 9), ('POLICY', '專精特新', 11, 15)]

``Tagger.tag_many(texts, threads=None)`` tags many texts in parallel with the GIL released.
``Entity.to_dict()`` is the entity as the ``zhtag`` command line writes it in JSON; PERSON
entities come from a learned model (``source == "model"``) and carry ``Entity.confidence``. The spaCy
component is ``nlp.add_pipe("zhtag")`` (``pip install 'zhtag[spacy]'``); importing zhtag does not
import spaCy.
"""

from ._zhtag import DictionaryError, Entity, Tagger, __version__

__all__ = ["DictionaryError", "Entity", "Tagger", "__version__"]


def _tagger_from_args(dictionaries, variant, labels, embedded, region=None):
    """Rebuilds a pickled Tagger from the arguments it was made with."""
    return Tagger(dictionaries, variant, labels, embedded=embedded, region=region)
