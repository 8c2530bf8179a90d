"""The comparison methods by name, and the reference the others are tested against.

One registry for the CLI, the benchmarks and the docs: :func:`make_samplers`
turns names into samplers suited to a table's column types and missing
values, :func:`check_sampler_names` is the one check of those names and
:func:`reference_sampler` the one choice of the SMOTE-family reference.
"""

from .._columns import split_columns
from .._validation import to_frame
from ._wrappers import ImputedSampler, OneHotSampler

SAMPLER_NAMES = (
    "none",
    "class_weight",
    "ros",
    "smote",
    "borderline",
    "adasyn",
    "screened",
    "gan_no_rounds",
    "gan",
)

ROUNDS_OFF = "GANSampler (no rounds)"
"""Label of GANSampler without its adversarial rounds (``"gan_no_rounds"``)."""

CLASS_WEIGHT = "balanced"
"""Value :func:`make_samplers` gives ``"class_weight"``: no resampling, balanced classifiers."""


def make_samplers(names, X, *, random_state=None, gan_params=None, smote_label=None):
    """The comparison methods by name: one registry for the CLI, the benchmarks and the docs.

    Parameters
    ----------
    names : sequence of str
        Any of :data:`SAMPLER_NAMES`, in the order wanted:

        - ``"none"``: no resampling (``None``), the baseline to beat;
        - ``"class_weight"``: no resampling, but classifiers with
          ``class_weight="balanced"`` (the value is :data:`CLASS_WEIGHT`,
          which :func:`benchmark_samplers` understands; with
          :func:`compare_samplers`, drop it and pass the classifiers of
          :func:`balanced_classifiers` to a second call);
        - ``"ros"``: :class:`~imblearn.over_sampling.RandomOverSampler`;
        - ``"smote"``: :class:`~imblearn.over_sampling.SMOTENC` when ``X``
          has categorical columns (object, category, string or bool dtype),
          else :class:`~imblearn.over_sampling.SMOTE`;
        - ``"borderline"`` and ``"adasyn"``:
          :class:`~imblearn.over_sampling.BorderlineSMOTE` and
          :class:`~imblearn.over_sampling.ADASYN`, through
          :class:`OneHotSampler` when ``X`` has categorical columns;
        - ``"screened"``: :class:`ScreenedSampler`, GANSampler's screens on
          untrained candidates (a product of per-class marginals): what the
          trained generator must beat;
        - ``"gan_no_rounds"``: :class:`~skgan.GANSampler` without its
          adversarial rounds (``n_rounds=0``): what the rounds add;
        - ``"gan"``: :class:`~skgan.GANSampler` with its defaults.

        The interpolating samplers are wrapped in :class:`ImputedSampler`
        when ``X`` has missing values.

    X : DataFrame or array-like of shape (n_samples, n_features)
        The table the samplers will see; its column types and missing values
        decide the choices above.

    random_state : int or None, default=None
        The ``random_state`` of every sampler.

    gan_params : dict, default=None
        Extra parameters of :class:`~skgan.GANSampler`, e.g. ``{"n_steps": 5}``.

    smote_label : str, default=None
        The label of ``"smote"``; None: ``"SMOTENC"`` or ``"SMOTE"``, as
        ``X`` decides. One label for both (``"SMOTE(NC)"``, which
        :func:`reference_sampler` knows) pools results over tables of both
        kinds.

    Returns
    -------
    samplers : dict of str to sampler, None or str
        Display label (``"none"``, ``"class_weight"``, ``"ROS"``, ``"SMOTE"``
        or ``"SMOTENC"``, ``"BorderlineSMOTE"``, ``"ADASYN"``,
        ``"ScreenedSampler"``, ``"GANSampler (no rounds)"``,
        ``"GANSampler"``) to method, in the order
        of ``names``.

    Raises
    ------
    ValueError
        If a name is unknown or repeated, or ``names`` is empty.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.experiments import make_samplers
    >>> X = pd.DataFrame({"likes": [3, 40, None], "type": ["photo", "link", "photo"]})
    >>> samplers = make_samplers(["none", "class_weight", "smote", "gan"], X, random_state=0)
    >>> {label: type(s).__name__ for label, s in samplers.items()}
    {'none': 'NoneType', 'class_weight': 'str', 'SMOTENC': 'ImputedSampler', \
'GANSampler': 'GANSampler'}
    """
    names = check_sampler_names(names)
    categorical, _ = split_columns(X)
    has_missing = bool(to_frame(X).isna().to_numpy().any())
    pairs = [
        _make_sampler(name, categorical, has_missing, random_state, gan_params) for name in names
    ]
    if smote_label is not None:
        pairs = [
            (smote_label if n == "smote" else label, s) for n, (label, s) in zip(names, pairs)
        ]
    return dict(pairs)


def _make_sampler(name, categorical, has_missing, random_state, gan_params):
    """(label, sampler) of one registry name."""
    from imblearn.over_sampling import (
        ADASYN,
        SMOTE,
        SMOTENC,
        BorderlineSMOTE,
        RandomOverSampler,
    )

    from .._sampler import GANSampler

    if name in ("none", "class_weight"):
        return name, None if name == "none" else CLASS_WEIGHT
    if name == "ros":
        return "ROS", RandomOverSampler(random_state=random_state)
    if name in ("gan", "gan_no_rounds"):
        params = dict(gan_params or {})
        if name == "gan_no_rounds":
            params["n_rounds"] = 0
        label = "GANSampler" if name == "gan" else ROUNDS_OFF
        return label, GANSampler(random_state=random_state, **params)
    if name == "screened":
        from ._screened import ScreenedSampler

        return "ScreenedSampler", ScreenedSampler(random_state=random_state)
    if name == "smote":
        label, sampler = (
            ("SMOTENC", SMOTENC(categorical_features=categorical, random_state=random_state))
            if categorical
            else ("SMOTE", SMOTE(random_state=random_state))
        )
    else:
        label, cls = {
            "adasyn": ("ADASYN", ADASYN),
            "borderline": ("BorderlineSMOTE", BorderlineSMOTE),
        }[name]
        sampler = cls(random_state=random_state)
        if categorical:
            return label, OneHotSampler(sampler)
    # The interpolating samplers reject NaN; ImputedSampler fills them per training fold.
    return label, ImputedSampler(sampler) if has_missing else sampler


def check_sampler_names(names):
    """The names as a list, if they are distinct names of :data:`SAMPLER_NAMES`.

    Parameters
    ----------
    names : str or sequence of str
        Registry names, e.g. ``["none", "smote", "gan"]``.

    Returns
    -------
    names : list of str

    Raises
    ------
    ValueError
        If a name is unknown or repeated, or ``names`` is empty.
    """
    names = [names] if isinstance(names, str) else list(names)
    unknown = [name for name in names if name not in SAMPLER_NAMES]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if unknown or repeated or not names:
        raise ValueError(
            f"unknown or repeated sampler(s) {unknown or repeated or names}: names must be "
            f"distinct sampler names from {list(SAMPLER_NAMES)}, got {names}"
            + (f" ({unknown} unknown)." if unknown else ".")
        )
    return names


POOLED_SMOTE = "SMOTE(NC)"
"""The ``smote_label`` of results pooled over tables with and without categorical columns."""

# Labels of the SMOTE family as make_samplers gives them, in order of preference.
_REFERENCES = ("SMOTENC", "SMOTE", POOLED_SMOTE)


def reference_sampler(labels, *, fallback="none"):
    """The label every other method is compared with: SMOTE(NC) when present.

    SMOTE is what an over-sampler has to beat; :func:`make_samplers` labels
    it ``"SMOTENC"`` on tables with categorical columns, else ``"SMOTE"``,
    or :data:`POOLED_SMOTE` (``"SMOTE(NC)"``) on request. The one choice of
    the reference for the CLI, the benchmarks and the docs.

    Parameters
    ----------
    labels : iterable of str
        Sampler labels, e.g. the keys of :func:`make_samplers` or the
        ``sampler`` column of :func:`compare_samplers`.

    fallback : str or None, default="none"
        The label to use without SMOTE(NC), if it is among ``labels``.

    Returns
    -------
    label : str or None
        ``"SMOTENC"``, ``"SMOTE"``, ``"SMOTE(NC)"`` or ``fallback``, the
        first among ``labels``; None when none is.

    Examples
    --------
    >>> from skgan.experiments import reference_sampler
    >>> reference_sampler(["none", "SMOTENC", "GANSampler"])
    'SMOTENC'
    >>> reference_sampler(["none", "GANSampler"]), reference_sampler(["GANSampler"])
    ('none', None)
    """
    labels = set(labels)
    return next((s for s in (*_REFERENCES, fallback) if s in labels), None)
