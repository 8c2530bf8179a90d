"""Sparse text input (issue 32): GANSampler against SMOTE on TF-IDF matrices.

Two sections:

``speed``    ``fit_resample`` wall time and peak RSS of GANSampler (defaults,
             and without adversarial rounds: ``n_rounds=0``) and SMOTE on
             TF-IDF matrices of ``--rows`` short texts at each of
             ``--widths`` columns (about 9 non-zeros per row, 10 % minority),
             each method in a fresh subprocess so that its peak RSS is its
             own; GANSampler's ``timings_`` per stage and the non-zeros per
             synthetic row. The texts are synthetic: word counts drawn from a
             Zipf-like vocabulary, the minority class with a vocabulary of its
             own, weighted by ``TfidfTransformer`` (the bundled comments are
             1,956; a vocabulary of 20,000 words needs more texts).
``quality``  minority (spam) F1 of ``TfidfVectorizer(max_features=500)`` ->
             sampler -> ``LogisticRegression`` on the bundled YouTube comments
             with 10 % of the spam kept, 5-fold CV grouped by comment text
             (three shuffles of the folds), for no resampling, SMOTE and
             both GANSamplers.

Writes ``benchmarks/results/text.json``::

    nice .venv/bin/python benchmarks/text.py            # about 2 minutes on 2 cores
    nice .venv/bin/python benchmarks/text.py --quick    # 500 and 5,000 columns, 2,000 rows
"""

import argparse
import multiprocessing as mp
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C


def tfidf_matrix(n_rows, n_features, minority_share=0.1, words_per_row=9, random_state=0):
    """A synthetic TF-IDF matrix of short texts and its labels (vectorised).

    Row lengths are 1 + Poisson(words_per_row - 1); words follow a Zipf-like
    law (probability ~ 1 / (rank + 10)) over the vocabulary; a minority row
    draws a third of its words from a minority vocabulary (a random 2 % of
    the columns).
    """
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfTransformer

    rng = np.random.default_rng(random_state)
    y = (rng.random(n_rows) < minority_share).astype(int)
    lengths = 1 + rng.poisson(words_per_row - 1, n_rows)
    rows = np.repeat(np.arange(n_rows), lengths)
    p = 1.0 / (np.arange(n_features) + 10.0)
    columns = rng.choice(n_features, size=rows.size, p=p / p.sum())
    spam_words = rng.choice(n_features, size=max(n_features // 50, 5), replace=False)
    spam = (y[rows] == 1) & (rng.random(rows.size) < 1 / 3)
    columns[spam] = rng.choice(spam_words, size=int(spam.sum()))
    counts = sparse.csr_matrix((np.ones(rows.size), (rows, columns)), shape=(n_rows, n_features))
    counts.sum_duplicates()
    return TfidfTransformer().fit_transform(counts).tocsr(), y


def _speed_case(method, n_rows, n_features, seed):
    """One method on one matrix, in its own process: time, peak RSS, output shape."""
    import torch

    torch.set_num_threads(1)
    X, y = tfidf_matrix(n_rows, n_features, random_state=seed)
    sampler = _sampler(method, seed)
    rss_before = C.current_rss_mb()  # the data and the libraries, before any fit
    start = time.perf_counter()
    X_res, y_res = sampler.fit_resample(X, y)
    seconds = time.perf_counter() - start
    new = X_res[X.shape[0] :]
    nnz_real = np.diff(X[y == 1].indptr)
    nnz_new = np.diff(new.tocsr().indptr)
    record = {
        "method": method,
        "rows": n_rows,
        "features": n_features,
        "nnz_per_row": X.nnz / n_rows,
        "input_mb": (X.data.nbytes + X.indices.nbytes + X.indptr.nbytes) / 2**20,
        "dense_equivalent_mb": 8 * n_rows * n_features / 2**20,
        "seconds": seconds,
        "rss_before_fit_mb": rss_before,
        "peak_rss_mb": C.max_rss_mb(),
        "output_format": X_res.format,
        "synthetic_rows": int(new.shape[0]),
        "minority_nnz_mean": float(nnz_real.mean()),
        "synthetic_nnz_mean": float(nnz_new.mean()) if nnz_new.size else None,
    }
    if method != "SMOTE":
        record["timings_"] = dict(sampler.timings_)
        record["n_steps_"] = int(sampler.n_steps_)
        record["latent_columns"] = int(sampler.sparse_codec_.rank_)
    return record


# GANSampler with its defaults, and without adversarial rounds (what they cost here)
METHODS = ("SMOTE", "GANSampler", "GANSampler (n_rounds=0)")


def _sampler(method, seed):
    if method == "SMOTE":
        from imblearn.over_sampling import SMOTE

        return SMOTE(random_state=seed)
    if method is None or method == "none":
        return None
    from skgan import GANSampler

    rounds = {"n_rounds": 0} if method.endswith("(n_rounds=0)") else {}
    return GANSampler(random_state=seed, **rounds)


def speed(widths, n_rows, seed):
    records = []
    for n_features in widths:
        for method in METHODS:
            # a fresh (spawned) process: its peak RSS is its own
            with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
                record = pool.submit(_speed_case, method, n_rows, n_features, seed).result()
            print(
                f"{method:>23} {n_features:>6} columns: {record['seconds']:6.2f} s, "
                f"peak RSS {record['peak_rss_mb']:.0f} MB",
                flush=True,
            )
            records.append(record)
    return records


def quality(seed, cv_seeds=(0, 1, 2), folds=5):
    import torch
    from imblearn.pipeline import make_pipeline
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedGroupKFold, cross_validate

    from skgan.datasets import load_youtube_spam, subsample_class

    torch.set_num_threads(1)
    X, y = load_youtube_spam(features="text", return_X_y=True)
    X, y = subsample_class(X, y, label=1, fraction=0.1, random_state=seed)
    text = X["CONTENT"]
    records = []
    for cv_seed in cv_seeds:  # several groupings of the folds: one is noisy
        cv = StratifiedGroupKFold(folds, shuffle=True, random_state=cv_seed)
        for name in ("none", *METHODS):
            sampler = _sampler(name, seed)
            steps = [TfidfVectorizer(max_features=500), sampler, LogisticRegression(max_iter=1000)]
            model = make_pipeline(*[s for s in steps if s is not None])
            scores = cross_validate(
                model, text, y, groups=text, cv=cv, scoring=["f1", "precision", "recall"]
            )
            record = {
                "method": name,
                "cv_seed": cv_seed,
                **{m: float(scores[f"test_{m}"].mean()) for m in ("f1", "precision", "recall")},
                "f1_sd": float(scores["test_f1"].std()),
                "fit_seconds": float(scores["fit_time"].mean()),
            }
            print(
                f"{name:>23} (CV seed {cv_seed}): F1 {record['f1']:.3f} ± {record['f1_sd']:.3f}",
                flush=True,
            )
            records.append(record)
    means = {
        name: {
            m: float(np.mean([r[m] for r in records if r["method"] == name]))
            for m in ("f1", "precision", "recall")
        }
        for name in ("none", *METHODS)
    }
    print("mean F1: " + ", ".join(f"{k} {v['f1']:.3f}" for k, v in means.items()), flush=True)
    return {
        "rows": len(y),
        "spam": int(y.sum()),
        "folds": folds,
        "cv_seeds": list(cv_seeds),
        "results": records,
        "means": means,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", default="500,5000,20000")
    parser.add_argument("--rows", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="500 and 5,000 columns, 2,000 rows")
    parser.add_argument("--out", default=str(C.DEFAULT_OUT))
    args = parser.parse_args(argv)
    widths = [int(w) for w in args.widths.split(",")]
    if args.quick:
        widths, args.rows = [w for w in widths if w <= 5000], 2000
    started = time.perf_counter()
    env = C.environment(seeds=[args.seed], argv=argv, script=__file__)
    payload = {
        "environment": env,
        "speed": speed(widths, args.rows, args.seed),
        "quality": quality(args.seed),
    }
    C.finish_environment(env, started)
    path = C.write_json(Path(args.out) / "text.json", C.scrub_record(payload))
    print(f"wrote {C.portable_path(path)}; {C.load_note(env)}")


if __name__ == "__main__":
    main()
