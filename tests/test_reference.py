import json
import string

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from lepstudy.core.errors import DataError
from lepstudy.inputs import sources
from lepstudy.inputs.reference import normalise_name


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("D2N2", "E37000008"),
        ("D2N2 LEP", "E37000008"),
        ("GFirst", "E37000011"),
        ("GFirst LEP", "E37000011"),
        ("Gloucestershire (GFirst)", "E37000011"),
        ("LEAP", "E37000023"),
        ("London (LEAP)", "E37000023"),
        ("SEMLEP", "E37000041"),
        ("The Marches", "E37000036"),
        ("Marches LEP", "E37000036"),
        ("Greater Birmingham & Solihull Local Enterprise Partnership", "E37000012"),
        ("greater  birmingham and SOLIHULL", "E37000012"),
        ("Stoke-on-Trent & Staffordshire LEP", "E37000032"),
        ("North Eastern", "E37000025"),
        ("Cornwall & Isles of Scilly LEP", "E37000005"),
        ("Hull and East Yorkshire", "E37000018"),          # 2021 name of Humber
        ("York and North Yorkshire", "E37000039"),         # 2021 name of YNYER
        ("Buckinghamshire", "E37000002"),                  # 2021 name of BTV
        ("E37000044", "E37000004"),                        # LEP20 code of Coast to Capital
        ("E37000059", "E37000042"),                        # LEP21 code of GCGP
    ],
)
def test_name_variants_resolve(matcher, name, code):
    assert matcher.resolve(name) == code


def test_unknown_name_is_an_error_with_closest_names(matcher):
    with pytest.raises(DataError) as info:
        matcher.resolve("Cumbira LEP", file="x.csv", row=7, column="lep")
    message = str(info.value)
    assert "file x.csv, row 7, column 'lep'" in message
    assert "unknown LEP name" in message and "'Cumbira LEP'" in message
    assert "closest: Cumbria" in message


def test_no_alias_names_two_bodies(reference):
    from lepstudy.inputs.reference import alias_index

    index = alias_index(reference)
    assert len(set(index.values())) == len(reference)


@hsettings(max_examples=200, deadline=None)
@given(data=st.data())
def test_spelling_variants_of_canonical_names_resolve(matcher, reference, data):
    row = data.draw(st.sampled_from(list(reference.itertuples(index=False))))
    name = row.canonical_name
    if data.draw(st.booleans()):
        name = name.replace(" and ", " & ")
    name = "".join(c.upper() if data.draw(st.booleans()) and c in string.ascii_letters else c for c in name)
    name = data.draw(st.sampled_from(["", "  ", "The "])) + name
    name = name + data.draw(st.sampled_from(["", " LEP", " Local Enterprise Partnership", "  ", " lep "]))
    assert matcher.resolve(name) == row.lep17_code


@given(st.text(min_size=1, max_size=30))
def test_normalise_name_is_idempotent(text):
    once = normalise_name(text)
    assert normalise_name(once) == once


def test_reference_agrees_with_official_files(settings, reference):
    file12 = sources.load_imd_lep(settings.raw_dir)
    merged = reference.merge(file12, on="lep17_code", how="outer", indicator=True)
    assert (merged["_merge"] == "both").all(), "LEP17 codes differ between reference and File 12"
    assert (merged["canonical_name"] == merged["lep17_name"]).all()
    dfe = pd.read_csv(sources.raw_path(settings.raw_dir, "lep_codes"))
    known = set(dfe["local_enterprise_partnership_code"])
    assert set(reference["lep20_code"]) <= known and set(reference["lep21_code"]) <= known
    geo = json.loads(sources.raw_path(settings.raw_dir, "boundaries").read_text())
    lep21 = {f["properties"]["LEP21CD"]: f["properties"]["LEP21NM"] for f in geo["features"]}
    assert set(reference["lep21_code"]) == set(lep21)
    assert dict(zip(reference["lep21_code"], reference["lep21_name"], strict=True)) == lep21


def test_every_curated_file_uses_reference_codes(settings, reference, matcher):
    codes = set(reference["lep17_code"])
    for key in ("board_summary", "board_members", "esif_summary", "apr_ratings", "lis_status"):
        frame = pd.read_csv(sources.raw_path(settings.raw_dir, key))
        assert set(frame["lep17_code"]) <= codes, key
        # and every name the curators typed resolves to the same code
        for code, name in zip(frame["lep17_code"], frame["lep_name"], strict=True):
            assert matcher.resolve(name) == code, (key, name)


def test_combined_authority_names_follow_the_written_rule(matcher):
    """A combined authority's name is an alias only where it covers the same area as the LEP (Greater Manchester,
    Liverpool City Region, Tees Valley); elsewhere (West Midlands: three LEPs; West Yorkshire: part of Leeds City
    Region) it is unknown, never silently one of them."""
    for name, code in (("Greater Manchester Combined Authority", "E37000015"), ("GMCA", "E37000015"),
                       ("Liverpool City Region Combined Authority", "E37000022"),
                       ("Tees Valley Combined Authority", "E37000034")):
        assert matcher.match(name) == code, name
    for name in ("West Midlands Combined Authority", "West Yorkshire Combined Authority"):
        assert matcher.match(name) is None, name


def test_company_and_successor_suffixes_and_fillers_are_ignored(matcher):
    for name, code in (("The Cheshire and Warrington LEP Ltd", "E37000003"), ("Cheshire Warrington", "E37000003"),
                       ("Cheshire & Warrington Limited", "E37000003"),
                       ("Cambridgeshire and Peterborough Business Board", "E37000042")):
        assert matcher.match(name) == code, name


def test_ambiguous_and_blank_names_say_so(matcher):
    from lepstudy.core.errors import DataError

    with pytest.raises(DataError, match="ambiguous LEP name.*it fits Solent; Enterprise M3"):
        matcher.resolve("Solent (Enterprise M3)")
    with pytest.raises(DataError, match="missing LEP name"):
        matcher.resolve(float("nan"))
    with pytest.raises(DataError, match="closest: Cumbria"):
        matcher.resolve("Cumbrai")


def test_a_former_lep_says_into_which_it_merged(matcher):
    with pytest.raises(DataError, match="a former LEP: it merged into South East Midlands in 2017"):
        matcher.resolve("Northamptonshire Enterprise Partnership")
