"""Make-it-win experiments (issue "Quality"): GANSampler variants against its default.

Usage::

    python benchmarks/variants.py --datasets twitter_bots_pos10,youtube_spam_pos10 \
        [--folds 5] [--repeats 1] [--out DIR]

Variants, each built on a default ``GANSampler`` fit:

* ``GAN+neighbours``: draws three candidates per needed row and keeps those
  with at least one real row of their own class among their 5 nearest
  training rows (in the encoder's space); candidates deep inside another
  class's region are what push classifiers towards false positives. Tops up
  with the candidates of highest own-class share when too few pass.
* ``GAN+SMOTE``: half of the rows from the GAN, half from SMOTE(NC)
  (interpolation between real neighbours).

Scores with ``compare_samplers`` (LR / RF / HGB; minority F1, PR-AUC, G-mean,
balanced accuracy) next to the default GANSampler and SMOTE(NC). Writes
variants.json and variants.md.
"""

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.model_selection import RepeatedStratifiedKFold
from sklearn.neighbors import NearestNeighbors

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C
from quality import CLASSIFIERS, METRICS, SMOTE_NAME, available, load_variant, samplers

from skgan import GANSampler
from skgan.experiments import compare_samplers, default_classifiers


class _GANVariant(BaseEstimator):
    def __init__(self, random_state=0):
        self.random_state = random_state

    def fit_resample(self, X, y):
        X, y = X.reset_index(drop=True), pd.Series(np.asarray(y), name=getattr(y, "name", None))
        gan = GANSampler(random_state=self.random_state).fit(X, y)
        parts = [self._rows(gan, X, y, label, n) for label, n in gan.sampling_strategy_.items()]
        synthetic = pd.concat([p for p, _ in parts], ignore_index=True)
        labels = np.concatenate([lab for _, lab in parts])
        X_out = pd.concat([X, synthetic.astype(X.dtypes.to_dict())], ignore_index=True)
        return X_out, pd.Series(np.concatenate([y.to_numpy(), labels]), name=y.name)


class NeighbourFiltered(_GANVariant):
    def _rows(self, gan, X, y, label, n, k=5):
        t = gan.transformer_
        nn = NearestNeighbors(n_neighbors=k).fit(t.transform(X))
        candidates = gan.sample(3 * n, label)
        idx = nn.kneighbors(t.transform(candidates), return_distance=False)
        share = (y.to_numpy()[idx] == label).mean(axis=1)
        passed = np.flatnonzero(share > 0)
        rest = np.setdiff1d(np.argsort(-share, kind="stable"), passed, assume_unique=True)
        keep = np.concatenate([passed, rest])[:n]
        return candidates.iloc[np.sort(keep)], np.full(n, label, dtype=y.dtype)


class MixedWithSMOTE(_GANVariant):
    def _rows(self, gan, X, y, label, n):
        if not hasattr(self, "_smote_rows"):
            smote = samplers(X, self.random_state)[SMOTE_NAME]
            X_s, y_s = smote.fit_resample(X, y)
            self._smote_rows = (X_s.iloc[len(X) :], np.asarray(y_s)[len(X) :])
        rows, labels = self._smote_rows
        half = n // 2
        from_smote = rows[labels == label].iloc[:half]
        from_gan = gan.sample(n - len(from_smote), label)
        both = pd.concat([from_smote.astype(from_gan.dtypes.to_dict()), from_gan])
        return both, np.full(len(both), label, dtype=y.dtype)

    def fit_resample(self, X, y):
        if hasattr(self, "_smote_rows"):
            del self._smote_rows
        return super().fit_resample(X, y)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="twitter_bots_pos10,youtube_spam_pos10")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--samplers", default=None, help="comma-separated subset")
    parser.add_argument("--out", type=Path, default=C.DEFAULT_OUT)
    args = parser.parse_args(argv)
    env = C.environment(seeds=[args.seed])
    started = time.perf_counter()
    parts = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)
        for name in [n for n in args.datasets.split(",") if available(n)]:
            print(f"[variants] {name} ...", flush=True)
            X, y, _ = load_variant(name, args.seed)
            chosen = {
                SMOTE_NAME: samplers(X, args.seed)[SMOTE_NAME],
                "GANSampler": GANSampler(random_state=args.seed),
                "GAN+neighbours": NeighbourFiltered(random_state=args.seed),
                "GAN+SMOTE": MixedWithSMOTE(random_state=args.seed),
            }
            if args.samplers:
                chosen = {k: v for k, v in chosen.items() if k in args.samplers.split(",")}
            cv = RepeatedStratifiedKFold(
                n_splits=args.folds, n_repeats=args.repeats, random_state=args.seed
            )
            classifiers = default_classifiers(X, names=CLASSIFIERS, random_state=args.seed)
            result = compare_samplers(
                X, y, samplers=chosen, classifiers=classifiers, cv=cv, scoring=METRICS, n_jobs=1
            )
            result.insert(0, "dataset", name)
            parts.append(result)
    C.finish_environment(env, started)
    results = pd.concat(parts, ignore_index=True)
    table = (
        results.groupby(["dataset", "classifier", "sampler"], sort=False)
        .apply(lambda g: g.groupby("metric")["value"].mean(), include_groups=False)
        .reindex(columns=list(METRICS))
        .round(3)
        .reset_index()
    )
    args.out.mkdir(parents=True, exist_ok=True)
    C.write_json(
        args.out / "variants.json",
        {
            "environment": env,
            "args": {**vars(args), "out": str(args.out)},
            "table": table.to_dict(orient="records"),
            "results": results.to_dict(orient="split"),
        },
    )
    md = ["# GANSampler variants", "", C.environment_markdown(env), "", C.markdown_table(table)]
    (args.out / "variants.md").write_text("\n".join(md) + "\n")
    print(C.markdown_table(table))


if __name__ == "__main__":
    main()
