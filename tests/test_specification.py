"""The specification curve: the vectorised evaluation agrees exactly with the plain per-specification loop, the
configured rubric is one specification, the choices follow the configured rubric, and the variance
decomposition matches a hand calculation."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import yaml

from lepstudy.analysis import evidence, specification
from lepstudy.analysis.engagement import count_ri_or_inadequate, score
from lepstudy.core.errors import DataError, DataErrors
from lepstudy.pipeline.study import load_specifications, load_study_inputs


@pytest.fixture(scope="module")
def data(settings):
    return load_study_inputs(settings)


def _inputs(settings, data, responses=None, feedback=None, rubric=None):
    specs = load_specifications(settings, data.rubric)
    return specification.SpecificationInputs(data.rules, rubric or data.rubric, data.board,
                                             sorted(data.reference["lep17_code"]),
                                             data.responses.frame if responses is None else responses,
                                             data.feedback.frame if feedback is None else feedback,
                                             specs.seat_target, specs.response_criterion)


@pytest.fixture(scope="module")
def choices(settings, data):
    return load_specifications(settings, data.rubric).choices


@pytest.fixture(scope="module")
def curves(settings, data, choices):
    inputs = _inputs(settings, data)
    return inputs, {public: specification.run_specification_curve(inputs, choices, public) for public in (True, False)}


def _agrees_with_loop(inputs, curve, sample):
    for _, row in sample.iterrows():
        labels = {c.name: row[c.name] for c in curve.choices}
        plain = specification.reference_count(inputs, curve.choices, labels, curve.variant == "public")
        assert (plain.point, plain.lower, plain.upper) == (row["count"], row["lower"], row["upper"]), labels


@pytest.mark.parametrize("public_only", [True, False])
def test_vectorised_counts_equal_the_plain_loop(curves, public_only):
    inputs, by_variant = curves
    curve = by_variant[public_only]
    _agrees_with_loop(inputs, curve, curve.table.sample(40, random_state=7))


def test_vectorised_counts_equal_the_loop_with_unknown_evidence(settings, data, choices):
    """Random unknown cells (a hidden code of practice, feedback from LEPs dropped) exercise the bounds."""
    rng = np.random.default_rng(3)
    responses = data.responses.frame.copy()
    hidden = rng.choice(len(responses), size=9, replace=False)
    responses.loc[hidden, "code_of_practice"] = pd.NA
    feedback = data.feedback.frame
    feedback = feedback[~feedback["lep17_code"].isin(responses["lep17_code"].iloc[hidden[:4]])]
    inputs = _inputs(settings, data, responses, feedback)
    curve = specification.run_specification_curve(inputs, choices, public_only=False)
    assert (curve.table["upper"] > curve.table["lower"]).any()
    _agrees_with_loop(inputs, curve, curve.table.sample(40, random_state=11))


@pytest.mark.parametrize("public_only", [True, False])
def test_the_configured_specification_is_the_headline(curves, data, public_only):
    _, by_variant = curves
    table = by_variant[public_only].table
    configured = table[table["configured"]]
    assert len(configured) == 1
    assessment = evidence.public_assessment(data.public) if public_only else data.assessment
    headline = count_ri_or_inadequate(score(assessment, data.rubric, public_only=public_only))
    assert tuple(configured[["count", "lower", "upper"]].iloc[0]) == (headline.point, headline.lower, headline.upper)


def test_the_configured_rubric_drives_the_curve(settings, data, tmp_path):
    """Editing the rubric moves the configured specification with it (the curve is built from it)."""
    rubric = replace(data.rubric, good_min_share=0.5)
    choices = load_specifications(settings, rubric).choices
    good = next(c for c in choices if c.name == "good_min_share")
    assert good.labels[good.configured] == "0.5"
    curve = specification.run_specification_curve(_inputs(settings, data, rubric=rubric), choices, False)
    configured = curve.table[curve.table["configured"]].iloc[0]
    assert configured["count"] == count_ri_or_inadequate(score(data.assessment, rubric, public_only=False)).point


def test_the_public_variant_has_no_feedback_or_duplicate_choices(curves):
    _, by_variant = curves
    public = {c.name: c for c in by_variant[True].choices}
    assert not set(public) & specification.FEEDBACK_CHOICES
    # with one domain of criteria, 'equal domains' repeats the configured weights and is dropped
    assert "equal_domains" not in public["weighting"].labels
    assert set(by_variant[False].choices[0].labels) == {"configured", "equal_criteria", "equal_domains"}


def test_distinct_specifications_are_fewer_than_combinations(curves):
    _, by_variant = curves
    full = by_variant[False]
    assert 0 < full.n_distinct < full.n_combinations
    # a distinct specification's count never depends on which duplicate was kept
    assert full.table["configured"].sum() == 1


def test_labels_that_change_no_rating_are_one_specification(curves):
    """Distinct means different ratings, not different option labels: the gate only caps a Good rating at RI, so
    where switching it changes neither bound it changes no rating, and the two combinations are one specification
    (counting labels gave 7,128 'distinct' specifications on the stand-ins)."""
    _, by_variant = curves
    table = by_variant[False].table
    others = [c.name for c in by_variant[False].choices if c.name != "gate"]
    same_bounds = 0
    for _, group in table.groupby(others):
        if group[["lower", "upper"]].drop_duplicates().shape[0] == 1:
            same_bounds += 1
            assert group["specification"].nunique() == 1
        assert group["specification"].nunique() == group[["lower", "upper"]].drop_duplicates().shape[0]
    assert same_bounds > 0


def test_private_answers_make_the_public_evidence_choices_inert(settings, data, choices):
    """A researcher's own information-request answers are never replaced by our reading of public sources, so
    the seat-dating, unclear-seat and housing-association choices cannot move the full variant's count."""
    responses = data.responses.frame.copy()
    for column in [c for c in responses if c.endswith("_source")]:
        responses[column] = "private"
    curve = specification.run_specification_curve(_inputs(settings, data, responses), choices, False)
    rubric_choices = [c.name for c in curve.choices if c.name not in
                      ("seat_dating", "unclear_seat_types", "housing_associations")]
    spread = curve.table.groupby(rubric_choices)["count"].nunique()
    assert (spread == 1).all()


def test_public_evidence_replaces_public_and_synthetic_cells_only():
    assessment = pd.DataFrame({
        "lep17_code": ["A", "B", "C"],
        "main_board_vcs": pd.array([True, False, True], dtype="boolean"),
        "main_board_vcs_source": ["public", "synthetic", "private"],
    })
    public = pd.DataFrame({"lep17_code": ["A", "B", "C"],
                           "main_board_vcs": pd.array([pd.NA, True, False], dtype="boolean"),
                           "main_board_vcs_source": ["unknown", "public", "public"]})
    for column in evidence.PUBLIC_FIELDS:
        if column != "main_board_vcs":
            public[column], public[f"{column}_source"] = pd.NA, "unknown"
    out = specification.with_public_evidence(assessment, public)
    # A: public fact no longer counted -> unknown; B: synthetic fill replaced by the public fact; C: private kept
    assert out["main_board_vcs"].isna().tolist() == [True, False, False]
    assert out["main_board_vcs"].iloc[1:].tolist() == [True, True]
    assert out["main_board_vcs_source"].tolist() == ["unknown", "public", "private"]


def test_variance_decomposition_matches_a_hand_calculation():
    """count = 2 [a = a2] + [b = b3] over a balanced 2 x 3 design (4 replicates): no interaction. Deviations of
    the a effect are +-1, so SS_a = N; the b effect takes 0, 0, 1 (mean 1/3), so SS_b = N (2 (1/3)^2 + (2/3)^2)
    / 3 = 2N/9. Shares: a 9/11, b 2/11, interaction 0."""
    rows = [{"a": a, "b": b, "count": 2 * (a == "a2") + (b == "b3"), "lower": 0, "upper": 9}
            for a in ("a1", "a2") for b in ("b1", "b2", "b3") for _ in range(4)]
    table = pd.DataFrame(rows)
    choices = [specification.Choice(name, "arbitrary", "test", tuple(sorted(set(table[name]))),
                                    tuple(sorted(set(table[name]))), 0) for name in ("a", "b")]
    curve = specification.SpecificationCurve("full", choices, table, 9, 0.0)
    shares = specification.variance_decomposition(curve).set_index("term")["share"]
    assert shares["a"] == pytest.approx(9 / 11)
    assert shares["b"] == pytest.approx(2 / 11)
    assert shares["a x b"] == pytest.approx(0, abs=1e-9)


def test_scheme_weights_hand_cases(data):
    criteria = data.rubric.variant(public_only=False)
    raw_max = np.array([c.max_points / c.weight for c in criteria])
    equal = np.asarray(specification.scheme_weights(criteria, "equal_criteria"))
    assert np.allclose(equal * raw_max, 1.0)
    domains = np.asarray(specification.scheme_weights(criteria, "equal_domains"))
    public = np.array([c.public for c in criteria])
    assert (domains * raw_max)[public].sum() == pytest.approx((domains * raw_max)[~public].sum())


def _write_spec(tmp_path, settings, edit):
    content = yaml.safe_load(settings.files["specifications"].read_text())
    edit(content)
    path = tmp_path / "specifications.yaml"
    path.write_text(yaml.safe_dump(content))
    return replace(settings, files={**settings.files, "specifications": path})


def test_a_criterion_the_rubric_lacks_is_an_error(tmp_path, settings, data):
    edited = _write_spec(tmp_path, settings, lambda c: c["seat_points"].update(criterion="board_seats"))
    with pytest.raises(DataError) as error:
        load_specifications(edited, data.rubric)
    assert "seat_points.criterion" in str(error.value) and "board_seat" in str(error.value)


def test_a_misspelt_choice_is_an_error(tmp_path, settings, data):
    edited = _write_spec(tmp_path, settings, lambda c: c.update(good_min_shares=c.pop("good_min_share")))
    with pytest.raises((DataError, DataErrors)) as error:
        load_specifications(edited, data.rubric)
    assert "good_min_share" in str(error.value)


def test_the_configured_option_is_added_where_a_list_leaves_it_out(tmp_path, settings, data):
    edited = _write_spec(tmp_path, settings, lambda c: c["good_min_share"].update(options=[0.5, 0.7]))
    good = next(c for c in load_specifications(edited, data.rubric).choices if c.name == "good_min_share")
    assert good.labels == ("0.5", "0.7", "0.6") and good.configured == 2


def test_the_curve_panel_marks_every_option_and_the_configured_specification(curves):
    import matplotlib.pyplot as plt

    from lepstudy.outputs import plots

    _, by_variant = curves
    curve = by_variant[False]
    table = curve.table.assign(variant="full", n=curve.n, synthetic_inputs=True)
    summary = pd.DataFrame([{**specification.curve_summary(curve, (24, 26)), "synthetic_inputs": True}])
    figure = plots.specification_curve_figure(table, summary, specification.choices_table([curve]), "full",
                                              "A checked title")
    plt.close(figure.fig)
    assert len(figure.data) == curve.n_distinct and figure.data["configured"].sum() == 1
    for choice in curve.choices:
        used = set(figure.data[choice.name].str.split("; ").explode())
        assert used == set(choice.labels), choice.name
