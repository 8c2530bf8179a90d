"""Facebook metrics (Moro et al. 2016): 500 posts of a cosmetics brand's page."""

import pandas as pd

from ._base import check_option, make_bunch, read_bundled_csv

NAME = "facebook_metrics"

# Original UCI header -> snake_case name; the DESCR repeats this mapping.
COLUMNS = {
    "Page total likes": "page_total_likes",
    "Type": "type",
    "Category": "category",
    "Post Month": "post_month",
    "Post Weekday": "post_weekday",
    "Post Hour": "post_hour",
    "Paid": "paid",
    "Lifetime Post Total Reach": "lifetime_post_total_reach",
    "Lifetime Post Total Impressions": "lifetime_post_total_impressions",
    "Lifetime Engaged Users": "lifetime_engaged_users",
    "Lifetime Post Consumers": "lifetime_post_consumers",
    "Lifetime Post Consumptions": "lifetime_post_consumptions",
    "Lifetime Post Impressions by people who have liked your Page": (
        "lifetime_post_impressions_by_fans"
    ),
    "Lifetime Post reach by people who like your Page": "lifetime_post_reach_by_fans",
    "Lifetime People who have liked your Page and engaged with your post": (
        "lifetime_engaged_fans"
    ),
    "comment": "comment",
    "like": "like",
    "share": "share",
    "Total Interactions": "total_interactions",
}

TYPES = ["Photo", "Status", "Link", "Video"]  # by frequency: Video is the rarest

PRE_PUBLICATION = [
    "page_total_likes",
    "type",
    "category",
    "post_month",
    "post_weekday",
    "post_hour",
    "paid",
]

FEATURE_DESCRIPTIONS = {
    "page_total_likes": "Likes of the brand's page when the post was published.",
    "type": "Post type: Photo, Status, Link or Video.",
    "category": "Post category code 1, 2 or 3 (action, product, inspiration in the paper).",
    "post_month": "Month of publication, 1-12.",
    "post_weekday": "Weekday of publication, 1-7.",
    "post_hour": "Hour of publication, 0-23.",
    "paid": "1 if the post was promoted with paid advertising.",
    "lifetime_post_total_reach": "Unique users who saw the post (after posting).",
    "lifetime_post_total_impressions": "Times the post was displayed (after posting).",
    "lifetime_engaged_users": "Unique users who clicked anywhere in the post (after posting).",
    "lifetime_post_consumers": "Unique users who clicked the post's content (after posting).",
    "lifetime_post_consumptions": "Clicks on the post's content (after posting).",
    "lifetime_post_impressions_by_fans": "Impressions by users who like the page (after posting).",
    "lifetime_post_reach_by_fans": "Unique users who like the page and saw it (after posting).",
    "lifetime_engaged_fans": "Users who like the page and engaged with the post (after posting).",
    "comment": "Comments on the post (after posting).",
    "like": "Likes of the post (after posting); 1 missing value.",
    "share": "Shares of the post (after posting); 4 missing values.",
    "total_interactions": "comment + like + share (after posting).",
}

SOURCE = "UCI Machine Learning Repository, Facebook metrics (id 368)"
LICENSE = "CC BY 4.0"
CITATION = (
    "S. Moro, P. Rita, B. Vala. Predicting social media performance metrics and evaluation "
    "of the impact on brand building: A data mining approach. Journal of Business Research "
    "69(9):3341-3351, 2016. doi:10.1016/j.jbusres.2016.02.010"
)

_TARGETS = ("paid", "type")


def clean_raw(csv_path):
    """Read UCI's ``dataset_Facebook.csv`` and rename its columns (used to build the bundle)."""
    frame = pd.read_csv(csv_path, sep=";")
    if list(frame.columns) != list(COLUMNS):
        raise ValueError(f"Unexpected columns in {csv_path}: {list(frame.columns)}")
    return frame.rename(columns=COLUMNS)


def _read():
    # Nullable Int64: ``paid``, ``like`` and ``share`` have missing values, kept as <NA>.
    frame = read_bundled_csv(NAME, dtype={c: "Int64" for c in COLUMNS.values() if c != "type"})
    frame["type"] = pd.Categorical(frame["type"], categories=TYPES)
    frame["category"] = pd.Categorical(frame["category"].astype("int64"), categories=[1, 2, 3])
    return frame


def load_facebook_metrics(*, target="Paid", features="all", return_X_y=False):
    """Load the Facebook metrics dataset (bundled, CC BY 4.0).

    500 posts published in 2014 on the Facebook page of a cosmetics brand
    (Moro et al. 2016). The table has no label of its own; two columns make
    imbalanced classification targets: ``Paid`` (27.9 % paid posts) and
    ``Type`` (Photo 85.2 %, Status 9.0 %, Link 4.4 %, Video 1.4 %).

    =================  ====================================
    Rows               499 (``Paid``) or 500 (``Type``)
    Features           18 (``"all"``) or 6 (``"pre_publication"``)
    Classes            2 (``Paid``) or 4 (``Type``)
    Licence            CC BY 4.0, bundled
    =================  ====================================

    Parameters
    ----------
    target : {"Paid", "Type"}, default="Paid"
        Column to predict (case-insensitive). ``"Paid"`` drops the one post
        whose ``Paid`` value is missing; ``"Type"`` keeps all 500 posts.
    features : {"all", "pre_publication"}, default="all"
        ``"all"`` returns every other column. The twelve lifetime and
        interaction columns are measured *after* posting; ``"pre_publication"``
        keeps only what is known when the post is published.
    return_X_y : bool, default=False
        Return ``(X, y)`` instead of a Bunch.

    Returns
    -------
    data : Bunch
        ``data`` (DataFrame), ``target`` (Series named ``"paid"`` with int
        values 0/1, or ``"type"`` with str values), ``frame``, ``DESCR``,
        ``feature_descriptions``, ``source``, ``license`` and ``citation``.
    (X, y) : tuple of (DataFrame, Series)
        If ``return_X_y`` is True.

    Notes
    -----
    Columns are renamed to snake_case (``"Lifetime Post Total Reach"`` becomes
    ``lifetime_post_total_reach``; the full mapping is in ``DESCR``). ``type``
    and ``category`` are pandas ``category`` columns; counts are nullable
    ``Int64`` so that the missing ``like`` (1) and ``share`` (4) values stay
    missing, as in the data.

    Examples
    --------
    >>> from skgan.datasets import load_facebook_metrics
    >>> X, y = load_facebook_metrics(return_X_y=True)
    >>> X.shape
    (499, 18)
    >>> y.value_counts().sort_index().to_dict()
    {0: 360, 1: 139}
    >>> X["type"].cat.categories.tolist()
    ['Photo', 'Status', 'Link', 'Video']
    """
    check_option(features, "features", ["all", "pre_publication"])
    name = str(target).lower()
    if name not in _TARGETS:
        raise ValueError(f"target must be 'Paid' or 'Type', got {target!r}.")

    frame = _read()
    frame = frame[frame[name].notna()].reset_index(drop=True)
    y = frame[name].astype("int64" if name == "paid" else "str")
    columns = PRE_PUBLICATION if features == "pre_publication" else list(frame.columns)
    X = frame[[c for c in columns if c != name]]
    return make_bunch(
        X,
        y.rename(name),
        name=NAME,
        feature_descriptions={c: FEATURE_DESCRIPTIONS[c] for c in X.columns},
        source=SOURCE,
        license=LICENSE,
        citation=CITATION,
        return_X_y=return_X_y,
    )
