"""claimdiff: find where sources disagree.

The pipeline, one module or small package per stage, in order:

1. :mod:`claimdiff.sources`   load, decode and repair files; split sentences; detect language;
   the package's ``__init__`` loads and builds a source, its parts are:
   ``sources.files``             find files in folders, read ``sources.toml``, hash a file
   ``sources.decoding``          bytes to text, legacy encodings, binary files refused
   ``sources.markup``            HTML and Markdown read for their prose, with a map back to the file
   ``sources.repairs``           extraction damage repaired, with a map back to the original
   ``sources.sentences``         paragraphs, headings, labels and sentences
   ``sources.language``          language detection (py3langid) and its model cache
2. :mod:`claimdiff.extract`   find claims (money, quantity, percent, count, rank, date); the
   scanner is the package's ``__init__``, its parts are:
   ``extract.figures``           numbers in digits and in words
   ``extract.suffixes``          scale word, currency, percent and unit around a figure
   ``extract.kinds``             kind, counted noun, qualifier, ranges of two figures
   ``extract.ranks_and_dates``   ordinals, and dates an event word governs
   ``extract.patterns``          the patterns of one language, compiled once
   ``extract.mention``           what a claim found in a sentence records
3. :mod:`claimdiff.normalize` figures to intervals in canonical units, currencies to the base
   currency at the ECB rate, qualifiers, and the period a claim is about
   (helpers: :mod:`claimdiff.numbers`, :mod:`claimdiff.dates`, :mod:`claimdiff.fx`)
   (:mod:`claimdiff.normalize.units`: pint; :mod:`claimdiff.normalize.periods`: the period of
   each figure and the day its money is converted at)
4. :mod:`claimdiff.subjects`  the entity and the metric each claim is about:
   :mod:`claimdiff.subjects.names` (the entities a sentence names, and their roles),
   :mod:`claimdiff.subjects.binding` (the one a figure belongs to),
   :mod:`claimdiff.subjects.descriptors` (what a source calls the things it names: "the farm"),
   :mod:`claimdiff.subjects.metrics` (the metric, from the words that govern the figure),
   :mod:`claimdiff.subjects.places` (the places a corpus puts inside a country)
5. :mod:`claimdiff.compare`   group claims on one subject and classify discrepancies; beside it
   :mod:`claimdiff.descriptions` (facts about an entity that cannot all hold; the facts are
   read by :mod:`claimdiff.facts`: kind, nationality, founding, founders, seat, leaders,
   parent, activity), :mod:`claimdiff.sums`
   (a total against its parts), :mod:`claimdiff.timeline` (figures running from before their
   entity began) and :mod:`claimdiff.values` (a claim's value written for people)
6. :mod:`claimdiff.report`, :mod:`claimdiff.formats`, :mod:`claimdiff.gate`: outputs (the
   report's jinja2 templates, stylesheet and script are in ``claimdiff/templates``); the
   report's parts are ``report.cards`` (cards and source names), ``report.numberline`` (the
   chart's geometry) and ``report.quotes`` (plain quotes, stated precision, differing words)

:mod:`claimdiff.frames` gives claims and discrepancies as pandas DataFrames
(``claimdiff.extract_frame``, ``claimdiff.check_frame``) and writes them as Parquet or CSV;
:mod:`claimdiff.dask_engine` runs the pipeline on a Dask cluster (``--engine dask``).
:mod:`claimdiff.model` holds the values the stages pass on (claims, discrepancies, the table
of discrepancy kinds); :mod:`claimdiff.pipeline` runs the stages in order over a corpus;
:mod:`claimdiff.store` keeps claims and rulings in ``claims/`` (or, in a folder named
``*.parquet``, the claims as partitioned Parquet files through :mod:`claimdiff.store_parquet`),
and :mod:`claimdiff.store_index` its index (which sources hold rows of which block, where; kept
in the user's cache), so the gate reads only the rows it can use;
:mod:`claimdiff.cli` is the command line (``cli.context``: what every command shares; ``cli.options``: options several
commands take) and :mod:`claimdiff.errors` the errors it reports with their exit codes.
Untrusted input and output pass through two modules: :mod:`claimdiff.safeio` (every file
read, bounded and of regular files only; every write, atomic) and :mod:`claimdiff.escape`
(the output-encoding layer: each format's escaping of every string from a corpus).
:mod:`claimdiff.cache` keeps tables derived from installed packages (pint's conversion
factors, the ECB rates) in the user's cache folder, so that a command starts fast, and
:mod:`claimdiff.claim_cache` beside them each source's claims, so that a command re-reads only
the sources that changed (keyed by the file, its metadata, the knowledge and the code). The data
tables all stages read live in ``claimdiff/data`` and are loaded by :mod:`claimdiff.lexicon`:
``lexicon.files`` (reading a table), ``lexicon.common`` (tables shared by all languages),
``lexicon.language`` (one language folder), ``lexicon.entities`` (entities known by name) and
``lexicon.world`` (general knowledge of the world: countries, cities, demonyms, international bodies);
``lexicon.matcher`` finds the words of a long list in one Aho-Corasick pass (and tells
whether a sentence holds any of them at all, before a loop over its words) and
``lexicon.frequency`` says how common a word is (wordfreq, its answers cached).
A corpus's own entities, metric words and defaults come from :mod:`claimdiff.config`;
:mod:`claimdiff.schema` validates the world table and the corpus config. Stages never import
the CLI or the report.
"""

import importlib

__version__ = "0.1.0"

__all__ = ["check_frame", "extract_frame"]


def __getattr__(name: str) -> object:
    # The pandas API, imported on first use so that ``import claimdiff`` stays cheap. By name:
    # the package's version, which every layer reads, must not make the root depend on frames.
    if name in __all__:
        return getattr(importlib.import_module("claimdiff.frames"), name)
    raise AttributeError(f"module 'claimdiff' has no attribute {name!r}")
