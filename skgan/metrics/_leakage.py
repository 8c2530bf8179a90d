"""Privacy: whether synthetic rows disclose the training rows they were learned from."""

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from .._fingerprints import row_fingerprints
from ._docstrings import shared_parameters
from ._encoding import check_and_encode, gower_embeddings, nearest_distance


def _row_hashes(table):
    # Codes are small integers, exact in float64.
    return row_fingerprints(np.hstack([table.num, table.cat.astype(np.float64)]))


@shared_parameters
def exact_copy_rate(train, synthetic):
    """Share of synthetic rows that are exact copies of a training row.

    Parameters
    ----------
    {train}

    {synthetic_rows}

    Returns
    -------
    rate : float
        In [0, 1]; 0 is best. A copied row hands a real record out as synthetic.

    See Also
    --------
    distance_to_closest_record : How close the synthetic rows come, copies or not.

    Notes
    -----
    Rows are compared after a common encoding, so that ``3`` (int) equals
    ``3.0`` (float) and ``"en"`` (object) equals ``"en"`` (category); a
    missing value equals a missing value. Rows are compared through the
    64-bit row fingerprints that ``GANSampler``'s copy screen uses too.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from skgan.metrics import exact_copy_rate
    >>> train = pd.DataFrame({{"likes": [1, 2, np.nan], "lang": ["en", "es", None]}})
    >>> synthetic = pd.DataFrame(
    ...     {{"likes": [2.0, np.nan, 7.0, 1.0], "lang": ["es", None, "en", "es"]}}
    ... )
    >>> exact_copy_rate(train, synthetic)
    0.5
    """
    (t, s), _ = check_and_encode({"train": train, "synthetic": synthetic})
    return float(np.isin(_row_hashes(s), _row_hashes(t)).mean())


@shared_parameters
def distance_to_closest_record(train, synthetic, holdout=None, *, categorical_features="auto"):
    """Distance from each synthetic row to its closest training row (DCR).

    Synthetic rows much closer to the training rows than genuinely new rows
    are (a holdout set from the same source, never shown to the generator)
    suggest the generator memorised its training data.

    Parameters
    ----------
    {train}

    {synthetic_rows}

    holdout : DataFrame or array-like of shape (n_holdout, n_features), default=None
        Real rows not used in training, as a baseline.

    {categorical_features}

    Returns
    -------
    summary : Series of float
        ``synthetic_median`` and ``synthetic_p05``, the median and 5th
        percentile of the synthetic-to-train distances; with a holdout also
        ``holdout_median``, ``holdout_p05`` and ``median_ratio``
        (synthetic median over holdout median: below 1 means synthetic rows
        sit closer to the training rows than new real rows do, a warning sign).

    See Also
    --------
    membership_inference_auc : An attack built on the same distances.
    exact_copy_rate : The share of synthetic rows at distance 0.

    Notes
    -----
    The distance is Gower's: the mean over columns of a per-column distance
    in [0, 1]. Numeric columns are first mapped to ranks through the training
    rows' empirical CDF (so heavy-tailed counts do not collapse onto their
    outliers) and compared by absolute difference; categorical columns cost 1
    on mismatch; a missing value is 0 from a missing value and 1 from any
    present one. The nearest-neighbour search is
    :class:`~sklearn.neighbors.NearestNeighbors` with the Manhattan metric,
    a tree or a chunked brute-force search of bounded memory.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from skgan.metrics import distance_to_closest_record
    >>> rng = np.random.default_rng(0)
    >>> def draw(n):
    ...     return pd.DataFrame({{"x": rng.normal(size=n), "lang": rng.choice(["en", "es"], n)}})
    >>> train, holdout = draw(300), draw(300)
    >>> summary = distance_to_closest_record(train, train.iloc[:100], holdout)
    >>> float(summary["synthetic_median"]), bool(summary["median_ratio"] < 0.5)
    (0.0, True)
    """
    named = {"train": train, "synthetic": synthetic}
    if holdout is not None:
        named["holdout"] = holdout
    tables, layout = check_and_encode(named, categorical_features)
    reference, *queries = gower_embeddings(tables, layout, tables[0])
    summary = {}
    medians = {}
    for name, query in zip(["synthetic", "holdout"], queries):
        distance = nearest_distance(query, reference)
        medians[name] = float(np.median(distance))
        summary[f"{name}_median"] = medians[name]
        summary[f"{name}_p05"] = float(np.percentile(distance, 5))
    if holdout is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            summary["median_ratio"] = float(
                np.float64(medians["synthetic"]) / np.float64(medians["holdout"])
            )
    return pd.Series(summary, dtype=np.float64, name="dcr")


@shared_parameters
def membership_inference_auc(train, holdout, synthetic, *, categorical_features="auto"):
    """ROC AUC of a distance attack that guesses which rows were in the training set.

    The attacker holds the synthetic rows only. For each candidate row (the
    training rows, members, and the holdout rows, non-members) it scores
    membership by the negative distance to the closest synthetic row: rows
    with a synthetic near-copy are guessed to be members.

    Parameters
    ----------
    train : DataFrame or array-like of shape (n_train, n_features)
        The rows the generator was trained on (members).

    holdout : DataFrame or array-like of shape (n_holdout, n_features)
        Real rows from the same source not used in training (non-members).

    {synthetic_rows}

    {categorical_features}

    Returns
    -------
    auc : float
        0.5 means the synthetic rows tell nothing about membership (ideal);
        1.0 means every training row is exposed.

    See Also
    --------
    distance_to_closest_record : The distances behind the attack, summarised.

    Notes
    -----
    Distances are Gower's, as in :func:`distance_to_closest_record`, with the
    numeric columns rank-scaled by the synthetic rows (all the attacker has).
    Ties (for example several candidates at distance 0) count half, as
    :func:`~sklearn.metrics.roc_auc_score` does.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from skgan.metrics import membership_inference_auc
    >>> rng = np.random.default_rng(0)
    >>> train, holdout = rng.normal(size=(200, 3)), rng.normal(size=(200, 3))
    >>> membership_inference_auc(train, holdout, synthetic=train)
    1.0
    """
    (t, h, s), layout = check_and_encode(
        {"train": train, "holdout": holdout, "synthetic": synthetic}, categorical_features
    )
    reference, *candidates = gower_embeddings([s, t, h], layout, s)
    distance = np.concatenate([nearest_distance(c, reference) for c in candidates])
    member = np.repeat([1, 0], [len(t.num), len(h.num)])
    return float(roc_auc_score(member, -distance))
