"""Stage 1, sources: load files, decode them, repair extraction damage, split sentences.

The repaired text keeps, for every character, the offset of the character it came from in
the decoded original, so every claim maps back to its exact line and column.
"""

from __future__ import annotations

import array
import bisect
import codecs
import hashlib
import os
import re
import tempfile
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from claimdiff.errors import InputError, MetadataError
from claimdiff.lexicon import Knowledge

SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
METADATA_FILE = "sources.toml"
METADATA_FIELDS = ("title", "publisher", "url", "published", "language")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
BINARY_SIGNATURES = {
    b"%PDF": "a PDF",
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP archive",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}


@dataclass(frozen=True)
class Sentence:
    """A sentence of the repaired text: ``text == source.text[start:end]``."""

    start: int
    end: int
    text: str
    heading: bool = False
    label: str = ""


@dataclass
class Source:
    """One loaded source: original text, repaired text and the map between them."""

    path: str
    original: str
    text: str
    offsets: list[int]
    language: str
    metadata: dict[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    raw_digest: str = ""
    _line_starts: list[int] = field(default_factory=list, repr=False)

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
            self._line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", self.original)]
        if clean_offset >= len(self.offsets):
            original = len(self.original)
        else:
            original = self.offsets[clean_offset]
        line = bisect.bisect_right(self._line_starts, original)
        return line, original - self._line_starts[line - 1] + 1


# --- finding and decoding files -------------------------------------------------------------


def iter_source_paths(paths: Iterable[str], warnings: list[str]) -> Iterator[Path]:
    """Yield the source files named by ``paths`` (files, or folders walked in sorted order)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, warnings)
        elif path.is_file():
            yield path
        elif path.exists():
            raise InputError(f"{raw}: not a regular file or folder")
        else:
            raise InputError(f"{raw}: no such file or folder")


def _walk(root: Path, warnings: list[str]) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(
        root,
        followlinks=True,
        onerror=lambda e: warnings.append(f"{e.filename}: skipped, cannot be read ({e.strerror})"),
    ):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop
            warnings.append(f"{folder}: skipped, symlink loop")
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(SOURCE_SUFFIXES):
                yield Path(folder) / name


def decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode bytes to text; return (text, encoding, warnings).

    >>> decode(b"\\xef\\xbb\\xbfhello", "a.txt")[:2]
    ('hello', 'utf-8-sig')
    >>> decode("café".encode("cp1252"), "a.txt")[0]
    'café'
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, []
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {encoding} at byte {exc.start}") from None
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"{name}: binary file ({kind}), not text")
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        where = exc.start
    repaired = data.decode("utf-8", errors="replace")
    if any(ord(c) > 127 and c != "\ufffd" for c in repaired):
        # Valid multi-byte UTF-8 elsewhere: this is damaged UTF-8, not a legacy encoding.
        bad = repaired.count("\ufffd")
        return (
            repaired,
            "utf-8",
            [f"{name}: {bad} invalid UTF-8 byte sequence(s) dropped (first at byte {where})"],
        )
    # Legacy Western encodings: cp1252 is a superset of Latin-1's printable range.
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" in text:
        text = data.decode("latin-1")
        encoding = "latin-1"
    else:
        encoding = "cp1252"
    return text, encoding, [f"{name}: not valid UTF-8 (byte {where}); decoded as {encoding}"]


def read_metadata(folder: Path) -> dict[str, dict[str, str]]:
    """Read ``sources.toml`` in ``folder``: file name -> metadata fields."""
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MetadataError(f"{path}: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MetadataError(f"{path}: cannot be read ({exc})") from None
    out: dict[str, dict[str, str]] = {}
    for name, entry in table.items():
        if not isinstance(entry, dict):
            raise MetadataError(f"{path}: [{name}] must be a table of metadata fields")
        unknown = set(entry) - set(METADATA_FIELDS)
        if unknown:
            raise MetadataError(f"{path}: [{name}] has unknown field(s) {', '.join(sorted(unknown))}")
        out[name] = {k: str(v) for k, v in entry.items()}
    return out


def load_sources(
    paths: Iterable[str], knowledge: Knowledge, max_bytes: int = DEFAULT_MAX_BYTES, warnings: list[str] | None = None
) -> list[Source]:
    """Load every source named by ``paths``; problems with one file become warnings.

    A file named directly that cannot be read raises :class:`InputError`; a file found by
    walking a folder is skipped with a warning instead.
    """
    warnings = warnings if warnings is not None else []
    named = {str(Path(p)) for p in paths if Path(p).is_file()}
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
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size:,} bytes is over the limit of {max_bytes:,} (raise it with --max-bytes)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    text, encoding, warnings = decode(data, str(path))
    cache = metadata_cache if metadata_cache is not None else {}
    if path.parent not in cache:
        cache[path.parent] = read_metadata(path.parent)
    metadata = dict(cache[path.parent].get(path.name, {}))
    if path.suffix.lower() in (".html", ".htm"):
        warnings.append(f"{path}: HTML read as text; markup is left in place")
    source = build_source(str(path), text, knowledge, metadata, encoding, warnings)
    source.raw_digest = hashlib.sha256(data).hexdigest()
    return source


def file_digest(path: Path) -> str:
    """The hash a source's claims are stored under, without decoding the file."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def build_source(
    path: str,
    text: str,
    knowledge: Knowledge,
    metadata: dict[str, str] | None = None,
    encoding: str = "utf-8",
    warnings: list[str] | None = None,
) -> Source:
    """Build a :class:`Source` from already decoded text (what tests and fuzzers use)."""
    metadata = dict(metadata or {})
    clean, offsets = repair(text)
    settings = knowledge.settings
    language = metadata.get("language") or detect_language(clean, settings.detectable, settings.default_language)
    source = Source(path, text, clean, offsets, language, metadata, encoding, list(warnings or []))
    if not clean.strip():
        source.warnings.append(f"{path}: empty, no claims")
    source.sentences = split_sentences(clean, knowledge.lexicon(language).abbreviations)
    return source


# --- language -------------------------------------------------------------------------------


def detect_language(text: str, candidates: tuple[str, ...], default: str) -> str:
    """Guess the language of ``text`` among ``candidates`` with py3langid (offline model).

    >>> detect_language("Le gouvernement a annoncé un plan de soutien aux entreprises.", ("en", "fr"), "en")
    'fr'
    """
    sample = text[:20000]
    if sum(c.isalpha() for c in sample) < 20:
        return default
    return str(_identifier(candidates).classify(sample)[0])


@cache  # the model, not data of ours: loading it costs a fifth of a second
def _identifier(candidates: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = _cached_identifier(LanguageIdentifier, MODEL_DIR / MODEL_FILE)
    if identifier is None:
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
        _save_identifier(identifier, MODEL_DIR / MODEL_FILE)
    identifier.set_languages(list(candidates))
    return identifier


# py3langid ships its model LZMA-compressed; decompressing it costs about half a second per
# run, so the arrays are kept uncompressed in the user's cache (skipped if it is not writable).
def _cache_path(model: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    stamp = hashlib.sha256(f"{model}|{model.stat().st_size}|{model.stat().st_mtime_ns}".encode()).hexdigest()[:16]
    return base / "claimdiff" / f"langid-{stamp}.npz"


def _cached_identifier(cls: Any, model: Path) -> Any:
    import numpy as np

    try:
        with np.load(_cache_path(model), allow_pickle=False) as data:
            nextmove, row = _as_array(data["nextmove"]), _as_array(data["row"])
            return cls(data["ptc"], data["pc"], data["classes"].tolist(), nextmove, data["output"].tolist(), tk_row=row)
    except (OSError, KeyError, ValueError, TypeError):
        return None


def _as_array(values: Any) -> array.array:  # type: ignore[type-arg]
    """A stdlib array, as py3langid keeps its tables (faster to index than numpy from Python)."""
    out = array.array({2: "H", 4: "I", 8: "Q"}[values.dtype.itemsize])
    out.frombytes(values.tobytes())
    return out


def _save_identifier(identifier: Any, model: Path) -> None:
    import numpy as np

    try:
        path = _cache_path(model)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".npz")
        with os.fdopen(handle, "wb") as out:
            np.savez(
                out,
                ptc=identifier.nb_ptc,
                pc=identifier.nb_pc,
                classes=np.array(identifier.nb_classes),
                nextmove=np.frombuffer(identifier.tk_nextmove, dtype=f"u{identifier.tk_nextmove.itemsize}"),
                output=np.asarray(identifier.tk_output, dtype=np.int64),
                row=np.frombuffer(identifier.tk_row, dtype=f"u{identifier.tk_row.itemsize}"),
            )
        os.replace(temporary, path)
    except (OSError, ValueError, TypeError):
        return


# --- repair ---------------------------------------------------------------------------------

_DROPPED = dict.fromkeys(
    [0xFFFD, 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x200E, 0x200F]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
)
# Arabic thousands and decimal separators, one character each like their ASCII forms.
_SEPARATORS = {"\u066c": ",", "\u066b": "."}
_LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}


# Characters _map_chars must touch; everything else is copied through in runs.
_SPECIAL = re.compile(
    "\r\n?|[\x00-\x08\x0b\x0c\x0e-\x1f\u066b\u066c\ufb00-\ufb06"
    + "".join(re.escape(chr(c)) for c in _DROPPED)
    + "]|(?![0-9])\\d"
)


def _map_chars(text: str) -> tuple[str, list[int]]:
    """Drop invisible debris, unify line ends, expand ligatures, map digits to ASCII."""
    out: list[str] = []
    offsets: list[int] = []
    last = 0
    for match in _SPECIAL.finditer(text):
        out.append(text[last : match.start()])
        offsets.extend(range(last, match.start()))
        last = match.end()
        ch = match.group(0)
        if ch[0] == "\r":
            replacement = "\n"
        elif ch in _SEPARATORS:
            replacement = _SEPARATORS[ch]
        elif ch in _LIGATURES:
            replacement = _LIGATURES[ch]
        elif unicodedata.category(ch) == "Nd":
            replacement = str(unicodedata.digit(ch))
        else:
            replacement = ""  # invisible debris and control characters
        out.append(replacement)
        offsets.extend([match.start()] * len(replacement))
    out.append(text[last:])
    offsets.extend(range(last, len(text)))
    return "".join(out), offsets


def _rewrite(
    text: str, offsets: list[int], pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]
) -> tuple[str, list[int]]:
    """Apply a substitution and carry the offset map along (new text maps to the match start)."""
    parts: list[str] = []
    new_offsets: list[int] = []
    last = 0
    for match in pattern.finditer(text):
        replacement = replace(match)
        if replacement == match.group(0):
            continue
        parts.append(text[last : match.start()])
        new_offsets.extend(offsets[last : match.start()])
        parts.append(replacement)
        # A kept prefix of the match keeps its own offsets; anything else maps to the start.
        for k in range(len(replacement)):
            keep = k < len(match.group(0)) and replacement[k] == match.group(0)[k]
            new_offsets.append(offsets[match.start() + k] if keep else offsets[match.start()])
        last = match.end()
    if not parts:
        return text, offsets
    parts.append(text[last:])
    new_offsets.extend(offsets[last:])
    return "".join(parts), new_offsets


# "scien-\ntists": a hyphen at a line end between two lower-case letters is a break, not a dash.
_HYPHEN_BREAK = re.compile(r"(?<=[a-zà-ÿ])-[ \t]*\n[ \t]*(?=[a-zà-ÿ])")
# "L ARGEST", "COMPETIT IVE": capitals split by a stray space in PDF headings.
_SPLIT_CAPS = re.compile(r"\b([A-ZÀ-Ý]{1,12}) (?=([A-ZÀ-Ý]{2,})\b)")
_WORD = re.compile(r"[^\W\d_]+")


def repair(text: str) -> tuple[str, list[int]]:
    """Return the repaired text and, per character, its offset in ``text``.

    >>> repair("great scien-\\ntists")[0]
    'great scientists'
    >>> clean, offsets = repair("a\\ufffdb\\r\\nc")
    >>> clean, offsets
    ('ab\\nc', [0, 2, 3, 5])
    """
    clean, offsets = _map_chars(text)
    clean, offsets = _rewrite(clean, offsets, _HYPHEN_BREAK, lambda m: "")
    vocabulary = Counter(w.lower() for w in _WORD.findall(clean) if not w.isupper())
    clean, offsets = _rewrite(clean, offsets, _SPLIT_CAPS, lambda m: _join_caps(m, vocabulary))
    return clean, offsets


def _join_caps(match: re.Match[str], vocabulary: Counter[str]) -> str:
    """Join two capital fragments when the joined word is known and a fragment is not."""
    left, right = match.group(1), match.group(2)
    joined = (left + right).lower()
    if vocabulary[joined] and (not vocabulary[left.lower()] or not vocabulary[right.lower()]):
        return left
    return match.group(0)


# --- sentences ------------------------------------------------------------------------------

_BULLET = re.compile(r"\s*(?:[→•▪►◦‣\-–—*]|\d{1,2}[.)])\s")
_TERMINAL = re.compile(r"[.!?:;…]['\"”’»)]*\s*$")
# A sentence ends at . ! ? followed by space and an upper-case letter, digit, quote or bullet.
_STOP = re.compile(r"(?<=[.!?…])['\"”’»)]*\s+(?=[\"“‘«(\[]?[A-ZÀ-Ý0-9€$£→•])")
_LABEL = re.compile(r"^\s*(?:[→•▪►\-–—*]\s*)?([^\n:]{2,60}?)\s*(?:\([^)\n]{1,30}\))?\s*:\s")


# Longer "sentences" (tables, run-on scraps) are cut into pieces of at most this many
# characters at a space, which keeps every later stage's per-sentence work bounded.
MAX_SENTENCE_CHARS = 2000


def split_sentences(text: str, abbreviations: frozenset[str]) -> list[Sentence]:
    """Split repaired text into sentences, joining wrapped lines and keeping headings apart."""
    sentences: list[Sentence] = []
    for start, end, heading in _blocks(text):
        for sentence in _split_block(text, start, end, heading, abbreviations):
            sentences.extend(_bounded(text, sentence))
    return sentences


def _bounded(text: str, sentence: Sentence) -> Iterator[Sentence]:
    start = sentence.start
    while sentence.end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        yield Sentence(start, cut, text[start:cut], sentence.heading, sentence.label)
        start = cut
        while start < sentence.end and text[start].isspace():
            start += 1
    if start < sentence.end:
        yield Sentence(start, sentence.end, text[start : sentence.end], sentence.heading, sentence.label)


def _blocks(text: str) -> Iterator[tuple[int, int, bool]]:
    """Yield (start, end, heading) for runs of lines that belong to one paragraph."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"^[^\n]*", text, re.MULTILINE)]
    block_start: int | None = None
    previous = ""
    block_end = 0
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            if block_start is not None:
                yield block_start, block_end, _is_heading(text[block_start:block_end])
            block_start = None
            continue
        new_block = (
            block_start is None
            or _BULLET.match(line) is not None
            or line[:1] in (" ", "\t")  # an indented line opens a new paragraph or text box
            or _TERMINAL.search(previous) is not None
            or _is_heading(previous) != _is_heading(line)
            or _ends_title(previous, line)
        )
        if new_block and block_start is not None:
            yield block_start, block_end, _is_heading(text[block_start:block_end])
        if new_block:
            block_start = start
        block_end = end
        previous = line
    if block_start is not None:
        yield block_start, block_end, _is_heading(text[block_start:block_end])


def _ends_title(previous: str, line: str) -> bool:
    """A short line before a long capitalised one is a title ("Paris: A New AI Powerhouse")."""
    return len(previous.strip()) < 50 and len(line.strip()) >= 60 and line.lstrip()[:1].isupper()


def _is_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _split_block(text: str, start: int, end: int, heading: bool, abbreviations_: frozenset[str]) -> list[Sentence]:
    block = text[start:end]
    label_match = _LABEL.match(block)
    label = label_match.group(1).strip() if label_match else ""
    cuts = [0]
    for match in _STOP.finditer(block):
        before = block[max(0, match.start() - 40) : match.start()].rstrip("'\"”’»)")  # the word before the stop
        last_word = re.search(r"([^\s(]+)[.!?…]$", before)
        if last_word and last_word.group(1) in abbreviations_:
            continue
        cuts.append(match.end())
    cuts.append(len(block))
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = block[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            s, e = start + a + lead, start + b - trail
            out.append(Sentence(s, e, text[s:e], heading, label))
    return out
