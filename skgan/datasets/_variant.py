"""Imbalanced variants by name: ``youtube_spam_pos10`` keeps a seeded 10 % of class 1."""

import re

import numpy as np

from ._registry import load_dataset
from ._subsample import subsample_class

# The class a _posN suffix subsamples: the positive class of every bundled binary label.
_POSITIVE = 1
# Datasets with a free-text view: a ``_text`` name loads it (e.g. youtube_spam_text).
TEXT_COLUMNS = {"youtube_spam": "CONTENT"}
_TEXT = "_text"


def parse_variant(name):
    """Split a variant name into the dataset's name and the share of class 1 to keep.

    Parameters
    ----------
    name : str
        A dataset name, optionally followed by ``_posN`` (N from 1 to 100).

    Returns
    -------
    dataset : str
        The name without the suffix.
    fraction : float or None
        ``N / 100``, or None without a suffix.

    Raises
    ------
    ValueError
        If N is not between 1 and 100.

    Examples
    --------
    >>> from skgan.datasets import parse_variant
    >>> parse_variant("youtube_spam_pos10"), parse_variant("facebook_metrics")
    (('youtube_spam', 0.1), ('facebook_metrics', None))
    """
    match = re.fullmatch(r"(.+)_pos(\d+)", name)
    if not match:
        return name, None
    percent = int(match.group(2))
    if not 1 <= percent <= 100:
        raise ValueError(f"{name!r}: the _pos suffix must be 1 to 100, got {percent}.")
    return match.group(1), percent / 100


def load_variant(name, *, path=None, random_state=0, return_X_y=False, **kwargs):
    """Load a dataset by name; a ``_posN`` suffix keeps a seeded N % of class 1.

    ``"youtube_spam_text"`` (and ``"youtube_spam_text_pos10"``...) loads the
    comments' own text (``features="text"``); the Bunch's ``text_column``
    names the free-text column (None for other names), which a model must
    turn into numbers (e.g. ``TfidfVectorizer``) before a sampler.

    ``"twitter_bots_pos10"`` is :func:`load_dataset` of ``"twitter_bots"``
    followed by :func:`subsample_class` keeping 10 % of the rows of class 1
    (and every other row): the imbalanced variants of the near-balanced
    tables that the command line and the benchmarks use. Names without a
    suffix load as they are.

    Parameters
    ----------
    name : str
        A name of :func:`list_datasets`, optionally followed by ``_posN``.
    path : str or os.PathLike, default=None
        As in :func:`load_dataset`.
    random_state : int or None, default=0
        Seed of the rows kept; the same seed keeps the same rows.
    return_X_y : bool, default=False
        Return ``(X, y)`` instead of a Bunch.
    **kwargs : dict
        Passed to the dataset's loader, as in :func:`load_dataset`.

    Returns
    -------
    data : Bunch or tuple of (DataFrame, Series)
        What :func:`load_dataset` returns, restricted to the rows kept
        (``data``, ``target``, ``frame`` and, when the dataset has them,
        ``groups``, each with a fresh index); the Bunch also has ``fraction``,
        the share of class 1 kept (None without a suffix), and ``text_column``.

    Raises
    ------
    ValueError
        If the suffix is not between 1 and 100, or as :func:`load_dataset`.

    Examples
    --------
    >>> from skgan.datasets import load_variant
    >>> X, y = load_variant("youtube_spam_pos10", return_X_y=True)
    >>> y.value_counts().sort_index().to_dict()
    {0: 950, 1: 100}
    """
    dataset, fraction = parse_variant(name)
    text_column = None
    if dataset.endswith(_TEXT) and dataset[: -len(_TEXT)] in TEXT_COLUMNS:
        dataset = dataset[: -len(_TEXT)]
        text_column = TEXT_COLUMNS[dataset]
        kwargs["features"] = "text"
    bunch = load_dataset(dataset, path=path, **kwargs)
    bunch["fraction"] = fraction
    bunch["text_column"] = text_column
    if fraction is not None:
        # The positions subsample_class keeps, so that the groups keep the same rows.
        rows, _ = subsample_class(
            np.arange(len(bunch.target)),
            bunch.target,
            label=_POSITIVE,
            fraction=fraction,
            random_state=random_state,
        )
        # Every per-row member of the Bunch keeps those rows, so that groups stay aligned.
        for key in ("data", "target", "frame", "groups"):
            if key in bunch:
                bunch[key] = bunch[key].iloc[rows].reset_index(drop=True)
    return (bunch.data, bunch.target) if return_X_y else bunch
