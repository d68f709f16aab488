"""Type stubs for the extension module zhtag._zhtag (re-exported by ``zhtag``)."""

import os
import pathlib
from collections.abc import Iterable, Sequence
from typing import Any, Literal, TypeAlias

__version__: str

Label: TypeAlias = Literal["ORG", "QUANTITY", "POLICY", "PERSON", "LOC", "DATE"]
Source: TypeAlias = Literal["dictionary", "declared", "rule", "grammar"]
Variant: TypeAlias = Literal["t2s", "tw2s", "hk2s", "tw2sp"]

class DictionaryError(ValueError):
    """A dictionary file is malformed; the message reads ``FILE:LINE: what is wrong``."""

    file: str
    """The dictionary file (as given) or the name of an embedded dictionary."""
    line: int
    """1-based line number."""

class Entity:
    """One entity found in a text.

    ``text == original[start:end]`` (Python ``str`` indexes, end exclusive) and
    ``text.encode() == original.encode()[byte_start:byte_end]``.
    """

    @property
    def label(self) -> Label:
        """``"ORG"``, ``"QUANTITY"``, ``"POLICY"``, ``"LOC"`` or ``"DATE"``."""
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
        """ORG/POLICY/LOC: ``{"name", "type"?}``; QUANTITY: ``{"value", "unit", "min"?, "max"?,
        "approx"?, "hedge"?}``. A new dict on each access."""
    @property
    def source(self) -> Source:
        """Which recognizer decided the entity."""
    def to_dict(self) -> dict[str, Any]:
        """The entity as ``zhtag tag`` writes it in JSON: ``label``, ``text``, ``start``, ``end``,
        ``byte_start``, ``byte_end``, ``normalized``, ``source``."""
    def __eq__(self, other: object) -> bool: ...

class Tagger:
    """Finds ORG, QUANTITY, POLICY, LOC and DATE entities in Traditional-Chinese text.

    Building one takes a few hundred milliseconds: build it once and reuse it. It is safe to
    share between threads, and it pickles as its arguments.
    """

    def __init__(
        self,
        dictionaries: Sequence[str | os.PathLike[str]] | None = None,
        variant: Variant = "t2s",
        labels: Sequence[Label] | None = None,
        *,
        embedded: bool = True,
    ) -> None:
        """Builds a tagger.

        Raises DictionaryError (a ValueError naming file and line) for a malformed dictionary,
        OSError for an unreadable one, ValueError for an unknown variant or label.
        """
    def tag(self, text: str) -> list[Entity]:
        """Tags one text (GIL released); entities in text order, without overlaps."""
    def tag_many(self, texts: Iterable[str], threads: int | None = None) -> list[list[Entity]]:
        """Tags many texts in parallel with the GIL released; one list per text, in input order.

        ``threads``: how many threads (default one per core, or ``RAYON_NUM_THREADS``).
        """
    @property
    def variant(self) -> Variant:
        """The OpenCC conversion in use."""
    @property
    def labels(self) -> list[Label]:
        """The labels this tagger emits."""
    @property
    def dictionaries(self) -> list[pathlib.Path]:
        """The user dictionary files, as given."""
