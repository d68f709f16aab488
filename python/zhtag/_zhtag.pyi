"""Type stubs for the extension module zhtag._zhtag (re-exported by ``zhtag``)."""

import os
import pathlib
from collections.abc import Iterable, Sequence
from typing import Any, Literal, TypeAlias, final

__all__ = ["DictionaryError", "Entity", "Tagger", "__version__"]

__version__: str

_Label: TypeAlias = Literal["ORG", "QUANTITY", "POLICY", "PERSON", "LOC", "DATE"]
_Source: TypeAlias = Literal["dictionary", "declared", "rule", "grammar", "model"]
_Variant: TypeAlias = Literal["t2s", "tw2s", "hk2s", "tw2sp"]

class DictionaryError(ValueError):
    """A dictionary file is malformed; the message reads ``FILE:LINE: what is wrong``."""

    file: str
    """The dictionary file (as given) or the name of an embedded dictionary."""
    line: int
    """1-based line number."""

@final
class Entity:
    """One entity found in a text.

    ``text == original[start:end]`` (Python ``str`` indexes, end exclusive) and
    ``text.encode() == original.encode()[byte_start:byte_end]``.
    """

    @property
    def label(self) -> _Label:
        """``"ORG"``, ``"QUANTITY"``, ``"POLICY"``, ``"PERSON"``, ``"LOC"`` or ``"DATE"``."""
    @property
    def text(self) -> str:
        """The original text of the span."""
    @property
    def start(self) -> int:
        """First character of the span (a ``str`` index)."""
    @property
    def end(self) -> int:
        """One past the last character of the span."""
    @property
    def byte_start(self) -> int:
        """First byte of the span in the UTF-8 encoding of the text."""
    @property
    def byte_end(self) -> int:
        """One past the last byte of the span in the UTF-8 encoding of the text."""
    @property
    def normalized(self) -> dict[str, Any]:
        """ORG/POLICY/PERSON/LOC/DATE: ``{"name", "type"?}``; QUANTITY: ``{"value", "unit", "min"?, "max"?,
        "approx"?, "hedge"?}``. A new dict on each access."""
    @property
    def source(self) -> _Source:
        """Which recognizer decided the entity (``"model"``: the learned PERSON recognizer)."""
    @property
    def confidence(self) -> float | None:
        """The model's confidence in ``0..1`` (4 decimals; a monotone function of the Viterbi
        margin, not a probability) when ``source == "model"``, else ``None``."""
    def to_dict(self) -> dict[str, Any]:
        """The entity as ``zhtag tag`` writes it in JSON: ``label``, ``text``, ``start``, ``end``,
        ``byte_start``, ``byte_end``, ``normalized``, ``source`` and, for the model's entities
        only, ``confidence`` (absent, not ``None``, otherwise)."""
    @staticmethod
    def from_dict(d: dict[str, Any]) -> Entity:
        """The entity of a dict as ``to_dict()`` makes it or the CLI writes it (entities pickle
        this way)."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Tagger:
    """Finds ORG, QUANTITY, POLICY, PERSON, LOC and DATE entities in Traditional-Chinese text.

    Building one takes a few hundred milliseconds: build it once and reuse it. It is safe to
    share between threads, and it pickles as its arguments.
    """

    def __new__(
        cls,
        dictionaries: Sequence[str | os.PathLike[str]] | None = None,
        variant: str = "t2s",
        labels: Sequence[str] | None = None,
        *,
        embedded: bool = True,
        region: str | None = None,
    ) -> Tagger:
        """Builds a tagger.

        ``dictionaries``: user TSV files, overriding the embedded entries; ``variant``: ``"t2s"``,
        ``"tw2s"``, ``"hk2s"`` or ``"tw2sp"``; ``labels``: which to emit, in any case (default
        all: ORG, QUANTITY, POLICY, PERSON, LOC, DATE); ``embedded=False`` drops the embedded dictionaries;
        ``region``: where the texts come from (``"cn"``, ``"tw"``, ``"hk"``, ``"mo"``, or a longer
        name such as ``"taiwan"``), which decides the currency of a bare 元.

        Raises DictionaryError (a ValueError naming file and line) for a malformed dictionary,
        OSError for an unreadable one, ValueError for an unknown variant, label or region.
        """
    def tag(self, text: str, *, region: str | None = None) -> list[Entity]:
        """Tags one text (GIL released); entities in text order, without overlaps.

        ``region`` overrides the tagger's region for this text.
        """
    def tag_many(self, texts: Iterable[str], threads: int | None = None) -> list[list[Entity]]:
        """Tags many texts in parallel with the GIL released; one list per text, in input order.

        ``threads``: how many threads (default one per core, or ``RAYON_NUM_THREADS``).
        """
    @property
    def variant(self) -> _Variant:
        """The OpenCC conversion in use."""
    @property
    def labels(self) -> list[_Label]:
        """The labels this tagger emits."""
    @property
    def region(self) -> Literal["cn", "tw", "hk", "mo"] | None:
        """The region given to the constructor, or None."""
    @property
    def dictionaries(self) -> list[pathlib.Path]:
        """The user dictionary files, as given."""
