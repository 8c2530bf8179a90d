"""The parameter descriptions every metric shares, written once (numpydoc fragments).

Each metric's docstring names them as ``{real}``, ``{synthetic}`` and so on,
filled in by :class:`imblearn.utils.Substitution`; braces meant literally are
doubled in those docstrings.
"""

from imblearn.utils import Substitution

_TABLE = "DataFrame or array-like of shape"

FRAGMENTS = {
    "real": f"real : {_TABLE} (n_real, n_features)\n        The real table.",
    "synthetic": (
        f"synthetic : {_TABLE} (n_synthetic, n_features)\n"
        "        The synthetic table, with the same columns as ``real`` (in any order).\n"
        "        An array takes the column names of ``real``."
    ),
    "train": (
        f"train : {_TABLE} (n_train, n_features)\n        The rows the generator was trained on."
    ),
    "synthetic_rows": (
        f"synthetic : {_TABLE} (n_synthetic, n_features)\n"
        "        The synthetic rows, with the same columns as ``train``."
    ),
    "categorical_features": (
        'categorical_features : "auto", array-like of str, int or bool, default="auto"\n'
        '        The categorical columns. ``"auto"`` takes the columns of object,\n'
        "        category, string and bool dtype (in either table). Names, indices or a\n"
        "        boolean mask select them explicitly. Every other column must be numeric."
    ),
}

#: Decorator filling a metric's docstring with :data:`FRAGMENTS`.
shared_parameters = Substitution(**FRAGMENTS)
