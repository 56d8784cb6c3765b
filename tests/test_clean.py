import pandas as pd
import pytest

from lepstudy.core.errors import DataError
from lepstudy.inputs.clean import classify_organisation, normalise_likert, normalise_rating


def test_classification_agrees_with_curated_real_names(settings):
    members = pd.read_csv(settings.raw_dir / "lep-board-vcs-evidence/board_members_vcs.csv")
    esif = pd.read_csv(settings.raw_dir / "esif-subcommittee-evidence/esif_vcs_members.csv")
    pairs = list(zip(members.organisation, members.org_type, strict=True)) + list(
        zip(esif.organisation, esif.org_type, strict=True))
    wrong = [(o, t, classify_organisation(o, settings.files["org_overrides"])) for o, t in pairs
             if classify_organisation(o, settings.files["org_overrides"]) != t]
    assert not wrong


@pytest.mark.parametrize(("name", "expected"), [
    ("Voluntary Action Leeds", "local_infrastructure_cvs"),
    ("Cheshire West CVS", "local_infrastructure_cvs"),
    ("Somerset Community Foundation", "local_infrastructure_cvs"),
    ("Age UK Lancashire", "single_issue_charity"),
    ("Bristol Social Enterprise CIC", "social_enterprise"),
    ("Clarion Housing Group", "housing_association"),
    ("Diocese of Leeds", "faith_or_community_group"),
    ("University of Cumbria", "education"),
    ("Lancashire County Council", "public_body"),
    ("Acme Engineering Ltd", "business"),
    ("Something Unheard Of", "unclear"),
])
def test_classification_rules(settings, name, expected):
    assert classify_organisation(name, settings.files["org_overrides"]) == expected


@pytest.mark.parametrize(("raw", "label"), [
    ("Requires Improvement", "Requires improvement"),
    ("requires improvement to be good", "Requires improvement"),
    ("RI", "Requires improvement"),
    ("inadequate ", "Inadequate"),
    ("Good ", "Good"),
    ("GOOD", "Good"),
])
def test_rating_labels_normalise(raw, label):
    assert normalise_rating(raw) == label


@pytest.mark.parametrize("garbage", ["Outstanding", "ok", "", "requires", "3"])
def test_rating_garbage_is_rejected(garbage):
    with pytest.raises(DataError) as info:
        normalise_rating(garbage, file="ratings.csv", row=4, column="rating")
    assert "file ratings.csv, row 4, column 'rating': unrecognised rating label" in str(info.value)


@pytest.mark.parametrize(("raw", "value"), [
    ("4", 4), (4, 4), ("4.0", 4), ("Strongly agree", 5), ("disagree", 2), ("N/A", None), ("", None),
    ("3 - neither", 3), ("very poor", 1),
])
def test_likert_answers(raw, value):
    assert normalise_likert(raw) == value


@pytest.mark.parametrize("garbage", ["6", "0", "three", "4.5", "yes"])
def test_likert_garbage_is_rejected(garbage):
    with pytest.raises(DataError, match="unrecognised Likert answer"):
        normalise_likert(garbage, file="f.csv", row=2, column="overall_engagement")


@pytest.mark.parametrize(("raw", "value"), [("Yes", True), ("n", False), ("TRUE", True), ("0", False),
                                            ("", None), (None, None)])
def test_yes_no_answers(raw, value):
    from lepstudy.inputs.clean import normalise_yes_no

    assert normalise_yes_no(raw) is value


def test_yes_no_column_reports_every_bad_cell():
    from lepstudy.core.errors import DataErrors
    from lepstudy.inputs.clean import normalise_yes_no_column

    frame = pd.DataFrame({"responded": ["yes", "maybe", "no", "perhaps"]})
    with pytest.raises(DataErrors) as info:
        normalise_yes_no_column(frame, "responded", "r.csv")
    assert [e.row for e in info.value.errors] == [3, 5]
