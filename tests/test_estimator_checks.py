"""imbalanced-learn's and scikit-learn's common checks, on a fast GANSampler and on
ScreenedSampler.

No check is skipped or expected to fail.
"""

import pytest
from imblearn.utils.estimator_checks import estimator_checks_generator
from sklearn.utils.estimator_checks import check_estimator

from skgan import GANSampler
from skgan.experiments import ScreenedSampler

from .conftest import FAST_PARAMS

ESTIMATORS = [GANSampler(**FAST_PARAMS), ScreenedSampler(random_state=0)]
CHECKS = [pair for e in ESTIMATORS for pair in estimator_checks_generator(e)]


@pytest.mark.parametrize(
    "estimator, check",
    CHECKS,
    ids=[f"{type(e).__name__}-{getattr(c, 'func', c).__name__}" for e, c in CHECKS],
)
def test_imblearn_checks(estimator, check):
    check(estimator)


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_sklearn_estimator_checks(estimator):
    check_estimator(estimator)
