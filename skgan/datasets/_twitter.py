"""Twitter bot accounts (Kaggle "Twitter bot detection" course data): read from a user path."""

import pandas as pd

from ._base import make_bunch, resolve_csv

NAME = "twitter_bots"

# Folder layouts accepted: the merged file, or Kaggle's two original files.
FILE_LAYOUTS = [("twitter_bots.csv",), ("bots_data.csv", "nonbots_data.csv")]

COUNTS = {
    "followers_count": "followers_count",
    "friends_count": "friends_count",
    "listedcount": "listed_count",
    "favourites_count": "favourites_count",
    "statuses_count": "statuses_count",
}
FLAGS = ["verified", "default_profile", "default_profile_image", "has_extended_profile"]
_REQUIRED = [*COUNTS, *FLAGS, "screen_name", "location", "description", "url"]
_REQUIRED += ["created_at", "lang", "bot"]

# The profiles were crawled in March 2017 (the newest last tweet is from then):
# account ages are counted up to this fixed day, so they do not grow with the calendar.
REFERENCE_DATE = pd.Timestamp("2017-04-01", tz="UTC")

FEATURE_DESCRIPTIONS = {
    "followers_count": "Followers of the account.",
    "friends_count": "Accounts it follows.",
    "listed_count": "Public lists that include the account (raw column 'listedcount').",
    "favourites_count": "Tweets the account has liked.",
    "statuses_count": "Tweets and retweets posted.",
    "verified": "Verified account (blue tick).",
    "default_profile": "Profile theme and background never changed.",
    "default_profile_image": "Default 'egg' profile image.",
    "has_extended_profile": "Extended profile flag; missing for 78 raw rows (kept as <NA>).",
    "lang": "Interface language, lower case, quotes removed (category).",
    "has_location": "The location field is filled in.",
    "has_description": "The bio is filled in.",
    "has_url": "A profile URL is set.",
    "description_length": "Characters of the bio (0 when empty).",
    "account_age_days": (
        "Days from account creation to 2017-04-01 (the crawl); NaN if created_at is unreadable."
    ),
}

SOURCE = (
    "Kaggle 'Twitter bot detection' course data (bots_data.csv + nonbots_data.csv, "
    "as in GitHub jubins/ML-TwitterBotDetection); not bundled"
)
LICENSE = "not stated for the data (the GitHub copy's MIT licence covers its code only)"
CITATION = (
    "Kaggle dataset charvijain27/detecting-twitter-bot-data; collected through the "
    "Twitter REST API for a 2017 course project. No paper to cite."
)


def _read(files):
    # Every column as text: the flags are the strings TRUE/FALSE, the ids are
    # Excel-mangled floats, and only an empty field is missing (not "NA", "null").
    frames = [
        pd.read_csv(f, encoding="latin-1", dtype="str", keep_default_na=False, na_values=[""])
        for f in files
    ]
    frame = pd.concat(frames, ignore_index=True)
    missing = [c for c in _REQUIRED if c not in frame.columns]
    if missing:
        raise ValueError(f"{[str(f) for f in files]} lacks the twitter_bots columns {missing}.")
    return frame


def _deduplicate(frame):
    """One row per ``screen_name``; names listed both as bot and as human are dropped.

    The ``id`` column cannot be used: Excel rounded many ids to values such as
    8.41E+17, shared by unrelated accounts.
    """
    n_labels = frame.groupby("screen_name")["bot"].transform("nunique")
    frame = frame[n_labels == 1]
    return frame.drop_duplicates("screen_name", keep="first").reset_index(drop=True)


def parse_created_at(created_at):
    """Parse the three ``created_at`` spellings of the file, vectorised.

    Twitter's ``"Sat Oct 17 22:35:31 +0000 2015"`` (sometimes in quotes) and
    two Excel re-writes with a slash: month first (``"2/14/2017 22:49"``) and
    day first (``"13/03/2017 22:21"``, ``"12/3/2017 14:59"``). A slash date is
    read month first unless that is impossible: a month above 12, or a day
    after the March 2017 crawl. The remaining ambiguous ones (both numbers at
    most 12) keep the month-first reading, the convention of most rows where
    it can be told. Unreadable values become NaT.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.datasets._twitter import parse_created_at
    >>> dates = ["Sat Oct 17 22:35:31 +0000 2015", "2/14/2017 22:49", "12/3/2017 14:59", "?"]
    >>> parse_created_at(pd.Series(dates)).dt.strftime("%Y-%m-%d").tolist()
    ['2015-10-17', '2017-02-14', '2017-03-12', nan]
    """
    text = pd.Series(created_at, dtype="str").str.strip().str.strip('"')

    def parse(layout):
        parsed = pd.to_datetime(text, format=layout, errors="coerce", utc=True)
        return parsed.where(parsed <= REFERENCE_DATE)

    parsed = parse("%a %b %d %H:%M:%S %z %Y")
    for layout in ("%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M"):
        parsed = parsed.fillna(parse(layout))
    return parsed


def _flag(column):
    """``TRUE``/``FALSE`` strings to pandas ``boolean`` (missing kept as <NA>)."""
    return column.str.strip().str.upper().map({"TRUE": True, "FALSE": False}).astype("boolean")


def _filled(column):
    return column.fillna("").str.strip() != ""


def load_twitter_bots(path, *, return_X_y=False):
    """Load the Twitter bot accounts table from a local copy (not bundled).

    Profiles of 2,222 Twitter accounts labelled bot (47.3 %) or human,
    crawled in March 2017 for a Kaggle course. Its data licence is not
    stated, so skgan does not ship it: download it yourself and pass its path.

    =================  ====================================
    Rows               2,222 (from 2,232 raw rows)
    Features           15
    Classes            2: bot 1,051, human 1,171
    Licence            not stated for the data; not bundled
    =================  ====================================

    Parameters
    ----------
    path : str or os.PathLike
        The csv file, or a folder holding ``twitter_bots.csv`` (the two
        Kaggle files concatenated) or ``bots_data.csv`` and
        ``nonbots_data.csv``.
    return_X_y : bool, default=False
        Return ``(X, y)`` instead of a Bunch.

    Returns
    -------
    data : Bunch
        ``data`` (DataFrame), ``target`` (int Series named ``"bot"``, 1 = bot),
        ``frame``, ``DESCR``, ``feature_descriptions``, ``source``,
        ``license`` and ``citation``.
    (X, y) : tuple of (DataFrame, Series)
        If ``return_X_y`` is True.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist or the folder lacks the expected files.

    Notes
    -----
    The file is read as Latin-1 (it is not valid UTF-8). Rows are
    de-duplicated on ``screen_name`` and the 5 names listed both as bot and
    as human are dropped (10 rows). Identifier and free-text columns
    (``id``, ``id_str``, ``screen_name``, ``name``, ``location``,
    ``description``, ``url``, ``status``, ``created_at``) are replaced by
    cheap derived features: ``has_location``, ``has_description``,
    ``has_url``, ``description_length`` and ``account_age_days``.
    ``created_at`` mixes Twitter's format with month-first and day-first
    Excel re-writes; see :func:`parse_created_at` for how they are told apart.

    Examples
    --------
    >>> from skgan.datasets import load_twitter_bots
    >>> load_twitter_bots("no/such/folder")
    Traceback (most recent call last):
    ...
    FileNotFoundError: twitter_bots: 'no/such/folder' does not exist. ...
    """
    frame = _deduplicate(_read(resolve_csv(path, FILE_LAYOUTS, NAME)))
    created = parse_created_at(frame["created_at"])
    X = pd.DataFrame({new: frame[old].astype("int64") for old, new in COUNTS.items()})
    for flag in FLAGS:
        X[flag] = _flag(frame[flag])
    lang = frame["lang"].str.strip().str.strip('"').str.lower()
    X["lang"] = pd.Categorical(lang, categories=sorted(lang.dropna().unique()))
    X["has_location"] = _filled(frame["location"])
    X["has_description"] = _filled(frame["description"])
    X["has_url"] = _filled(frame["url"])
    X["description_length"] = frame["description"].fillna("").str.strip().str.len()
    X["description_length"] = X["description_length"].astype("int64")
    X["account_age_days"] = (REFERENCE_DATE - created).dt.total_seconds() / 86400.0
    return make_bunch(
        X,
        frame["bot"].astype("int64").rename("bot"),
        name=NAME,
        feature_descriptions=FEATURE_DESCRIPTIONS,
        source=SOURCE,
        license=LICENSE,
        citation=CITATION,
        return_X_y=return_X_y,
    )
