"""Helpers shared by the loaders: bundled files, user paths, the returned Bunch."""

from importlib import resources
from pathlib import Path

import pandas as pd
from sklearn.utils import Bunch

_DATA_PACKAGE = "skgan.datasets"


def bundled_file(filename):
    """A ``Traversable`` for ``skgan/datasets/data/<filename>`` (works from a wheel too)."""
    return resources.files(_DATA_PACKAGE).joinpath("data", filename)


def read_bundled_csv(name, **read_csv_kwargs):
    """Read the bundled ``data/<name>.csv.gz`` into a DataFrame."""
    with resources.as_file(bundled_file(f"{name}.csv.gz")) as path:
        return pd.read_csv(path, compression="gzip", **read_csv_kwargs)


def read_description(name):
    """The dataset card ``data/<name>.md``, returned as ``DESCR``."""
    return bundled_file(f"{name}.md").read_text(encoding="utf-8")


def resolve_csv(path, filenames, dataset):
    """Turn a user ``path`` (a folder or a csv file) into the csv files to read.

    Parameters
    ----------
    path : str or os.PathLike
        A csv file, or a folder holding every name of one entry of ``filenames``.
    filenames : list of tuple of str
        Accepted file layouts inside a folder, tried in order; each entry lists
        the files that together make the dataset.
    dataset : str
        Dataset name, for error messages.

    Returns
    -------
    files : list of pathlib.Path
    """
    if path is None:
        raise ValueError(
            f"{dataset!r} is not bundled with skgan (its data licence is not stated): "
            f"pass path=, the folder holding {_layouts(filenames)}, or the csv file itself."
        )
    path = Path(path).expanduser()
    if path.is_file():
        return [path]
    if path.is_dir():
        for layout in filenames:
            files = [path / name for name in layout]
            if all(f.is_file() for f in files):
                return files
        raise FileNotFoundError(
            f"No {dataset} data in folder {str(path)!r}: expected {_layouts(filenames)}."
        )
    raise FileNotFoundError(
        f"{dataset}: {str(path)!r} does not exist. Pass the folder holding "
        f"{_layouts(filenames)}, or the csv file itself."
    )


def _layouts(filenames):
    return " or ".join(" + ".join(repr(name) for name in layout) for layout in filenames)


def make_bunch(
    X, y, *, name, feature_descriptions, source, license, citation, return_X_y, groups=None
):
    """Return ``(X, y)`` or the documented ``Bunch`` around them (plus ``groups`` if given)."""
    if return_X_y:
        return X, y
    extra = {} if groups is None else {"groups": groups}
    return Bunch(
        data=X,
        target=y,
        frame=pd.concat([X, y], axis=1),
        feature_names=list(X.columns),
        target_name=y.name,
        DESCR=read_description(name),
        feature_descriptions=dict(feature_descriptions),
        source=source,
        license=license,
        citation=citation,
        **extra,
    )


def check_option(value, name, options):
    """Raise a ValueError naming the valid options when ``value`` is not one of them."""
    if value not in options:
        raise ValueError(f"{name} must be one of {list(options)}, got {value!r}.")
    return value
