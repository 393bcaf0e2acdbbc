"""claimdiff: find where sources disagree.

The pipeline, one module per stage, in order:

1. :mod:`claimdiff.sources`   load, decode and repair files; split sentences; detect language
2. :mod:`claimdiff.extract`   find claims (money, quantity, percent, count, rank, date)
3. :mod:`claimdiff.normalize` figures to intervals in canonical units, currencies to the base
   currency at the ECB rate, qualifiers, and the period a claim is about
   (helpers: :mod:`claimdiff.numbers`, :mod:`claimdiff.dates`, :mod:`claimdiff.fx`)
4. :mod:`claimdiff.subjects`  the entity and the metric each claim is about
5. :mod:`claimdiff.compare`   group claims on one subject and classify discrepancies
6. :mod:`claimdiff.report`, :mod:`claimdiff.formats`, :mod:`claimdiff.gate`: outputs

:mod:`claimdiff.store` keeps claims and rulings in ``claims/``; :mod:`claimdiff.cli` is the
command line. The data tables all stages read live in ``claimdiff/data`` and are loaded by
:mod:`claimdiff.lexicon` (general knowledge of the world by :mod:`claimdiff.world`); a
corpus's own entities and defaults by :mod:`claimdiff.config`; both are validated by
:mod:`claimdiff.schema`. Stages never import the CLI or the report.
"""

__version__ = "0.1.0"
