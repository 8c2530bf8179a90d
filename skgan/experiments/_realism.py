"""Realism on held-out rows: synthetic minority rows against real ones the sampler never saw."""

import time

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.model_selection import train_test_split

from ..metrics import column_detection, detection_auc, quality_report
from ..metrics._detection import DETECTORS

# quality_report rows that held_out_realism measures against the held-out rows instead.
_MEASURED_HERE = ("detection_auc", "column_detection_auc_max")


def held_out_realism(
    X,
    y,
    samplers,
    *,
    detectors=DETECTORS,
    match_minority=False,
    quality=False,
    attributes=(),
    test_size=0.5,
    random_state=None,
):
    """Detection AUC of each sampler's synthetic minority rows against held-out real ones.

    The table is split in two stratified halves. Every sampler is fitted on
    the first half; its synthetic minority rows are told apart from the real
    minority rows of the *second* half, which the sampler never saw: with
    half a table held out there are hundreds of them, not a test fold's
    dozens. Next to each detection AUC is its floor, the same detector
    telling a random half of the held-out real minority from the other half:
    what two real samples of that size score.

    Parameters
    ----------
    X : DataFrame of shape (n_samples, n_features)
        The table, of mixed types with missing values.

    y : array-like of shape (n_samples,)
        Its labels; the minority is the least frequent class.

    samplers : dict of str to sampler
        Label to over-sampler (anything with ``fit_resample``); None and
        strings (``"class_weight"``), which add no rows, are skipped.

    detectors : sequence of str, default=("gradient_boosting", "random_forest")
        Detector families of :func:`skgan.metrics.detection_auc`. Two
        families are a check on each other: a generator can fool one kind
        of model and not another.

    match_minority : bool, default=False
        Ask every sampler (a clone, wrappers included) for as many synthetic
        minority rows as the first half has real ones, so that the detector
        sees equally many of each; otherwise each sampler's own
        ``sampling_strategy`` decides.

    quality : bool, default=False
        Add the columns of :func:`skgan.metrics.quality_report` of the
        synthetic rows against the first half's real minority, with the
        held-out minority as its holdout (copies, distances to closest
        record, membership inference, column fidelity), except its two
        detection rows, measured here against the held-out rows instead.

    attributes : sequence of str, default=()
        Fitted attributes to record per sampler (e.g. ``"epsilon_"``), None
        where a sampler has none.

    test_size : float, default=0.5
        Share of the table held out.

    random_state : int or None, default=None
        Seeds the split, the floors' halves and the detectors (not the
        samplers, which keep their own).

    Returns
    -------
    realism : DataFrame
        One row per sampler that adds rows, in the order of ``samplers``,
        with columns ``sampler``, ``n_train_minority``, ``n_held_out``,
        ``n_synthetic``, ``fit_s`` (seconds of ``fit_resample``), per
        detector ``detection_auc`` and ``floor_auc`` (gradient boosting) or
        ``detection_auc_<detector>`` and ``floor_auc_<detector>``,
        ``worst_column`` and ``worst_column_auc`` (the column that gives the
        synthetic rows away most, :func:`skgan.metrics.column_detection`),
        then the ``attributes`` and, with ``quality``, the report's metrics.
        The AUCs are NaN for a sampler that added no minority rows.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from imblearn.over_sampling import RandomOverSampler
    >>> from skgan.experiments import held_out_realism
    >>> rng = np.random.default_rng(0)
    >>> X = pd.DataFrame({"likes": rng.poisson(5, 400), "lang": rng.choice(["en", "es"], 400)})
    >>> y = np.r_[np.zeros(300, int), np.ones(100, int)]
    >>> realism = held_out_realism(
    ...     X, y, {"ROS": RandomOverSampler(random_state=0)}, random_state=0)
    >>> realism[["sampler", "n_train_minority", "n_held_out", "n_synthetic"]]
      sampler  n_train_minority  n_held_out  n_synthetic
    0     ROS                50          50          100
    >>> realism.columns[5:11].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['detection_auc', 'floor_auc', 'detection_auc_random_forest', 'floor_auc_random_forest',
     'worst_column', 'worst_column_auc']
    """
    unknown = sorted(set(detectors) - set(DETECTORS))
    if unknown or not len(detectors):
        raise ValueError(f"detectors must be among {list(DETECTORS)}, got {list(detectors)}.")
    X_fit, X_out, y_fit, y_out = train_test_split(
        X, y, test_size=test_size, stratify=y, random_state=random_state
    )
    X_fit, y_fit = X_fit.reset_index(drop=True), pd.Series(np.asarray(y_fit))
    minority = y_fit.value_counts().index[-1]
    real = X_fit[y_fit.to_numpy() == minority]
    held_out = X_out[np.asarray(y_out) == minority].reset_index(drop=True)
    floors = _floors(held_out, detectors, random_state)
    context = (X_fit, y_fit, minority, real, held_out)
    resamplers = {
        label: _with_strategy(sampler, {minority: 2 * len(real)}) if match_minority else sampler
        for label, sampler in samplers.items()
        if sampler is not None and not isinstance(sampler, str)
    }
    rows = [
        {"sampler": label}
        | _one_sampler(sampler, context, detectors, quality, attributes, random_state)
        for label, sampler in resamplers.items()
    ]
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    frame = frame.assign(**floors)
    first = ["sampler", "n_train_minority", "n_held_out", "n_synthetic", "fit_s"]
    aucs = [c for d in detectors for c in (_name("detection_auc", d), _name("floor_auc", d))]
    rest = [c for c in frame.columns if c not in first + aucs]
    return frame[first + aucs + rest]


def _name(stem, detector):
    """Column of a detector: the library default keeps the plain name."""
    return stem if detector == DETECTORS[0] else f"{stem}_{detector}"


def _floors(held_out, detectors, random_state):
    """Real against real: a random half of the held-out minority against the other half."""
    rows = np.random.default_rng(random_state).permutation(len(held_out))
    half = len(rows) // 2
    a, b = held_out.iloc[rows[:half]], held_out.iloc[rows[half : 2 * half]]
    return {
        _name("floor_auc", d): detection_auc(a, b, detector=d, random_state=random_state)
        for d in detectors
    }


def _one_sampler(sampler, context, detectors, quality, attributes, random_state):
    """The realism row of one sampler (without its label and the floors)."""
    X_fit, y_fit, minority, real, held_out = context
    clock = time.perf_counter()
    X_res, y_res = sampler.fit_resample(X_fit, y_fit)
    seconds = time.perf_counter() - clock
    added = np.asarray(y_res)[len(X_fit) :] == minority
    synthetic = pd.DataFrame(X_res).iloc[len(X_fit) :][added].reset_index(drop=True)
    # Samplers may return wider dtypes (SMOTE floats for integer counts); compare like with like.
    synthetic = synthetic.astype(real.dtypes.to_dict(), errors="ignore")
    row = {
        "n_train_minority": len(real),
        "n_held_out": len(held_out),
        "n_synthetic": len(synthetic),
        "fit_s": seconds,
    }
    row |= _detection(held_out, synthetic, detectors, random_state)
    row |= {name: getattr(sampler, name, None) for name in attributes}
    if quality and len(synthetic):
        report = quality_report(real, synthetic, holdout=held_out, random_state=random_state)
        report = report[~report["metric"].isin(_MEASURED_HERE)]
        row |= dict(zip(report["metric"], report["value"]))
    return row


def _detection(held_out, synthetic, detectors, random_state):
    """Detection AUC per detector and the most telling column; NaN without synthetic rows."""
    if not len(synthetic):
        return {_name("detection_auc", d): np.nan for d in detectors} | {
            "worst_column": None,
            "worst_column_auc": np.nan,
        }
    row = {
        _name("detection_auc", d): detection_auc(
            held_out, synthetic, detector=d, random_state=random_state
        )
        for d in detectors
    }
    worst = column_detection(held_out, synthetic, random_state=random_state).iloc[0]
    return row | {"worst_column": worst["column"], "worst_column_auc": worst["detection_auc"]}


def _with_strategy(sampler, strategy):
    """A clone of ``sampler`` asking for ``strategy``, wrappers' inner samplers included."""
    sampler = clone(sampler)
    keys = [k for k in sampler.get_params(deep=True) if k.split("__")[-1] == "sampling_strategy"]
    return sampler.set_params(**dict.fromkeys(keys, strategy))
