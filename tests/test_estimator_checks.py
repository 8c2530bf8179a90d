"""imbalanced-learn's and scikit-learn's common checks, run on a fast GANSampler.

No check is skipped or expected to fail.
"""

import pytest
from imblearn.utils.estimator_checks import estimator_checks_generator
from sklearn.utils.estimator_checks import check_estimator

from skgan import GANSampler

from .conftest import FAST_PARAMS

CHECKS = list(estimator_checks_generator(GANSampler(**FAST_PARAMS)))


@pytest.mark.parametrize(
    "estimator, check", CHECKS, ids=[getattr(c, "func", c).__name__ for _, c in CHECKS]
)
def test_imblearn_checks(estimator, check):
    check(estimator)


def test_sklearn_estimator_checks():
    check_estimator(GANSampler(**FAST_PARAMS))
