"""Uncertainty fit for a census: a model of the sector feedback that shrinks small-n LEP means, each LEP's
probability of each rating, and the distribution of the headline count.

The 38 LEPs are a census, so the uncertainty that matters is in the sector feedback: a LEP's feedback criteria
are judged on its mean answer, and a mean of two or three respondents says little. **Superpopulation
assumption**: a LEP's feedback is taken to be the mean answer ``theta_j`` of all voluntary organisations in its
area that could have answered, and its respondents a random sample of them. NCVO's survey was self-selected, so
this is an assumption, not a property of the design.

**Model**, for each feedback item: ``answer_ij = mu + u_j + e_ij`` with ``u_j ~ N(0, tau^2)`` and ``e_ij ~ N(0,
sigma^2)``, fitted by REML (statsmodels ``MixedLM``, a linear approximation on the 1-5 scale). Empirical Bayes
then gives each LEP's ``theta_j = mu + u_j`` a normal posterior with mean ``mu + B_j (ybar_j - mu)`` and variance
``B_j sigma^2 / n_j``, where ``B_j = tau^2 / (tau^2 + sigma^2 / n_j)``: the fewer respondents, the more the mean is
pulled toward the overall mean. That weight is the partial-pooling rule for every LEP with at least one answer (it
falls smoothly to 0 as n_j falls; no LEP's answers are discarded); a LEP with no answers takes the population
distribution ``N(mu, tau^2)``. The items are drawn jointly: a LEP's posterior errors are its respondents' sampling
errors, so they are correlated as respondents' deviations from their LEP's mean are across items (the within-LEP
correlation, from the respondents); a LEP with no answers draws with the between-LEP correlation of the
estimated effects.

Draws of the ``theta`` are scored with the configured rubric (structural criteria as they are), giving each LEP's
probability of each rating; given the fitted model LEPs are independent, so the count of LEPs rated RI or
Inadequate follows a Poisson-binomial distribution (``scipy.stats.poisson_binom``). That distribution is
*conditional* on the fitted ``mu``, ``tau`` and ``sigma``. **Hyperparameter uncertainty** is shown beside it by a
parametric bootstrap (``hyperparameter_bootstrap``): answers are simulated from the fitted model with the same
respondents per LEP, the hyperparameters re-estimated (by the one-way ANOVA estimator, which REML equals on a
balanced design; vectorised over replicates), and each replicate's count distribution computed from the real
answers; their average is the count's distribution allowing for the uncertainty of the spread itself.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from lepstudy.analysis.engagement import RATING_ORDER, RI, Rubric, rating_range

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ItemFit:
    """The fitted random-intercept model of one feedback item."""

    item: str
    mu: float
    tau2: float
    sigma2: float
    n_respondents: int
    n_leps: int
    converged: bool
    warnings: tuple[str, ...]

    @property
    def icc(self) -> float:
        """Share of the answers' variance that lies between LEPs."""
        total = self.tau2 + self.sigma2
        return self.tau2 / total if total > 0 else float("nan")


def fit_item(feedback: pd.DataFrame, item: str) -> ItemFit:
    """REML fit of ``answer ~ 1 + (1 | LEP)`` for one item; blanks are left out. Warnings are kept, not silenced."""
    # heavy: statsmodels adds about 1 s to an import; only the model fits load it
    import statsmodels.formula.api as smf

    answers = feedback[["lep17_code", item]].dropna()
    if answers["lep17_code"].nunique() < 2:
        raise ValueError(f"the feedback model needs answers from at least two LEPs for {item}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = smf.mixedlm(f"{item} ~ 1", answers, groups=answers["lep17_code"]).fit(reml=True)
    messages = tuple(dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught))
    for message in messages:
        log.warning("feedback model, %s: %s", item, message)
    return ItemFit(item, float(result.fe_params.iloc[0]), float(result.cov_re.iloc[0, 0]), float(result.scale),
                   len(answers), int(answers["lep17_code"].nunique()), bool(result.converged), messages)


def posterior(fit: ItemFit, feedback: pd.DataFrame, codes: list[str],
              answered: tuple[np.ndarray, np.ndarray] | None = None) -> pd.DataFrame:
    """Per LEP: respondents, sample mean, shrinkage (1 - ``B_j``) and the posterior mean and sd of ``theta_j``. Every
    LEP with answers is partially pooled by its weight ``B_j``; a LEP with none takes the population distribution
    (``B_j = 0``). ``answered``: the item's ``answer_summary``, when it is already at hand (the bootstrap reuses it
    for every replicate)."""
    n, mean = answered if answered is not None else answer_summary(feedback, fit.item, codes)
    enough = n >= 1
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = np.where(enough, fit.tau2 / (fit.tau2 + fit.sigma2 / n), 0.0)
        variance = np.where(enough, weight * fit.sigma2 / n, fit.tau2)
    centre = np.where(enough, fit.mu + weight * (np.nan_to_num(mean) - fit.mu), fit.mu)
    return pd.DataFrame({"lep17_code": codes, "n": n.astype(int), "sample_mean": mean, "shrinkage": 1 - weight,
                         "posterior_mean": centre, "posterior_sd": np.sqrt(variance)})


def answer_summary(feedback: pd.DataFrame, item: str, codes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per LEP (in ``codes`` order): the number of answers to ``item`` and their mean (NaN with none)."""
    answers = feedback[["lep17_code", item]].dropna()
    grouped = answers.groupby("lep17_code")[item].agg(["size", "mean"]).reindex(codes)
    return grouped["size"].fillna(0).to_numpy(dtype=float), grouped["mean"].to_numpy(dtype=float)


def within_correlation(feedback: pd.DataFrame, items: list[str]) -> np.ndarray:
    """The correlation across items of respondents' deviations from their own LEP's mean (respondents who answered
    every item): the correlation of the sampling errors of two items' LEP means."""
    answers = feedback[["lep17_code", *items]].dropna()
    deviations = (answers[items] - answers.groupby("lep17_code")[items].transform("mean")).to_numpy(dtype=float)
    cross = deviations.T @ deviations
    scale = np.sqrt(np.diag(cross))
    if len(items) < 2 or not (scale > 0).all():
        return np.eye(len(items))
    return cross / np.outer(scale, scale)


def _informative(posteriors: dict[str, pd.DataFrame]) -> np.ndarray:
    """LEPs with answers to every item."""
    return np.vstack([table["shrinkage"].to_numpy() < 1 for table in posteriors.values()]).all(axis=0)


def between_correlation(posteriors: dict[str, pd.DataFrame]) -> np.ndarray:
    """The correlation across items of the LEPs' estimated effects (posterior means of the LEPs with answers)."""
    centred = np.vstack([table["posterior_mean"].to_numpy() for table in posteriors.values()])
    informative = _informative(posteriors)
    if len(posteriors) > 1 and informative.sum() > 2:
        return np.corrcoef(centred[:, informative])
    return np.eye(len(posteriors))


def draw_thetas(posteriors: dict[str, pd.DataFrame], draws: int, rng: np.random.Generator,
                within: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Joint draws (draws x LEPs) of every item's ``theta``: a LEP with answers to every item draws its errors with
    the ``within``-LEP correlation of its respondents' answers; a LEP without draws its effect with the between-LEP
    correlation of the estimated effects."""
    items = list(posteriors)
    informative = _informative(posteriors)
    between = between_correlation(posteriors)
    within = np.eye(len(items)) if within is None else within
    size = (draws, len(informative))
    normals = np.where(informative[None, :, None], rng.multivariate_normal(np.zeros(len(items)), within, size=size),
                       rng.multivariate_normal(np.zeros(len(items)), between, size=size))
    return {item: posteriors[item]["posterior_mean"].to_numpy() + normals[:, :, k]
            * posteriors[item]["posterior_sd"].to_numpy() for k, item in enumerate(items)}


def fixed_points(assessment: pd.DataFrame, rubric: Rubric, fields: set[str]) -> dict[str, tuple]:
    """The fewest and most points of every criterion not on one of ``fields`` (the feedback fields a model draws),
    scored from the assessment as it is: the same for every draw, so computed once."""
    return {c.key: c.range_for(assessment[c.field])[1:] for c in rubric.criteria if c.field not in fields}


def ratings_given_means(assessment: pd.DataFrame, rubric: Rubric, means: dict[str, np.ndarray],
                        fixed: dict[str, tuple] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Worst and best rating index (0 Inadequate, 1 RI, 2 Good), shape (draws, LEPs), when the feedback fields take
    the given means (draws x LEPs) and every other criterion is scored from the assessment as it is (``fixed``: those
    criteria's ``fixed_points``, when already at hand)."""
    draws = next(iter(means.values())).shape[0]
    n = len(assessment)
    fixed = fixed if fixed is not None else fixed_points(assessment, rubric, set(means))
    low, high = np.zeros((draws, n)), np.zeros((draws, n))
    for c in rubric.criteria:
        if c.field in means:
            pts = c.band_points_for(means[c.field])
            low += np.where(np.isnan(pts), c.min_points, pts)
            high += np.where(np.isnan(pts), c.max_points, pts)
        else:
            least, most = fixed[c.key]
            low += least
            high += most
    max_total = float(sum(c.max_points for c in rubric.criteria))
    gate = None
    if rubric.gate_enabled:
        gate = means.get(rubric.gate_field)
        if gate is None:
            gate = np.broadcast_to(pd.to_numeric(assessment[rubric.gate_field]).to_numpy(dtype=float), (draws, n))
    worst, best, _ = rating_range(low, high, max_total, rubric.good_min_share, rubric.ri_min_share, gate,
                                  rubric.gate_below)
    return worst, best


def count_distribution(probabilities: np.ndarray) -> pd.DataFrame:
    """The Poisson-binomial distribution of the number of successes of independent trials with these
    probabilities: count, probability, cumulative probability."""
    k = np.arange(len(probabilities) + 1)
    pmf = stats.poisson_binom.pmf(k, probabilities)
    return pd.DataFrame({"count": k, "probability": pmf, "cumulative": np.cumsum(pmf)})


def central_interval(distribution: pd.DataFrame, level: float) -> tuple[int, int]:
    """The equal-tailed interval of a discrete distribution: the smallest count whose cumulative probability
    reaches (1 - level) / 2 and the smallest reaching (1 + level) / 2."""
    tail = (1 - level) / 2
    cumulative = distribution["cumulative"].to_numpy()
    counts = distribution["count"].to_numpy()
    return int(counts[np.searchsorted(cumulative, tail - 1e-12)]), int(counts[np.searchsorted(cumulative,
                                                                                              1 - tail - 1e-12)])


def anova_estimates(groups: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One-way random-effects estimates (mu, tau^2, sigma^2) for each row of ``values`` (replicates x answers), with
    ``groups`` the LEP index of each answer: sigma^2 = SSW / (N - J), tau^2 = max(0, (MSB - sigma^2) / n0) with
    n0 = (N - sum n_j^2 / N) / (J - 1), mu the mean of all answers (REML's estimates on a balanced design)."""
    values = np.atleast_2d(values)
    n_groups = int(groups.max()) + 1
    indicator = np.zeros((len(groups), n_groups))
    indicator[np.arange(len(groups)), groups] = 1.0
    sizes = indicator.sum(axis=0)
    total = len(groups)
    means = values @ indicator / sizes
    grand = values.mean(axis=1)
    within = ((values - means[:, groups]) ** 2).sum(axis=1) / (total - n_groups)
    between = ((means - grand[:, None]) ** 2 * sizes).sum(axis=1) / (n_groups - 1)
    n0 = (total - (sizes ** 2).sum() / total) / (n_groups - 1)
    return grand, np.maximum((between - within) / n0, 0.0), within


def hyperparameter_bootstrap(assessment: pd.DataFrame, feedback: pd.DataFrame, rubric: Rubric,
                             fits: list[ItemFit], replicates: int, draws: int, seed: int) -> pd.DataFrame:
    """The count's distribution allowing for the uncertainty of each item's ``mu``, ``tau^2`` and ``sigma^2``: the
    average over ``replicates`` parametric-bootstrap re-estimates of the distribution the model gives with them
    (``draws`` posterior draws each), every replicate scored on the real answers."""
    rng = np.random.default_rng(seed)
    codes = list(assessment["lep17_code"])
    items = _items(rubric)
    refits: dict[str, list[ItemFit]] = {}
    for fit in fits:
        answers = feedback[["lep17_code", fit.item]].dropna()
        groups = pd.factorize(answers["lep17_code"])[0]
        n_groups = int(groups.max()) + 1
        effects = rng.normal(0.0, np.sqrt(fit.tau2), size=(replicates, n_groups))
        noise = rng.normal(0.0, np.sqrt(fit.sigma2), size=(replicates, len(groups)))
        mu, tau2, sigma2 = anova_estimates(groups, fit.mu + effects[:, groups] + noise)
        refits[fit.item] = [ItemFit(fit.item, float(m), float(t), float(s), fit.n_respondents, fit.n_leps, True, ())
                            for m, t, s in zip(mu, tau2, sigma2, strict=True)]
    within = within_correlation(feedback, [fit.item for fit in fits])
    answered = {item: answer_summary(feedback, item, codes) for item in refits}      # the same in every replicate
    fixed = fixed_points(assessment, rubric, set(items))
    mixture = np.zeros(len(codes) + 1)
    for b in range(replicates):
        posteriors = {item: posterior(refits[item][b], feedback, codes, answered[item]) for item in refits}
        thetas = draw_thetas(posteriors, draws, rng, within)
        _, best = ratings_given_means(assessment, rubric, {field: thetas[item] for field, item in items.items()},
                                      fixed)
        mixture += count_distribution((best <= RI).mean(axis=0))["probability"].to_numpy() / replicates
    mixture = np.clip(mixture, 0.0, 1.0)            # averaging leaves float dust (1 + 7e-16 on a certain count)
    return pd.DataFrame({"count": np.arange(len(codes) + 1), "probability": mixture, "cumulative": np.cumsum(mixture)})


def _items(rubric: Rubric) -> dict[str, str]:
    """The feedback fields the rubric scores (and the gate's), each with its item in the feedback table."""
    fields = [c.field for c in rubric.criteria if c.cuts is not None]
    if rubric.gate_enabled and rubric.gate_field not in fields:
        fields.append(rubric.gate_field)
    return {field: field.removeprefix("mean_") for field in fields}


@dataclass
class FeedbackModelResult:
    fits: list[ItemFit]
    within: float                 # the items' within-LEP (respondent) correlation, NaN with one item
    between: float                # the items' between-LEP correlation of estimated effects
    leps: pd.DataFrame            # per LEP: posteriors and rating probabilities
    distribution: pd.DataFrame    # Poisson-binomial distribution of the count


def feedback_model(assessment: pd.DataFrame, feedback: pd.DataFrame, rubric: Rubric, draws: int,
                   seed: int) -> FeedbackModelResult:
    """Fit the model to each feedback item the rubric scores (and the gate's), draw every LEP's feedback from its
    posterior, score the draws with the rubric, and give each LEP's rating probabilities and the count's
    distribution."""
    items = _items(rubric)
    codes = list(assessment["lep17_code"])
    fits = [fit_item(feedback, item) for item in dict.fromkeys(items.values())]
    posteriors = {fit.item: posterior(fit, feedback, codes) for fit in fits}
    within = within_correlation(feedback, list(posteriors))
    thetas = draw_thetas(posteriors, draws, np.random.default_rng(seed), within)
    worst, best = ratings_given_means(assessment, rubric, {field: thetas[item] for field, item in items.items()})
    leps = pd.DataFrame({"lep17_code": codes, "n_respondents": assessment["n_respondents"].to_numpy()})
    for item, table in posteriors.items():
        leps[f"answers_{item}"] = table["n"].to_numpy()
        for column in ("sample_mean", "shrinkage", "posterior_mean", "posterior_sd"):
            leps[f"{column}_{item}"] = table[column].to_numpy()
    determined = worst == best
    for k, label in enumerate(RATING_ORDER):
        leps[f"p_{label.lower().replace(' ', '_')}"] = ((worst == k) & determined).mean(axis=0)
    # the headline definition: RI or Inadequate in every case (best below Good); possible: worst below Good
    leps["p_ri_or_inadequate"] = (best <= RI).mean(axis=0)
    leps["p_ri_or_inadequate_possible"] = (worst <= RI).mean(axis=0)
    return FeedbackModelResult(fits, _off_diagonal(within), _off_diagonal(between_correlation(posteriors)), leps,
                               count_distribution(leps["p_ri_or_inadequate"].to_numpy()))


def _off_diagonal(correlation: np.ndarray) -> float:
    """The correlation of the first two items (NaN with one item)."""
    return float(correlation[0, 1]) if len(correlation) > 1 else float("nan")
