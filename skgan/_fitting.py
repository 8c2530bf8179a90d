"""One fit, top to bottom: plan, encode, train, check, fit the generation stages.

``GANSampler`` validates the input, turns its parameters into a frozen
:class:`FitPlan` (:func:`plan_fit`, where every ``"auto"`` is resolved) and
calls :func:`fit`, which runs the steps in the order a reader expects:

1. :func:`encode_training` fits the encoder, the per-class marginals and
   copulas and the condition sampler;
2. :func:`train_networks` builds the generator (at its copula start) and the
   critic and trains them, with the held-out early stop;
3. :func:`check_diversity` warns when the generator collapsed;
4. the generation stages, in the order they run on candidates: the screens
   that choose (:func:`fit_screens`), the adversarial rounds
   (:func:`fit_rounds`), the marginal hold (:func:`fit_marginal_hold`) and
   the privacy screens.

None of these steps sets anything on the sampler: :func:`fit` returns a
:class:`Fitted` and the sampler assigns every attribute at once when the
whole fit succeeded, so that a fit that raises (interrupted, diverged, bad
input found late) leaves it as it was.
"""

import time
import warnings
from dataclasses import dataclass

import numpy as np
import torch
from sklearn.utils import check_random_state
from tqdm.auto import tqdm

from ._conditions import ConditionSampler
from ._dp import private_fit
from ._generation import Model, generate, show
from ._inputs import _FEW_ROWS
from ._marginals import ClassMarginals, MarginalHold, class_copulas
from ._networks import Activation, Discriminator, Generator, build
from ._optim import adam
from ._rounds import AdversarialRounds
from ._screens import CopyScreen, DistanceScreen, NeighborhoodScreen
from ._sources import SOURCES
from ._stopping import RealismStopping, validation_slice
from ._training import EncodedRows, Training, broadcast_parameters, distributed, rank, train
from ._transformer import TableTransformer
from .exceptions import ModeCollapseWarning, SkganWarning

_COLLAPSE_RATIO = 0.25  # synthetic spread below this share of the real one: collapse
_MIN_SCORED = 20  # rows a class needs for early stopping to score it
# Candidates a class's generation may draw for the rounds' pool, at most: each costs
# about 30 us (drawn, encoded, neighbourhood-screened, judged): a request of 16,000
# rows with 3 rounds (192 candidates a row) took 100 s. The rounds pay where rows are
# few, and a large request gets the screens alone.
_MAX_CANDIDATES = 2**17
# Fixed values of what were constructor parameters before 0.4 (their defaults then).
_NOISE_DIM = 128  # the generator's noise input (at least one column per continuous output)
_PAC = 10  # rows per discriminator pack (PacGAN); capped by the batch, 1 under DP


def auto_budget(n_rows):
    """Training budget ``(n_steps, batch_size)`` chosen from the table.

    Training-by-sampling draws the classes evenly, so a small minority needs
    about as many updates as a large one: the budget is counted in steps. 200
    generator updates up to 10,000 rows, then growing with the square root of
    the row count up to 500 (from about 62,500 rows); the batch is a quarter
    of the rows, between 100 and 500. The generator starts at each class's
    copula (exact marginals, rank correlations), so it needs far fewer
    updates than skgan 0.2's generator, which started from noise (600 to
    1500): see the ablation benchmark page for what training adds.

    Parameters
    ----------
    n_rows : int
        Rows of the training table.

    Returns
    -------
    n_steps, batch_size : int
    """
    batch_size = int(np.clip(n_rows // 4, 100, 500))
    n_steps = int(np.clip(2 * np.sqrt(n_rows), 200, 500))
    return n_steps, batch_size


def resolve_device(device):
    """Turn ``"auto"`` into ``"cuda"`` when a GPU is usable, else ``"cpu"``."""
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        device = torch.device(device)
    except (RuntimeError, ValueError):
        raise ValueError(
            f"device={device!r} is not a torch device; use 'auto', 'cpu', 'cuda' or 'cuda:N'."
        ) from None
    if device.type == "cuda" and not torch.cuda.is_available():
        warnings.warn(
            f"device={str(device)!r} was requested but CUDA is not available; "
            "falling back to the CPU.",
            SkganWarning,
            stacklevel=3,
        )
        return torch.device("cpu")
    return device


@dataclass(frozen=True)
class FitPlan:
    """What one fit will do, decided before any work starts: every ``"auto"`` resolved."""

    torch_seed: int
    numpy_seed: int
    device: torch.device
    n_steps: int
    batch_size: int
    privacy: object  # skgan._dp.PrivateFit, or None
    categorical: list  # names of the categorical columns
    params: dict  # the sampler's constructor parameters
    early_stopping: bool = False  # stop the networks' training on held-out realism
    n_rounds: object = 0  # adversarial rounds: an int (0: none) or "auto"
    reject_copies: object = False  # False, True, or "near" (the distance screen too)
    n_neighbors: object = None  # the class-neighbourhood screen's k, or None (off)


def plan_fit(params, frame, class_counts, categorical):
    """The frozen plan of one fit from the sampler's parameters and the validated input.

    Parameters
    ----------
    params : dict
        The sampler's ``get_params()``, with ``n_neighbors`` already resolved
        from its deprecated alias.
    frame : DataFrame
        The validated training table.
    class_counts : ndarray of int
        Rows per class, in the order of the sorted labels.
    categorical : list of str
        The categorical columns.
    """
    seeds = check_random_state(params["random_state"]).randint(np.iinfo(np.int32).max, size=2)
    auto_steps, auto_batch = auto_budget(len(frame))
    if params["epsilon"] is None and params["n_rounds"] != 0:
        # the adversarial rounds are the training: the network's own (50 steps
        # and a held-out check) kept its copula start on every table measured
        # and cost two to three times the rest of the fit (benchmarks/ablation.py)
        auto_steps = 0
    n_steps = auto_steps if params["n_steps"] == "auto" else params["n_steps"]
    if params["candidates"] != "generator":
        n_steps = 0  # other candidates need no generator: nothing to train
    batch_size = auto_batch if params["batch_size"] == "auto" else params["batch_size"]
    privacy = None
    if params["epsilon"] is not None:
        privacy = private_fit(
            params["epsilon"],
            None,  # delta: min(1e-5, 1 / (10 * n_rows))
            frame,
            class_counts,
            batch_size,
            n_steps,  # one discriminator update per generator update
        )
    private = privacy is not None
    reject = params["reject_copies"]
    return FitPlan(
        torch_seed=int(seeds[0]),
        numpy_seed=int(seeds[1]),
        device=resolve_device(params["device"]),
        n_steps=n_steps,
        batch_size=batch_size,
        privacy=privacy,
        categorical=categorical,
        params=params,
        early_stopping=n_steps > 0 and _stops_early(params["early_stopping"], private),
        # the rounds and the neighbourhood screen learn from the training rows:
        # outside the DP analysis, so "auto" leaves them off there
        n_rounds=0 if params["n_rounds"] == "auto" and private else params["n_rounds"],
        reject_copies=(not private) if reject == "auto" else reject,
        n_neighbors=None if private else params["n_neighbors"],
    )


def _stops_early(option, private):
    """Whether a fit stops on held-out realism (``early_stopping``)."""
    active = option is True or (option == "auto" and not private and not distributed())
    if active and distributed():
        raise ValueError(
            "early_stopping=True is not supported under torchrun: processes could "
            "stop at different steps. Pass early_stopping=False and a fixed n_steps."
        )
    # with epsilon, early_stopping=True was refused when the input was checked
    return active and not private


@dataclass
class EncodedTraining:
    """The fitted encoder, marginals and conditions, and the training block.

    ``data`` holds the rows in the generator's space (per-class normal scores
    for the continuous block, see :mod:`skgan._marginals`) on the training
    device; :meth:`encoded_rows` gives them in the encoder's space, where rows
    of different classes compare (screens, checks).
    """

    transformer: TableTransformer
    conditions: ConditionSampler  # draws the training batches (the held-out slice left out)
    sampling: ConditionSampler  # level counts of every row: conditions of generated rows
    marginals: ClassMarginals | None
    copulas: np.ndarray | None  # (n_classes, c, c) Cholesky factors, see class_copulas
    data: EncodedRows
    frame: object
    codes: np.ndarray

    def encoded_rows(self, rows=None):
        """The training rows (or those at ``rows``) in the encoder's space, on the CPU."""
        t = self.transformer
        frame, codes = (
            (self.frame, self.codes) if rows is None else (self.frame.iloc[rows], self.codes[rows])
        )
        return EncodedRows(
            torch.as_tensor(t.continuous(frame)), torch.as_tensor(codes), t.n_discrete_
        )


def encode_training(plan, frame, y_idx, n_classes, held=None):
    """Fit the encoder, the per-class marginals and the condition sampler.

    The encoder and the marginals learn from every row; the rows where
    ``held`` is True (the early-stopping slice) are left out of the
    adversarial training block and its batches.
    """
    noise = plan.privacy.column_noise if plan.privacy else None
    t = TableTransformer(plan.categorical).fit(frame, noise)
    codes = t.codes(frame)
    # Under differential privacy, conditions carry the class only, and the
    # generator learns in the encoder's space: per-class level counts and
    # quantiles are statistics that the privacy budget does not cover.
    n_discrete = 0 if plan.privacy else t.n_discrete_
    segment_codes = codes if n_discrete else codes[:, :0]
    train = slice(None) if held is None or not held.any() else ~held
    conditions = ConditionSampler(segment_codes[train], y_idx[train], n_classes, n_discrete)
    sampling = conditions
    if not isinstance(train, slice):
        sampling = ConditionSampler(segment_codes, y_idx, n_classes, n_discrete, index=False)
    continuous = t.continuous(frame)
    marginals = copulas = None
    if plan.privacy is None:
        observed = t.observed(codes)
        marginals = ClassMarginals().fit(continuous, observed, y_idx, n_classes)
        continuous = marginals.to_class(continuous, y_idx)
        rng = np.random.default_rng(plan.numpy_seed)
        copulas = class_copulas(continuous, observed, y_idx, n_classes, rng)
    data = EncodedRows(
        torch.as_tensor(continuous[train], device=plan.device),
        torch.as_tensor(codes[train], device=plan.device),
        t.n_discrete_,
    )
    return EncodedTraining(t, conditions, sampling, marginals, copulas, data, frame, codes)


def build_training(plan, parts, y_idx):
    """The networks, their optimisers and the training set-up of this fit."""
    p, t = plan.params, parts.transformer
    n_classes = parts.conditions.n_classes
    init_rng = torch.Generator().manual_seed(plan.torch_seed)
    cond_dim = n_classes + parts.conditions.n_discrete
    # DP-SGD clips each row's gradient: the discriminator sees rows one by one
    private = plan.privacy is not None
    pac, dropout = (1, 0.0) if private else (min(_PAC, plan.batch_size), 0.5)
    width = parts.data.shape[1]
    generator = _generator(p, parts, cond_dim, width, init_rng).to(plan.device)
    discriminator = build(
        Discriminator, width + cond_dim, p["discriminator_dim"], pac, dropout, generator=init_rng
    ).to(plan.device)
    broadcast_parameters(generator)
    broadcast_parameters(discriminator)
    options = dict(lr=p["learning_rate"], betas=(0.5, 0.9), weight_decay=1e-6)
    class_counts = np.bincount(y_idx, minlength=n_classes)
    return Training(
        generator=generator,
        discriminator=discriminator,
        activation=Activation(t.n_continuous_, torch.as_tensor(t.segment_ids_)).to(plan.device),
        conditions=parts.conditions.to(plan.device),
        opt_generator=adam(generator.parameters(), plan.device, **options),
        opt_discriminator=adam(discriminator.parameters(), plan.device, **options),
        # each torchrun process draws its own batches; weights start equal and stay so
        rng=torch.Generator(device=plan.device).manual_seed(plan.torch_seed + rank()),
        noise_dim=generator.config["noise_dim"],
        batch_size=max(pac, plan.batch_size // pac * pac),
        private=plan.privacy.discriminator_update(
            y_idx, class_counts, plan.batch_size, plan.device
        )
        if private
        else None,
    )


def _generator(p, parts, cond_dim, width, init_rng):
    """The generator: residual around each class's copula, except under DP."""
    hidden = p["generator_dim"]
    if parts.marginals is None:
        return build(Generator, _NOISE_DIM, cond_dim, hidden, width, generator=init_rng)
    n_continuous = parts.transformer.n_continuous_
    # every continuous output needs a noise column of its own to start from
    noise_dim = max(_NOISE_DIM, n_continuous)
    counts = parts.sampling.level_counts  # (n_classes, n_discrete), every row
    # softmax normalises within each segment; a level the class never had starts
    # at e^-30 of one row's weight: it is not made up (a missing value in a
    # column the class always fills, say) unless training finds it there
    class_logits = np.log(np.maximum(counts, 1e-13))
    generator = build(
        Generator,
        noise_dim,
        cond_dim,
        hidden,
        width,
        parts.copulas,
        class_logits,
        generator=init_rng,
    )
    with torch.no_grad():  # the learned head starts at zero: the copulas exactly
        generator.head.weight.zero_()
        generator.head.bias.zero_()
    return generator


def stopping_slice(plan, y_idx, watched):
    """The rows held out of training for the held-out stops (a boolean mask, maybe all False).

    Early stopping scores against them; the networks do not learn from them.
    """
    rng = np.random.default_rng([plan.numpy_seed, 2])
    return validation_slice(y_idx, watched, rng, active=plan.early_stopping)


def make_stopping(plan, parts, run, y_idx, held, watched):
    """The early-stopping rule of this fit, with the start already scored, or None.

    A watched class too small to lend a slice is scored against all its rows
    (the start learnt from them too, so the comparison between checks holds;
    a generator that copied rows would gain there, which the copy screen guards).
    """
    if not plan.early_stopping:
        return None
    slices = {}
    for k in watched:
        rows = np.flatnonzero(held & (y_idx == k))
        if not len(rows):
            rows = np.flatnonzero(y_idx == k)
        if len(rows) >= _MIN_SCORED:
            slices[k] = np.asarray(parts.encoded_rows(rows)[:])
    if not slices:
        return None
    model = Model(
        run.generator, parts.transformer, parts.sampling.to(plan.device), parts.marginals
    )
    stop = RealismStopping(model, slices, plan.numpy_seed)
    stop(0)  # the start, the copula: training must beat it to be kept
    return stop


def fit_screens(plan, frame, encoded, y_idx):
    """Fit the screens that the parameters ask for, in the order they run.

    Returns ``(choosing, privacy)``: the screens that choose among
    candidates, before the adversarial rounds, and those that protect the
    training records, which run last on the rows that leave.
    """
    choosing, privacy = [], []
    if plan.n_neighbors is not None:
        choosing.append(NeighborhoodScreen(plan.n_neighbors))
    if plan.reject_copies:
        privacy.append(CopyScreen())
    if plan.reject_copies == "near":
        privacy.append(DistanceScreen())
    rng = np.random.default_rng(plan.numpy_seed)
    fitted = [s.fit(frame, encoded, y_idx, rng) for s in choosing + privacy]
    return fitted[: len(choosing)], fitted[len(choosing) :]


def fit_rounds(plan, source, screens, encoded, y_idx, watched, n_new):
    """The adversarial rounds behind ``screens``, played against ``source``'s
    screened candidates of the ``watched`` classes; None when there are none."""
    if plan.n_rounds == 0:
        return None
    rng = np.random.default_rng([plan.numpy_seed, 1])
    # a seed of its own: the candidates the rounds learn from are not what generation draws
    seed = int(rng.integers(2**31 - 1))

    def draw(n, k):
        return np.concatenate(list(generate(source, screens, n, k, k, seed, decoded=False)))

    rounds = AdversarialRounds(plan.n_rounds)
    n_continuous = encoded.continuous.shape[1]  # the encoder's normal scores
    # candidates a class's generation may draw in all: the rounds' pool shrinks
    # to fit it on large requests (cost stays bounded: the rounds pay where rows are few)
    budgets = {
        k: _MAX_CANDIDATES / max(n_new[k] * np.prod([s.draws(k) for s in screens]), 1)
        for k in watched
    }
    return rounds.fit_classes(draw, encoded, y_idx, watched, rng, n_continuous, budgets)


def fit_marginal_hold(plan, parts, frame, y_idx):
    """The stage that gives the rows that leave their class's marginals; None under DP."""
    if parts.marginals is None:
        return None
    hold = MarginalHold(parts.transformer, parts.marginals)
    return hold.fit(frame, None, y_idx, None, codes=parts.codes)


def check_diversity(model, encoded, y_idx, classes, seed, n=1000):
    """Spread of synthetic vs real encoded rows per class, and the classes that collapsed.

    The ratio is the summed per-column standard deviation of generated rows
    over that of real rows of the same class (1 = as diverse as the data).
    """
    rng = torch.Generator().manual_seed(seed)
    ratios = {}
    for k, label in enumerate(classes):
        real = np.asarray(encoded[np.flatnonzero(y_idx == k)[:n]])
        if len(real) < _FEW_ROWS:
            continue
        synthetic = model.encoded_rows(n, k, rng)
        spread = real.std(axis=0).sum()
        ratios[label] = float(synthetic.std(axis=0).sum() / spread) if spread > 0 else 1.0
    collapsed = ", ".join(f"{show(k)}: {v:.2f}" for k, v in ratios.items() if v < _COLLAPSE_RATIO)
    return ratios, collapsed


@dataclass
class Fitted:
    """Every attribute a fit sets on the sampler (their names are the attributes')."""

    classes_: np.ndarray
    device_: torch.device
    do_early_stopping_: bool
    n_steps_: int
    batch_size_: int
    history_: list
    stopping_scores_: list
    transformer_: TableTransformer
    conditions_: ConditionSampler
    marginals_: ClassMarginals | None
    generator_: torch.nn.Module
    discriminator_: torch.nn.Module
    epsilon_: float | None
    delta_: float | None
    noise_multiplier_: float | None
    diversity_: dict
    candidates_: object
    rounds_: AdversarialRounds | None
    detection_scores_: dict
    screens_: list
    timings_: dict
    _numpy_seed: int


def fit(plan, frame, y, strategy):
    """The one orchestration of a fit: encode, train, check, fit the generation stages.

    Parameters
    ----------
    plan : FitPlan
    frame : DataFrame
        The validated training table.
    y : ndarray of shape (n_rows,)
        Its labels.
    strategy : dict
        ``sampling_strategy_``: label -> rows to generate.

    Returns
    -------
    Fitted
        Nothing is set on the sampler here: it assigns every attribute at
        once when the whole fit succeeded.
    """
    clock, timings = time.perf_counter(), {}
    classes, y_idx = np.unique(y, return_inverse=True)
    watched = [int(np.searchsorted(classes, k)) for k, n in strategy.items() if n > 0]
    held = stopping_slice(plan, y_idx, watched)
    parts = encode_training(plan, frame, y_idx, len(classes), held)
    timings["encode"], clock = time.perf_counter() - clock, time.perf_counter()
    trained = train_networks(plan, parts, y_idx, held, watched)
    model = Model(trained.generator, parts.transformer, trained.conditions, parts.marginals)
    timings["train"], clock = time.perf_counter() - clock, time.perf_counter()
    encoded = parts.encoded_rows()
    diversity = {}
    if plan.privacy is None:  # the spread of real rows is not private: no check under DP
        diversity, collapsed = check_diversity(model, encoded, y_idx, classes, plan.numpy_seed)
        _warn_collapse(collapsed)
    source = None
    if plan.params["candidates"] != "generator":
        make = SOURCES.get(plan.params["candidates"], plan.params["candidates"])
        source = make(model, frame, y_idx)
    choosing, privacy = fit_screens(plan, frame, encoded, y_idx)
    # the rounds play against screened candidates: a screen after them would
    # undo what they learnt (held-out detection .88 against .74 on twitter_bots)
    n_new = {int(np.searchsorted(classes, k)): n for k, n in strategy.items()}
    rounds = fit_rounds(plan, source or model, choosing, encoded, y_idx, watched, n_new)
    hold = fit_marginal_hold(plan, parts, frame, y_idx)
    timings["check"] = time.perf_counter() - clock
    private = trained.private
    return Fitted(
        classes_=classes,
        device_=plan.device,
        do_early_stopping_=plan.early_stopping,
        n_steps_=len(trained.history),
        batch_size_=plan.batch_size,
        history_=trained.history,
        stopping_scores_=trained.scores,
        transformer_=parts.transformer,
        conditions_=trained.conditions,
        marginals_=parts.marginals,
        generator_=trained.generator,
        discriminator_=trained.discriminator,
        epsilon_=private.spent() if private else None,
        delta_=plan.privacy.delta if private else None,
        noise_multiplier_=float(private.noise_multiplier) if private else None,
        diversity_=diversity,
        candidates_=source,
        rounds_=rounds,
        detection_scores_={classes[k]: v for k, v in (rounds.scores_ if rounds else {}).items()},
        screens_=[s for s in (*choosing, rounds, hold, *privacy) if s is not None],
        timings_=timings,
        _numpy_seed=plan.numpy_seed,
    )


@dataclass
class Trained:
    """The networks after training, at rest on the CPU, and what training recorded."""

    generator: torch.nn.Module
    discriminator: torch.nn.Module
    conditions: ConditionSampler  # the level counts of every row, for generation
    history: list
    scores: list  # early stopping's held-out detection AUC per check
    private: object  # the DP-SGD accountant, or None


def train_networks(plan, parts, y_idx, held, watched):
    """Build the networks and train them (with early stopping when planned)."""
    run = build_training(plan, parts, y_idx)
    stop = make_stopping(plan, parts, run, y_idx, held, watched)
    verbose = plan.params["verbose"]
    progress = tqdm(total=plan.n_steps, desc="GANSampler", disable=not verbose)
    try:
        history = train(run, parts.data, plan.n_steps, progress, stop=stop)
        if stop:
            stop.restore()
        broadcast_parameters(run.generator)  # BatchNorm statistics differ per process
    finally:
        progress.close()
    parts.data = None  # the training block: the stages read the encoder's space
    parts.conditions.forget_rows()
    # Networks rest on the CPU so that a pickle loads on any machine.
    return Trained(
        generator=run.generator.cpu().eval(),
        discriminator=run.discriminator.cpu().eval(),
        conditions=parts.sampling.forget_rows().to("cpu"),
        history=history,
        scores=stop.scores if stop else [],
        private=run.private,
    )


def _warn_collapse(collapsed):
    if collapsed:
        warnings.warn(
            f"The generator looks collapsed: synthetic rows of classes ({collapsed}) "
            f"spread less than {_COLLAPSE_RATIO:.0%} as much as the real ones (see "
            "diversity_). Train longer (n_steps), lower the learning_rate, or "
            "check history_ for an unstable discriminator.",
            ModeCollapseWarning,
            stacklevel=6,  # the user's call of fit or fit_resample
        )
