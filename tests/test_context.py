"""lep_context and the validation of the LAD->LEP lookup against IoD2019 File 12."""

import pytest

from lepstudy.inputs import context, sources


@pytest.fixture(scope="module")
def districts(settings):
    return context.load_districts(settings.raw_dir, settings.files["partial_memberships"])


def test_lookup_validation_is_strict_except_solent(settings, districts):
    table = context.imd_validation(districts, settings.imd_tolerance)
    assert len(table) == 38
    not_ok = table[table.status != "ok"]
    # Solent is the one LEP a LAD-level lookup cannot express: File 12 must lie between the
    # with- and without-partial-districts estimates.
    assert list(not_ok.lep17_code) == ["E37000029"]
    assert not_ok.status.iloc[0] == "bounded"
    solent = not_ok.iloc[0]
    assert min(solent.imd_recomputed, solent.imd_recomputed_whole_lads_only) <= solent.imd_file12
    assert solent.imd_file12 <= max(solent.imd_recomputed, solent.imd_recomputed_whole_lads_only)
    assert table.loc[table.status == "ok", "abs_diff"].max() <= settings.imd_tolerance


def test_tolerance_is_tight_enough_to_catch_a_wrong_lookup(settings, tmp_path):
    """Moving one district to the wrong LEP must break the check."""
    import shutil

    raw = tmp_path / "raw"
    shutil.copytree(settings.raw_dir, raw)
    lookup = raw / sources.RAW_FILES["lad_lep"]
    text = lookup.read_text()
    # Blackpool (Lancashire) moved to Cumbria
    lookup.write_text(text.replace("E06000009,Blackpool,E37000019,Lancashire", "E06000009,Blackpool,E37000007,Cumbria"))
    table = context.imd_validation(context.load_districts(raw, settings.files["partial_memberships"]),
                                   settings.imd_tolerance)
    assert set(table.loc[table.status == "fail", "lep17_code"]) >= {"E37000007"}


def test_lep_context_known_answers(settings, reference, districts):
    frame = context.build_lep_context(districts, reference)
    assert len(frame) == len(reference) and frame.lep17_code.is_unique
    row = frame.set_index("lep17_code").loc["E37000005"]  # Cornwall 569,578 + Isles of Scilly 2,224 (ONS)
    assert row.population_mid2019 == 571_802 and row.n_lads == 2
    assert frame.set_index("lep17_code").loc["E37000029", "has_partial_lads"]
    england = sources.load_population(settings.raw_dir).population_mid2019.sum()
    assert england == 56_286_961  # ONS mid-2019 England total
    assert frame.population_mid2019.sum() > england  # LADs in two LEPs count in both


def test_study_area_population_counts_each_district_once(settings, reference, districts):
    """Every English district is in at least one LEP, so the study area's population, each district counted
    once, is England's mid-2019 population in the ONS file; the sum over LEPs double-counts shared districts."""
    from lepstudy.inputs import sources
    from lepstudy.inputs.context import build_lep_context, study_area

    area = study_area(districts, reference).iloc[0]
    pop = sources.load_population(settings.raw_dir)
    england = pop[pop["lad19_code"].str.match(r"E0[6-9]")]["population_mid2019"].sum()
    assert area["population_mid2019"] == england
    context = build_lep_context(districts, reference)
    assert area["population_sum_over_bodies"] == context["population_mid2019"].sum()
    assert area["population_sum_over_bodies"] > area["population_mid2019"]
    assert area["n_districts_in_two_bodies"] > 0
