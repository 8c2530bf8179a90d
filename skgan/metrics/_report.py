"""One tidy table with every fidelity and privacy metric."""

import numpy as np
import pandas as pd

from ._detection import column_detection, detection_auc
from ._docstrings import shared_parameters
from ._encoding import check_tables
from ._fidelity import association_difference, column_fidelity
from ._leakage import distance_to_closest_record, exact_copy_rate, membership_inference_auc


@shared_parameters
def quality_report(
    real, synthetic, *, holdout=None, categorical_features="auto", random_state=None
):
    """Fidelity and privacy metrics of a synthetic table, as a tidy DataFrame.

    Parameters
    ----------
    real : DataFrame or array-like of shape (n_real, n_features)
        The real rows the generator was trained on.

    synthetic : DataFrame or array-like of shape (n_synthetic, n_features)
        The synthetic rows, with the same columns as ``real``.

    holdout : DataFrame or array-like of shape (n_holdout, n_features), default=None
        Real rows not used in training. When given, the report adds the
        holdout baseline for the distances to closest record and the
        membership-inference attack.

    {categorical_features}

    random_state : int, RandomState instance or None, default=None
        Seeds :func:`detection_auc` and :func:`column_detection`, the only
        randomised metrics.

    Returns
    -------
    report : DataFrame
        One row per metric with columns ``group`` (``"fidelity"`` or
        ``"privacy"``), ``metric``, ``value``, ``better`` (``"higher"`` or
        ``"lower"``) and ``detail`` (context such as the worst column). Metrics:

        - fidelity: ``column_score_mean`` and ``column_score_min`` (from
          :func:`column_fidelity`), ``missing_difference_max`` (largest
          absolute gap in a column's share of missing values),
          ``association_difference``, ``detection_auc``,
          ``column_detection_auc_max`` (the highest single-column detection
          AUC of :func:`column_detection`; the detail names the column and
          its KS or TVD distance);
        - privacy: ``exact_copy_rate``, ``dcr_synthetic_median``,
          ``dcr_synthetic_p05``, and with a holdout ``dcr_median_ratio`` and
          ``membership_inference_auc``.

    See Also
    --------
    column_fidelity, association_difference, detection_auc, column_detection,
    exact_copy_rate, distance_to_closest_record, membership_inference_auc

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from skgan.metrics import quality_report
    >>> rng = np.random.default_rng(0)
    >>> def draw(n):
    ...     lang = rng.choice(["en", "es"], n)
    ...     return pd.DataFrame({{"ratio": rng.beta(2, 5, n), "lang": lang}})
    >>> real, synthetic, holdout = draw(300), draw(300), draw(300)
    >>> report = quality_report(real, synthetic, holdout=holdout, random_state=0)
    >>> report["metric"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['column_score_mean', 'column_score_min', 'missing_difference_max',
     'association_difference', 'detection_auc', 'column_detection_auc_max', 'exact_copy_rate',
     'dcr_synthetic_median', 'dcr_synthetic_p05', 'dcr_median_ratio', 'membership_inference_auc']
    >>> report.set_index("metric").loc["exact_copy_rate", "value"]
    np.float64(0.0)
    """
    # Check once up front so that a mismatch is reported before any work is done.
    named = {"real": real, "synthetic": synthetic}
    if holdout is not None:
        named["holdout"] = holdout
    frames, categorical = check_tables(named, categorical_features)
    real, synthetic = frames[:2]
    holdout = frames[2] if holdout is not None else None

    rows = _fidelity_rows(real, synthetic, categorical, random_state)
    rows += _privacy_rows(real, synthetic, holdout, categorical)
    report = pd.DataFrame(rows, columns=["group", "metric", "value", "better", "detail"])
    report["value"] = report["value"].astype(np.float64)
    return report


def _fidelity_rows(real, synthetic, categorical, random_state):
    columns = column_fidelity(real, synthetic, categorical_features=categorical)
    worst = columns.loc[columns["score"].idxmin()]
    gap = columns["missing_difference"].abs()
    associations = association_difference(real, synthetic, categorical_features=categorical)
    detection = detection_auc(
        real, synthetic, categorical_features=categorical, random_state=random_state
    )
    # Single columns only: the pair search would add up to 30 cross-validations.
    revealing = column_detection(
        real, synthetic, categorical_features=categorical, random_state=random_state
    ).iloc[0]
    return [
        ("fidelity", "column_score_mean", columns["score"].mean(), "higher", "1 - KS or TVD"),
        (
            "fidelity",
            "column_score_min",
            worst["score"],
            "higher",
            f"column {worst['column']!r} ({worst['statistic']})",
        ),
        (
            "fidelity",
            "missing_difference_max",
            gap.max(),
            "lower",
            f"column {columns.loc[gap.idxmax(), 'column']!r}",
        ),
        (
            "fidelity",
            "association_difference",
            associations,
            "lower",
            "Spearman / Cramér's V / correlation ratio",
        ),
        ("fidelity", "detection_auc", detection, "lower", "0.5 = indistinguishable"),
        (
            "fidelity",
            "column_detection_auc_max",
            revealing["detection_auc"],
            "lower",
            f"column {revealing['column']!r} "
            f"({revealing['statistic']} {revealing['distance']:.2f})",
        ),
    ]


def _privacy_rows(real, synthetic, holdout, categorical):
    dcr = distance_to_closest_record(real, synthetic, holdout, categorical_features=categorical)
    rows = [
        ("privacy", "exact_copy_rate", exact_copy_rate(real, synthetic), "lower", ""),
        ("privacy", "dcr_synthetic_median", dcr["synthetic_median"], "higher", "Gower"),
        ("privacy", "dcr_synthetic_p05", dcr["synthetic_p05"], "higher", "Gower"),
    ]
    if holdout is None:
        return rows
    mia = membership_inference_auc(real, holdout, synthetic, categorical_features=categorical)
    return rows + [
        (
            "privacy",
            "dcr_median_ratio",
            dcr["median_ratio"],
            "higher",
            f"holdout median {dcr['holdout_median']:.4g}; below 1 is a warning sign",
        ),
        ("privacy", "membership_inference_auc", mia, "lower", "0.5 = no leakage"),
    ]
