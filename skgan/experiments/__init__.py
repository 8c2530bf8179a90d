"""Cross-validated comparison of over-samplers: a tidy table of scores and paired tests.

:func:`compare_samplers` resamples each training fold once per sampler and
trains every classifier on that same resampled fold, so that differences
between classifiers are not blurred by sampler randomness; test folds are
never resampled. :func:`benchmark_samplers` adds class weighting, groups and
the quality of the synthetic rows in the same pass. :func:`summarize` and
:func:`paired_comparison` read their output.

One module per part: ``_classifiers`` (:func:`default_classifiers`,
:func:`balanced_classifiers`), ``_wrappers`` (:class:`ImputedSampler`,
:class:`OneHotSampler`, :class:`LabelNoise`), ``_registry``
(:func:`make_samplers`, :func:`reference_sampler`), ``_splits``
(:func:`make_cv`, :class:`RepeatedStratifiedGroupKFold`), ``_engine`` (the one
cross-validation engine behind both comparisons), ``_statistics``
(:func:`summarize`, :func:`paired_comparison`, :func:`mean_scores`,
:func:`share_at_least`), ``_realism`` (:func:`held_out_realism`),
``_markup`` (Markdown and HTML pieces, :func:`to_markdown`), ``_report``
(the pages of ``skgan benchmark``), ``_quality_page`` (the page of ``skgan
report``) and ``_screened`` (:class:`ScreenedSampler`, the screens on
untrained candidates that a trained generator must beat).
"""

from ._classifiers import balanced_classifiers, default_classifiers

# The constants are importable as before but, as before, not part of __all__.
from ._engine import DEFAULT_SCORING as DEFAULT_SCORING
from ._engine import RESULT_COLUMNS as RESULT_COLUMNS
from ._engine import SYNTHETIC_COLUMNS as SYNTHETIC_COLUMNS
from ._engine import benchmark_samplers, compare_samplers
from ._markup import to_markdown
from ._realism import held_out_realism
from ._registry import CLASS_WEIGHT as CLASS_WEIGHT
from ._registry import POOLED_SMOTE as POOLED_SMOTE
from ._registry import SAMPLER_NAMES as SAMPLER_NAMES
from ._registry import make_samplers, reference_sampler
from ._screened import ScreenedSampler
from ._splits import RepeatedStratifiedGroupKFold, make_cv
from ._statistics import mean_scores, paired_comparison, share_at_least, summarize
from ._wrappers import ImputedSampler, LabelNoise, OneHotSampler

__all__ = [
    "ImputedSampler",
    "LabelNoise",
    "OneHotSampler",
    "RepeatedStratifiedGroupKFold",
    "ScreenedSampler",
    "balanced_classifiers",
    "benchmark_samplers",
    "compare_samplers",
    "default_classifiers",
    "held_out_realism",
    "make_cv",
    "make_samplers",
    "mean_scores",
    "paired_comparison",
    "reference_sampler",
    "share_at_least",
    "summarize",
    "to_markdown",
]
