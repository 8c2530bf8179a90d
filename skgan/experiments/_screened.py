"""ScreenedSampler: GANSampler's screens on candidates drawn without any learning."""

from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution
from sklearn.utils._param_validation import StrOptions

from .._sampler import GANSampler
from .._sources import SOURCES


@Substitution(sampling_strategy=BaseOverSampler._sampling_strategy_docstring)
class ScreenedSampler(BaseOverSampler):
    """Over-sample with untrained candidates passed through GANSampler's screens.

    The baseline a trained generator must beat: the same encoder, the same
    screens, adversarial rounds and generation loop as
    :class:`~skgan.GANSampler`, but candidates that need no training. It is
    ``GANSampler(candidates=...)`` under a name of its own, with only the
    parameters that matter without a generator:

    * ``"marginals"``: a product of marginals, every column of a candidate
      taken from its own random training row of the class;
    * ``"interpolation"``: SMOTE within the class in the encoder's space (a
      point between a row and one of its 5 nearest rows of the class; each
      categorical column, and each column's missingness, taken from one end
      or the other in proportion to the distance).

    Read more in the :ref:`User Guide <user_guide>`.

    Parameters
    ----------
    {sampling_strategy}

    random_state : int, RandomState instance or None, default=None
        Seeds the candidates and the screens.

    categorical_features : "auto", array-like of str, int or bool, default="auto"
        As in :class:`~skgan.GANSampler`.

    candidates : {{"marginals", "interpolation"}}, default="marginals"
        Where candidates come from (see above).

    n_neighbors : int or None, default=5
        The class-neighbourhood screen, as in :class:`~skgan.GANSampler`.

    Attributes
    ----------
    sampler_ : GANSampler
        The fitted encoder and screens (a GANSampler with ``n_steps=0``).

    sampling_strategy_ : dict
        Number of synthetic rows generated for each class.

    n_features_in_ : int
        Number of features in the input.

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during fit, when ``X`` has string column names.

    See Also
    --------
    skgan.GANSampler : The same screens on a trained generator's candidates.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from skgan.experiments import ScreenedSampler
    >>> X, y = make_classification(n_samples=300, weights=[0.9], random_state=0)
    >>> X_res, y_res = ScreenedSampler(random_state=0).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 269), (1, 269)]
    """

    # GANSampler validates the shared parameters again when fitted: the same rules here
    _parameter_constraints: dict = {
        **{
            key: GANSampler._parameter_constraints[key]
            for key in ("sampling_strategy", "random_state", "categorical_features", "n_neighbors")
        },
        "candidates": [StrOptions(set(SOURCES))],  # untrained sources only
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        categorical_features="auto",
        candidates="marginals",
        n_neighbors=5,
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.random_state = random_state
        self.categorical_features = categorical_features
        self.candidates = candidates
        self.n_neighbors = n_neighbors

    def fit_resample(self, X, y):
        """Resample ``(X, y)``: the original rows, then the screened candidates.

        Parameters
        ----------
        X : {array-like, dataframe} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        X_resampled, y_resampled
            As :meth:`skgan.GANSampler.fit_resample` returns them.
        """
        self._validate_params()
        sampler = GANSampler(
            sampling_strategy=self.sampling_strategy,
            random_state=self.random_state,
            categorical_features=self.categorical_features,
            candidates=self.candidates,
            n_neighbors=self.n_neighbors,
            device="cpu",
        )
        out = sampler.fit_resample(X, y)
        self.sampler_ = sampler
        self.sampling_strategy_ = sampler.sampling_strategy_
        self.n_features_in_ = sampler.n_features_in_
        if hasattr(sampler, "feature_names_in_"):
            self.feature_names_in_ = sampler.feature_names_in_
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_
        return out

    def fit(self, X, y):
        """Fit the encoder and screens on ``(X, y)`` (the rows drawn are discarded).

        Parameters
        ----------
        X : {array-like, dataframe} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : ScreenedSampler
        """
        self.fit_resample(X, y)
        return self

    def _fit_resample(self, X, y):  # the abstract template step; fit_resample does it all
        raise NotImplementedError

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.string = True
        tags.non_deterministic = self.random_state is None
        return tags
