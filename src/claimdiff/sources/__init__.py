"""Stage 1, sources: load files, decode them, repair extraction damage, split sentences.

The repaired text keeps, for every character, the offset of the character it came from in
the decoded original, so every claim maps back to its exact line and column.

:func:`load_sources` below reads as the stage, top to bottom; the modules beside this one hold
its parts (the map in :mod:`claimdiff` says which).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimdiff.errors import InputError, MetadataError
from claimdiff.lexicon import Knowledge
from claimdiff.safeio import is_regular, read_regular
from claimdiff.sources.decoding import decode
from claimdiff.sources.files import DEFAULT_MAX_BYTES, SOURCE_SUFFIXES, file_digest, iter_source_paths, read_metadata
from claimdiff.sources.language import detect_language
from claimdiff.sources.markup import READERS
from claimdiff.sources.repairs import OffsetMap, repair
from claimdiff.sources.sentences import Sentence, split_sentences

_LINE_END = re.compile(r"\r\n|\r|\n")

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SOURCE_SUFFIXES",
    "Sentence",
    "Source",
    "build_source",
    "decode",
    "detect_language",
    "file_digest",
    "iter_source_paths",
    "load_source",
    "load_sources",
    "read_metadata",
    "repair",
    "split_sentences",
]


@dataclass
class Source:
    """One loaded source: original text, repaired text and the map between them."""

    path: str
    original: str
    text: str
    offsets: Sequence[int]  # an OffsetMap: compact whatever the length of the text
    language: str
    metadata: dict[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    raw_digest: str = ""
    _line_starts: Sequence[int] = field(default_factory=list, repr=False)

    @property
    def id(self) -> str:
        """A short stable id derived from the path as given."""
        return "s-" + hashlib.sha256(self.path.encode()).hexdigest()[:8]

    @property
    def digest(self) -> str:
        """Hash of the file's bytes (what the claim store keys re-extraction on)."""
        return self.raw_digest or hashlib.sha256(self.original.encode()).hexdigest()

    @property
    def published(self) -> str:
        return str(self.metadata.get("published", ""))

    def position(self, clean_offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) in the original of a repaired-text offset."""
        if not self._line_starts:
            self._line_starts = array("q", [0]) + array("q", (m.end() for m in _LINE_END.finditer(self.original)))
        if clean_offset >= len(self.offsets):
            original = len(self.original)
        else:
            original = self.offsets[clean_offset]
        line = bisect.bisect_right(self._line_starts, original)
        return line, original - self._line_starts[line - 1] + 1


def load_sources(
    paths: Iterable[str], knowledge: Knowledge, max_bytes: int = DEFAULT_MAX_BYTES, warnings: list[str] | None = None
) -> list[Source]:
    """Load every source named by ``paths``; problems with one file become warnings.

    A file named directly that cannot be read raises :class:`InputError`; a file found by
    walking a folder is skipped with a warning instead.
    """
    warnings = warnings if warnings is not None else []
    paths = list(paths)
    named = {str(Path(p)) for p in paths if is_regular(p)}
    metadata_cache: dict[Path, dict[str, dict[str, str]]] = {}
    sources = []
    for path in iter_source_paths(paths, warnings):
        try:
            sources.append(load_source(path, knowledge, max_bytes, metadata_cache))
        except InputError as exc:
            if str(path) in named or isinstance(exc, MetadataError):
                raise
            warnings.append(str(exc))
    for source in sources:
        warnings.extend(source.warnings)
    return sources


def load_source(
    path: Path,
    knowledge: Knowledge,
    max_bytes: int = DEFAULT_MAX_BYTES,
    metadata_cache: dict[Path, dict[str, dict[str, str]]] | None = None,
) -> Source:
    """Read, decode, repair and split one file."""
    data = read_regular(path, max_bytes)
    text, encoding, warnings = decode(data, str(path))
    cache = metadata_cache if metadata_cache is not None else {}
    if path.parent not in cache:
        cache[path.parent] = read_metadata(path.parent, max_bytes)
    metadata = dict(cache[path.parent].get(path.name, {}))
    source = build_source(str(path), text, knowledge, metadata, encoding, warnings)
    source.raw_digest = hashlib.sha256(data).hexdigest()
    return source


def _through(first: OffsetMap, second: OffsetMap) -> OffsetMap:
    """The map of ``first`` followed by ``second`` (text -> prose -> original)."""
    composed = OffsetMap()
    for origin in first:
        composed.add_run(second[min(origin, len(second) - 1)] if len(second) else 0, 1)
    return composed


def build_source(
    path: str,
    text: str,
    knowledge: Knowledge,
    metadata: dict[str, str] | None = None,
    encoding: str = "utf-8",
    warnings: list[str] | None = None,
) -> Source:
    """Build a :class:`Source` from already decoded text (what tests and fuzzers use).

    HTML and Markdown (by the path's suffix) are read for their prose first; the offsets of
    the repaired text then lead through the prose back to the file as written.
    """
    metadata = dict(metadata or {})
    reader = READERS.get(Path(path).suffix.lower())
    if reader is None:
        clean, offsets = repair(text)
    else:
        prose, prose_offsets = reader(text)
        clean, repaired_offsets = repair(prose)
        offsets = _through(repaired_offsets, prose_offsets)
    settings = knowledge.settings
    language = metadata.get("language") or detect_language(clean, settings.detectable, settings.default_language)
    source = Source(path, text, clean, offsets, language, metadata, encoding, list(warnings or []))
    if not clean.strip():
        source.warnings.append(f"{path}: empty, no claims")
    source.sentences = split_sentences(clean, knowledge.lexicon(language).abbreviations)
    return source
