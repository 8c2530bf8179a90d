"""YouTube Spam Collection (Alberto et al. 2015): comments on five music videos."""

import pandas as pd

from ._base import check_option, make_bunch, read_bundled_csv

NAME = "youtube_spam"

# UCI file order; also the category order of ``video``.
VIDEOS = ["Psy", "KatyPerry", "LMFAO", "Eminem", "Shakira"]
RAW_FILES = {video: f"Youtube0{i}-{video}.csv" for i, video in enumerate(VIDEOS, start=1)}

# The only entities in the data; ``&amp;`` goes last so "&amp;lt;" decodes once, to "&lt;".
_ENTITIES = {"&#39;": "'", "&quot;": '"', "&lt;": "<", "&gt;": ">", "&amp;": "&"}

_TAG = r"<[a-zA-Z/][^>]*>"
# A whitespace-delimited token that looks like a link; \S* on both sides so a
# token such as "http://www.x.com/y" counts once, not three times.
_URL = r"\S*(?:https?://|www\.|\.com\b)\S*"

FEATURE_DESCRIPTIONS = {
    "video": "Video the comment was posted under (Psy, KatyPerry, LMFAO, Eminem, Shakira).",
    "n_chars": "Characters of the visible text (HTML tags removed, white space collapsed).",
    "n_words": "Whitespace-separated words of the visible text.",
    "uppercase_ratio": "Upper-case letters / letters (0 when there is no letter).",
    "n_digits": "Digits 0-9.",
    "n_urls": "Tokens that look like links (http://, https://, www., .com).",
    "n_exclamations": "Exclamation marks.",
    "n_questions": "Question marks.",
    "has_html": "The comment holds an HTML tag (<br />, <a href=...>, ...).",
    "n_non_ascii": "Non-ASCII characters (emoji, accents, ...).",
    "mentions_subscribe": "Mentions subscribe/subscribing/subscription (case-insensitive).",
    "mentions_channel": "Mentions 'channel' (case-insensitive).",
    "mentions_check_out": "Says 'check out' / 'check it out' / 'check my' (case-insensitive).",
}

SOURCE = "UCI Machine Learning Repository, YouTube Spam Collection (id 380)"
LICENSE = "CC BY 4.0"
CITATION = (
    "T. C. Alberto, J. V. Lochter, T. A. Almeida. TubeSpam: Comment Spam Filtering on "
    "YouTube. Proc. 14th IEEE ICMLA, pp. 138-143, 2015. doi:10.1109/ICMLA.2015.37"
)


def clean_raw(folder):
    """Read UCI's five ``Youtube0*.csv`` files and clean them (used to build the bundle).

    Drops the identifiers (``COMMENT_ID``, ``AUTHOR``) and ``DATE``, the three
    rows whose ``COMMENT_ID`` repeats an earlier row, the U+FEFF characters
    and trailing white space; decodes the HTML entities but keeps the tags.
    """
    frames = [
        pd.read_csv(folder / filename, encoding="utf-8").assign(VIDEO=video)
        for video, filename in RAW_FILES.items()
    ]
    frame = pd.concat(frames, ignore_index=True)
    frame = frame[~frame["COMMENT_ID"].duplicated()]
    content = frame["CONTENT"].str.replace("\ufeff", "", regex=False)
    for entity, char in _ENTITIES.items():
        content = content.str.replace(entity, char, regex=False)
    return pd.DataFrame(
        {"CONTENT": content.str.rstrip(), "VIDEO": frame["VIDEO"], "CLASS": frame["CLASS"]}
    ).reset_index(drop=True)


def text_statistics(content, video=None):
    """Vectorised text statistics of comments, the ``"statistics"`` features.

    Parameters
    ----------
    content : Series of str
        Comment texts, HTML entities already decoded.
    video : Series, default=None
        Video of each comment; becomes the categorical ``video`` column.

    Returns
    -------
    statistics : DataFrame
        One row per comment, the columns of ``FEATURE_DESCRIPTIONS``.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.datasets._youtube import text_statistics
    >>> stats = text_statistics(pd.Series(["Check out my channel!!! www.x.com", "so good"]))
    >>> stats[["n_words", "n_urls", "n_exclamations", "mentions_channel"]].to_numpy().tolist()
    [[5, 1, 3, True], [2, 0, 0, False]]
    """
    content = pd.Series(content, dtype="str")
    # Visible text: tags become spaces, runs of white space one space.
    text = content.str.replace(_TAG, " ", regex=True).str.replace(r"\s+", " ", regex=True)
    text = text.str.strip()
    lower = text.str.lower()
    n_upper = text.str.count(r"[A-Z]")
    n_letters = text.str.count(r"[A-Za-z]")
    statistics = {
        "n_chars": text.str.len(),
        "n_words": text.str.count(r"\S+"),
        # A comment without letters has no case: ratio 0, not NaN.
        "uppercase_ratio": (n_upper / n_letters.where(n_letters > 0)).fillna(0.0),
        "n_digits": text.str.count(r"[0-9]"),
        "n_urls": text.str.count(_URL),
        "n_exclamations": text.str.count("!"),
        "n_questions": text.str.count(r"\?"),
        "has_html": content.str.contains(_TAG, regex=True),
        "n_non_ascii": text.str.count(r"[^\x00-\x7f]"),
        "mentions_subscribe": lower.str.contains("subscri", regex=False),
        "mentions_channel": lower.str.contains("channel", regex=False),
        "mentions_check_out": lower.str.contains(r"check\s+(?:it\s+)?(?:out|my)", regex=True),
    }
    frame = pd.DataFrame(statistics)
    frame = frame.astype({c: "int64" for c in frame.columns if c.startswith("n_")})
    frame = frame.astype({c: "bool" for c in frame.columns if c.startswith(("has_", "mentions_"))})
    if video is not None:
        frame.insert(0, "video", pd.Categorical(video, categories=VIDEOS))
    return frame


def load_youtube_spam(*, features="statistics", return_X_y=False):
    """Load the YouTube Spam Collection (bundled, CC BY 4.0).

    1,953 comments posted under five of the most viewed music videos of
    2013-2015, labelled spam (51.4 %) or ham. The data is text; the default
    ``"statistics"`` view turns each comment into a small mixed-type row
    (counts, ratios, flags and the video) that a tabular GAN can learn.

    =================  ====================================
    Rows               1,953
    Features           13 (``"statistics"``) or 2 (``"text"``)
    Classes            2: spam 1,003, ham 950
    Licence            CC BY 4.0, bundled
    =================  ====================================

    Parameters
    ----------
    features : {"statistics", "text"}, default="statistics"
        ``"statistics"``: text statistics computed with vectorised pandas
        string methods (see ``feature_descriptions``) plus the ``video``
        category. ``"text"``: the columns ``CONTENT`` (str, HTML entities
        decoded, tags kept) and ``VIDEO`` (category), for text pipelines.
    return_X_y : bool, default=False
        Return ``(X, y)`` instead of a Bunch.

    Returns
    -------
    data : Bunch
        ``data`` (DataFrame), ``target`` (int Series named ``"spam"``, 1 =
        spam), ``frame``, ``DESCR``, ``feature_descriptions``, ``source``,
        ``license``, ``citation`` and ``groups`` (int Series named
        ``"text_group"``: comments with the same text share a number; pass
        it to a group splitter, as the Notes advise).
    (X, y) : tuple of (DataFrame, Series)
        If ``return_X_y`` is True.

    Notes
    -----
    Many comments are copy-pasted: 273 comments share their text with
    another one (63 distinct texts; "Check out this video on YouTube:" alone
    appears 99 times). Group them (for example ``StratifiedGroupKFold`` with
    ``groups=bunch.groups``) when an honest estimate matters: the statistics
    of copies are identical rows too.

    Examples
    --------
    >>> from skgan.datasets import load_youtube_spam
    >>> X, y = load_youtube_spam(return_X_y=True)
    >>> X.shape
    (1953, 13)
    >>> y.value_counts().sort_index().to_dict()
    {0: 950, 1: 1003}
    >>> load_youtube_spam(features="text").data.columns.tolist()
    ['CONTENT', 'VIDEO']
    >>> int(load_youtube_spam().groups.nunique())
    1743
    """
    check_option(features, "features", ["statistics", "text"])
    # na_filter=False: a comment reading "NA" or "null" is text, not a missing value.
    frame = read_bundled_csv(
        NAME, dtype={"CONTENT": "str", "VIDEO": "str", "CLASS": "int64"}, na_filter=False
    )
    content = frame["CONTENT"]
    if features == "text":
        X = pd.DataFrame(
            {"CONTENT": content, "VIDEO": pd.Categorical(frame["VIDEO"], categories=VIDEOS)}
        )
        descriptions = {
            "CONTENT": "Comment text (HTML entities decoded, tags kept).",
            "VIDEO": FEATURE_DESCRIPTIONS["video"],
        }
    else:
        X = text_statistics(content, frame["VIDEO"])
        descriptions = FEATURE_DESCRIPTIONS
    return make_bunch(
        X,
        frame["CLASS"].rename("spam"),
        name=NAME,
        feature_descriptions=descriptions,
        source=SOURCE,
        license=LICENSE,
        citation=CITATION,
        return_X_y=return_X_y,
        groups=pd.Series(pd.factorize(content)[0], name="text_group"),
    )
