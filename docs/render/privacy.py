"""The differential-privacy page (``docs/benchmarks/differential_privacy.rst``) from dp.json."""

import pandas as pd

from ._rst import heading, image, list_table, record_header

REALISM_COLUMNS = [
    "dataset",
    "sampler",
    "epsilon_spent",
    "noise_multiplier",
    "fit_s",
    "detection_auc",
    "column_score_mean",
    "dcr_median_ratio",
    "membership_inference_auc",
]


def page(dp, figures):
    env, args = dp["environment"], dp["args"]
    # runs before held_out_realism measured detection against the training minority
    against = args.get("detection_against", "the real training minority")
    out = [heading("Differential privacy: quality cost per epsilon", "=")]
    out += record_header(env)
    out.append(
        f"``benchmarks/dp.py``: repeated stratified {args['folds']}-fold CV x "
        f"{args['repeats']}, classifiers LR / RF / HGB (scores below are means over folds "
        "and classifiers), samplers: no resampling, SMOTE(NC), GANSampler without "
        "differential privacy and ``GANSampler(epsilon=e)``, every other parameter at its "
        "default. Realism and privacy: one stratified 50/50 split; the synthetic minority "
        f"is compared with {against} (detection AUC: 0.5 = indistinguishable), with the "
        "real training minority (column score: 1 = identical marginals) and with the "
        "holdout minority (DCR ratio, membership-inference AUC).\n"
    )
    out += [image(fig) for fig in figures]
    out += [heading("Downstream scores", "-"), list_table(pd.DataFrame(dp["downstream"]))]
    real = pd.DataFrame(dp["realism"])
    out.append(heading("Realism and privacy of the synthetic minority", "-"))
    out.append(list_table(real[[k for k in REALISM_COLUMNS if k in real]]))
    return "\n".join(out)
