"""Load any dataset by name, and the table describing them all."""

from dataclasses import dataclass

import pandas as pd

from . import _facebook, _instagram, _twitter, _youtube


@dataclass(frozen=True)
class _Entry:
    loader: object
    bundled: bool
    license: str
    label: str
    # Shape and balance of the default view, as the loader returns it (checked by the tests).
    n_rows: int
    n_features: int
    minority_class: object
    minority_count: int


_REGISTRY = {
    "facebook_metrics": _Entry(
        _facebook.load_facebook_metrics, True, _facebook.LICENSE, "paid", 499, 18, 1, 139
    ),
    "youtube_spam": _Entry(
        _youtube.load_youtube_spam, True, _youtube.LICENSE, "spam", 1953, 13, 0, 950
    ),
    "twitter_bots": _Entry(
        _twitter.load_twitter_bots, False, _twitter.LICENSE, "bot", 2222, 15, 1, 1051
    ),
    "instagram_fake": _Entry(
        _instagram.load_instagram_fake, False, _instagram.LICENSE, "fake", 576, 11, 1, 288
    ),
}


def load_dataset(name, *, path=None, return_X_y=False, **kwargs):
    """Load a dataset by name.

    Parameters
    ----------
    name : {"facebook_metrics", "youtube_spam", "twitter_bots", "instagram_fake"}
        The dataset; :func:`list_datasets` describes them.
    path : str or os.PathLike, default=None
        Where the non-bundled datasets (``twitter_bots``, ``instagram_fake``)
        lie: their folder or csv file. Must be None for the bundled ones.
    return_X_y : bool, default=False
        Return ``(X, y)`` instead of a Bunch.
    **kwargs : dict
        Passed to the dataset's loader, for example ``target="Type"`` for
        ``facebook_metrics`` or ``split="test"`` for ``instagram_fake``.

    Returns
    -------
    data : Bunch or tuple of (DataFrame, Series)
        What the dataset's ``load_*`` function returns.

    Raises
    ------
    ValueError
        If ``name`` is unknown, or ``path`` is given for a bundled dataset.

    Examples
    --------
    >>> from skgan.datasets import load_dataset
    >>> X, y = load_dataset("facebook_metrics", return_X_y=True, target="Type")
    >>> y.value_counts().to_dict()
    {'Photo': 426, 'Status': 45, 'Link': 22, 'Video': 7}
    """
    if name not in _REGISTRY:
        raise ValueError(f"Unknown dataset {name!r}; valid names are {list(_REGISTRY)}.")
    entry = _REGISTRY[name]
    if entry.bundled:
        if path is not None:
            raise ValueError(f"{name!r} is bundled with skgan: leave path=None.")
        return entry.loader(return_X_y=return_X_y, **kwargs)
    return entry.loader(path, return_X_y=return_X_y, **kwargs)


def list_datasets():
    """Describe the datasets: size, label, class balance, licence.

    Returns
    -------
    datasets : DataFrame
        One row per dataset, indexed by name, with ``rows`` and ``columns``
        (features) of the default view, ``label``, ``minority_class``,
        ``minority_share``, ``bundled`` and ``license``.

    Examples
    --------
    >>> from skgan.datasets import list_datasets
    >>> table = list_datasets()
    >>> table[["rows", "columns", "label", "bundled"]]  # doctest: +NORMALIZE_WHITESPACE
                      rows  columns label  bundled
    name
    facebook_metrics   499       18  paid     True
    youtube_spam      1953       13  spam     True
    twitter_bots      2222       15   bot    False
    instagram_fake     576       11  fake    False
    >>> table.index[~table["bundled"]].tolist()
    ['twitter_bots', 'instagram_fake']
    """
    rows = [
        {
            "name": name,
            "rows": entry.n_rows,
            "columns": entry.n_features,
            "label": entry.label,
            "minority_class": entry.minority_class,
            "minority_share": round(entry.minority_count / entry.n_rows, 4),
            "bundled": entry.bundled,
            "license": entry.license,
        }
        for name, entry in _REGISTRY.items()
    ]
    return pd.DataFrame(rows).set_index("name")
