"""Rebuild the bundled ``data/*.csv.gz`` files from the raw UCI downloads.

Maintainers only; run ``python -m skgan.datasets._bundle RAW_DIR`` where
``RAW_DIR`` holds ``facebook_metrics/dataset_Facebook.csv`` and
``youtube_spam/Youtube0*.csv``. The output is byte-for-byte reproducible.
"""

import sys
from pathlib import Path

from . import _facebook, _youtube

# mtime=0 keeps the gzip header free of the build time, so rebuilding gives identical bytes.
_GZIP = {"method": "gzip", "mtime": 0}


def bundled_frames(raw_dir):
    """The cleaned frames that are bundled, by dataset name."""
    raw_dir = Path(raw_dir)
    return {
        _facebook.NAME: _facebook.clean_raw(raw_dir / "facebook_metrics" / "dataset_Facebook.csv"),
        _youtube.NAME: _youtube.clean_raw(raw_dir / "youtube_spam"),
    }


def write_bundle(raw_dir, out_dir):
    """Write ``<name>.csv.gz`` for every bundled dataset into ``out_dir``."""
    out_dir = Path(out_dir)
    for name, frame in bundled_frames(raw_dir).items():
        path = out_dir / f"{name}.csv.gz"
        frame.to_csv(path, index=False, compression=_GZIP, lineterminator="\n")


if __name__ == "__main__":  # pragma: no cover
    write_bundle(sys.argv[1], Path(__file__).parent / "data")
