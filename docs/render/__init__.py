"""The one renderer of the benchmark results: JSON in, pages, README blocks and figures out.

The benchmark scripts (``benchmarks/*.py``) measure and write JSON only;
everything a reader sees is rendered here from ``benchmarks/results/*.json``::

    python docs/render                        # docs pages, results/*.md, figures, README blocks
    python docs/render --no-readme --results DIR --docs OUT

One module per output: ``performance``, ``quality``, ``privacy`` and
``ablation`` (the docs pages under ``docs/benchmarks/``), ``gpu`` (the table
the user guide's GPU page includes), ``markdown`` (the
``benchmarks/results/*.md`` beside each JSON, and ``index.md`` listing every
record), ``figures`` (every PNG), ``readme`` (the README sentences computed
from the numbers); ``_cli`` runs them all; ``_records``
reads the records (their environment and load, the mean tables), ``_rst``
holds the reStructuredText pieces and ``_speed`` the tables of speed.json.
The means and shares come from :mod:`skgan.experiments` (``mean_scores``,
``share_at_least``), the same code that computes ``skgan benchmark``'s
summary: there is one summary engine.
"""
