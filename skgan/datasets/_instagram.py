"""Instagram fake/spammer vs genuine accounts (Kaggle, 2019): read from a user path."""

from pathlib import Path

import pandas as pd

from ._base import check_option, make_bunch, resolve_csv

NAME = "instagram_fake"

SPLIT_FILES = {"train": ("train.csv",), "test": ("test.csv",)}

# Raw header -> (skgan name, dtype); the raw names hold spaces, "/", "#" and "==".
COLUMNS = {
    "profile pic": ("has_profile_pic", "bool"),
    "nums/length username": ("username_digit_ratio", "float64"),
    "fullname words": ("fullname_words", "int64"),
    "nums/length fullname": ("fullname_digit_ratio", "float64"),
    "name==username": ("name_equals_username", "bool"),
    "description length": ("description_length", "int64"),
    "external URL": ("has_external_url", "bool"),
    "private": ("is_private", "bool"),
    "#posts": ("n_posts", "int64"),
    "#followers": ("n_followers", "int64"),
    "#follows": ("n_follows", "int64"),
}

FEATURE_DESCRIPTIONS = {
    "has_profile_pic": "The account has a profile picture (raw 'profile pic').",
    "username_digit_ratio": "Digits / length of the username (raw 'nums/length username').",
    "fullname_words": "Words in the full name (raw 'fullname words').",
    "fullname_digit_ratio": "Digits / length of the full name (raw 'nums/length fullname').",
    "name_equals_username": "Full name equals the username (raw 'name==username').",
    "description_length": "Characters of the bio (raw 'description length').",
    "has_external_url": "The profile links to an external URL (raw 'external URL').",
    "is_private": "Private account (raw 'private').",
    "n_posts": "Posts (raw '#posts').",
    "n_followers": "Followers (raw '#followers'); heavy-tailed, up to 15.3 million.",
    "n_follows": "Accounts followed (raw '#follows').",
}

SOURCE = (
    "Kaggle dataset free4ever1/instagram-fake-spammer-genuine-accounts (B. Bakhshandeh, "
    "crawled March 2019; copy from GitHub anita-thangam/Instagram-fake-spammer-genuine-accounts)"
    "; not bundled"
)
LICENSE = "not stated for the data"
CITATION = (
    "B. Bakhshandeh. Instagram fake spammer genuine accounts. Kaggle dataset "
    "free4ever1/instagram-fake-spammer-genuine-accounts, 2019."
)


def _read(file):
    frame = pd.read_csv(file)
    missing = [c for c in [*COLUMNS, "fake"] if c not in frame.columns]
    if missing:
        raise ValueError(f"{str(file)!r} lacks the instagram_fake columns {missing}.")
    binary = [raw for raw, (_, dtype) in COLUMNS.items() if dtype == "bool"] + ["fake"]
    bad = [c for c in binary if not frame[c].isin([0, 1]).all()]
    if bad:
        raise ValueError(f"{str(file)!r}: columns {bad} should hold only 0 and 1.")
    return frame


def load_instagram_fake(path, *, split="train", return_X_y=False):
    """Load the Instagram fake/spammer account table from a local copy (not bundled).

    Profile statistics of Instagram accounts labelled fake/spammer or
    genuine, with the publisher's train/test split (576 and 120 rows, both
    exactly balanced). Its data licence is not stated, so skgan does not ship
    it: download it yourself and pass its path.

    =================  ====================================
    Rows               576 (train), 120 (test), 696 (all)
    Features           11
    Classes            2, balanced (288/288 and 60/60)
    Licence            not stated for the data; not bundled
    =================  ====================================

    Parameters
    ----------
    path : str or os.PathLike
        A folder holding ``train.csv`` and ``test.csv``, or one csv file.
    split : {"train", "test", "all"}, default="train"
        Which file of the folder to read; ``"all"`` stacks train then test.
        When ``path`` is a file, that file is read and ``split`` only has to
        be ``"train"`` or ``"test"``.
    return_X_y : bool, default=False
        Return ``(X, y)`` instead of a Bunch.

    Returns
    -------
    data : Bunch
        ``data`` (DataFrame), ``target`` (int Series named ``"fake"``, 1 =
        fake or spammer), ``frame``, ``DESCR``, ``feature_descriptions``,
        ``source``, ``license`` and ``citation``.
    (X, y) : tuple of (DataFrame, Series)
        If ``return_X_y`` is True.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist or the folder lacks the split's file.

    Notes
    -----
    Columns are renamed to snake_case (``"#followers"`` becomes
    ``n_followers``; see ``feature_descriptions``). The four 0/1 columns are
    ``bool``, the counts ``int64``, the two ratios ``float64``. Train and test
    each hold 2 exact duplicate rows; they are kept, so that the split
    matches the published sizes.

    Examples
    --------
    >>> from skgan.datasets import load_instagram_fake
    >>> load_instagram_fake("no/such/folder")
    Traceback (most recent call last):
    ...
    FileNotFoundError: instagram_fake: 'no/such/folder' does not exist. ...
    """
    check_option(split, "split", ["train", "test", "all"])
    splits = ["train", "test"] if split == "all" else [split]
    if split == "all" and path is not None and Path(path).expanduser().is_file():
        raise ValueError(
            f"split='all' needs the folder holding 'train.csv' and 'test.csv', "
            f"not the single file {str(path)!r}."
        )
    files = [f for part in splits for f in resolve_csv(path, [SPLIT_FILES[part]], NAME)]
    frame = pd.concat([_read(f) for f in files], ignore_index=True)
    X = frame[list(COLUMNS)].astype({raw: dtype for raw, (_, dtype) in COLUMNS.items()})
    X = X.rename(columns={raw: name for raw, (name, _) in COLUMNS.items()})
    return make_bunch(
        X,
        frame["fake"].astype("int64"),
        name=NAME,
        feature_descriptions=FEATURE_DESCRIPTIONS,
        source=SOURCE,
        license=LICENSE,
        citation=CITATION,
        return_X_y=return_X_y,
    )
