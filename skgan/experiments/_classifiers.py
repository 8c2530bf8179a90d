"""Classifiers for mixed-type tables with missing values, and their class-weighted copies."""

import numpy as np
from scipy import sparse
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OrdinalEncoder

from .._columns import as_strings, one_hot_encoder, split_columns, to_float


def default_classifiers(X, *, names=("LR", "HGB"), random_state=None):
    """Classifiers ready for a mixed-type table with missing values.

    The categorical columns are found from the dtypes of ``X`` (object,
    category, string and bool), once, and the pipelines select them by name,
    so they still work when a sampler returns those columns with another
    dtype (SMOTENC returns objects, for example).

    Parameters
    ----------
    X : DataFrame, array-like or sparse matrix of shape (n_samples, n_features)
        A table shaped like the one the classifiers will be trained on. For
        a sparse matrix (every column numeric, no missing value): logistic
        regression and the random forest on the rows as they are, gradient
        boosting on dense rows.

    names : sequence of {"LR", "HGB", "RF"}, default=("LR", "HGB")
        Which classifiers to build:

        - ``"LR"``: logistic regression on numeric columns imputed with the
          median (plus missing indicators), signed-log1p transformed and
          standardised, and one-hot encoded categoricals (missing values are
          a category of their own);
        - ``"HGB"``: :class:`~sklearn.ensemble.HistGradientBoostingClassifier`
          with native categorical splits on ordinal-encoded categoricals and
          native missing-value handling;
        - ``"RF"``: a random forest of 200 trees on the same ordinal encoding.

    random_state : int or None, default=None
        Seed of the randomised classifiers (HGB's early-stopping split, RF).

    Returns
    -------
    classifiers : dict of str to estimator
        Unfitted estimators, in the order of ``names``.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.experiments import default_classifiers
    >>> X = pd.DataFrame({"likes": [3, 40, 500, None], "type": ["photo", "link", "photo", None]})
    >>> models = default_classifiers(X)
    >>> sorted(models)
    ['HGB', 'LR']
    >>> models["HGB"].fit(X, [0, 1, 0, 1]).predict(X).shape
    (4,)
    """
    unknown = sorted(set(names) - {"LR", "HGB", "RF"})
    if unknown:
        raise ValueError(f"Unknown classifier name(s) {unknown}; choose from 'LR', 'HGB', 'RF'.")
    if sparse.issparse(X):
        return {name: _sparse_classifier(name, random_state) for name in names}
    categorical, numeric = split_columns(X)

    def ordinal():
        encoder = make_pipeline(
            FunctionTransformer(as_strings, feature_names_out="one-to-one"),
            OrdinalEncoder(
                handle_unknown="use_encoded_value",
                unknown_value=np.nan,
                encoded_missing_value=np.nan,
            ),
        )
        # Categorical columns come first in the output, hence the mask below.
        numbers = FunctionTransformer(to_float, feature_names_out="one-to-one")
        return ColumnTransformer(
            [("categorical", encoder, categorical), ("numeric", numbers, numeric)]
        )

    mask = np.arange(len(categorical) + len(numeric)) < len(categorical)
    builders = {
        "LR": lambda: make_pipeline(
            one_hot_encoder(categorical, numeric), LogisticRegression(max_iter=2000)
        ),
        "HGB": lambda: make_pipeline(
            ordinal(),
            HistGradientBoostingClassifier(
                categorical_features=mask if mask.any() else None, random_state=random_state
            ),
        ),
        "RF": lambda: make_pipeline(
            ordinal(), RandomForestClassifier(n_estimators=200, random_state=random_state)
        ),
    }
    return {name: builders[name]() for name in names}


def _sparse_classifier(name, random_state):
    """A classifier of a sparse matrix (TF-IDF, say): numeric, no missing value, wide.

    Logistic regression reads the rows as they are (TF-IDF rows need no
    scaling); gradient boosting needs them dense, one fold at a time.
    """
    if name == "LR":
        return make_pipeline(LogisticRegression(max_iter=2000))
    if name == "RF":
        return make_pipeline(RandomForestClassifier(n_estimators=200, random_state=random_state))
    return make_pipeline(
        FunctionTransformer(_to_dense, accept_sparse=True),
        HistGradientBoostingClassifier(random_state=random_state),
    )


def _to_dense(X):
    return X.toarray() if sparse.issparse(X) else X


def balanced_classifiers(classifiers):
    """Copies of the classifiers with ``class_weight="balanced"``: weighting instead of resampling.

    Parameters
    ----------
    classifiers : dict of str to estimator
        Classifiers or pipelines whose last step takes ``class_weight``
        (those of :func:`default_classifiers` do).

    Returns
    -------
    weighted : dict of str to estimator
        Unfitted clones, with the same names.

    Raises
    ------
    ValueError
        If a classifier has no ``class_weight`` parameter.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.experiments import balanced_classifiers, default_classifiers
    >>> X = pd.DataFrame({"likes": [3, 40, 500]})
    >>> weighted = balanced_classifiers(default_classifiers(X, names=["LR"]))
    >>> weighted["LR"].get_params()["logisticregression__class_weight"]
    'balanced'
    """
    weighted = {}
    for name, classifier in classifiers.items():
        model = clone(classifier)
        prefix = f"{model.steps[-1][0]}__" if hasattr(model, "steps") else ""
        if f"{prefix}class_weight" not in model.get_params():
            raise ValueError(
                f"classifier {name!r} ({type(classifier).__name__}) has no class_weight "
                "parameter, so it cannot be weighted."
            )
        weighted[name] = model.set_params(**{f"{prefix}class_weight": "balanced"})
    return weighted
