"""Regenerate tests/data/bad/ (the malformed-input corpus) and its EXPECTED.csv. Run from the repo root."""

import csv
import io
from pathlib import Path

import pandas as pd
from feedback_rows import GOOD, HEADER

OUT = Path("tests/data/bad")
OUT.mkdir(parents=True, exist_ok=True)
for p in OUT.glob("*"):
    p.unlink()
rows = []
H = HEADER


def sf(name, lines, outcome, loader="sector_feedback", expect="", note="", header=H, enc="utf-8", nl="\n", bom=False):
    text = nl.join([header] + lines) + nl
    data = text.encode(enc)
    if bom:
        data = b"\xef\xbb\xbf" + data
    (OUT / name).write_bytes(data)
    rows.append((name, loader, outcome, expect, note))


def sub(i, old, new, lines=GOOD):
    out = list(lines)
    out[i] = out[i].replace(old, new, 1)
    return out


sf(
    "sf_missing_column.csv",
    [line.rsplit(",", 2)[0] + "," + line.rsplit(",", 1)[1] for line in GOOD],
    "error",
    expect="missing column(s) 'overall_engagement'",
    header=H.replace(",overall_engagement", ""),
    note="column dropped",
)
sf(
    "sf_renamed_column.csv",
    GOOD,
    "error",
    expect="missing column(s) 'overall_engagement'",
    header=H.replace("overall_engagement", "Overall engagement (1-5)"),
    note="column renamed by hand",
)
sf(
    "sf_extra_column.csv",
    [line + ",x" for line in GOOD],
    "clean",
    header=H + ",notes",
    note="extra columns are ignored",
)
sf(
    "sf_likert_word.csv",
    sub(1, ",2,2,3,2,2,", ",2,2,3,2,two,"),
    "error",
    expect="row 3, column 'overall_engagement': unrecognised Likert answer (found 'two')",
    note="number typed as a word",
)
sf(
    "sf_likert_three.csv",
    sub(2, ",3,3,4,3,3,", ",three,3,4,3,3,"),
    "error",
    expect="row 4, column 'board_rep_representative': unrecognised Likert answer (found 'three')",
    note="number typed as a word",
)
sf("sf_likert_na.csv", sub(0, ",4,3,3,2,4,", ",N/A,3,3,2,4,"), "clean", note="N/A is a non-answer (missing)")
sf("sf_likert_dash.csv", sub(0, ",4,3,3,2,4,", ",-,3,3,2,4,"), "clean", note="a dash is a non-answer (missing)")
sf("sf_likert_blank.csv", sub(0, ",4,3,3,2,4,", ",,3,3,2,4,"), "clean", note="blank is missing")
sf(
    "sf_likert_six.csv",
    sub(0, ",4,3,3,2,4,", ",6,3,3,2,4,"),
    "error",
    expect="column 'board_rep_representative': unrecognised Likert answer (found '6')",
    note="out of range",
)
sf(
    "sf_likert_zero.csv",
    sub(0, ",4,3,3,2,4,", ",0,3,3,2,4,"),
    "error",
    expect="unrecognised Likert answer (found '0')",
    note="out of range",
)
sf(
    "sf_likert_decimal.csv",
    sub(0, ",4,3,3,2,4,", ",4.5,3,3,2,4,"),
    "error",
    expect="unrecognised Likert answer (found '4.5')",
    note="not a whole answer",
)
sf(
    "sf_likert_text.csv",
    sub(0, ",4,3,3,2,4,", ",Strongly agree,agree,Neutral,disagree,Very good,"),
    "clean",
    note="Likert phrases are mapped to 1-5",
)
sf(
    "sf_unknown_lep.csv",
    sub(3, "Tees Valley", "Northern Powerhouse"),
    "error",
    expect="row 5, column 'lep': unknown LEP name (found 'Northern Powerhouse')",
    note="not a LEP",
)
sf("sf_misspelt_lep.csv", sub(0, "Cumbria", "Cumbira"), "error", expect="closest: Cumbria", note="typo in a LEP name")
sf(
    "sf_lep_variants.csv",
    sub(2, "Tees Valley", "D2N2 LEP", sub(4, "New Anglia", "the marches", sub(0, "Cumbria", "GFirst"))),
    "clean",
    note="LEP name variants resolve",
)
sf(
    "sf_duplicate_respondent.csv",
    GOOD + [GOOD[0]],
    "error",
    expect="row 8, column 'respondent_id': duplicate row",
    note="respondent pasted twice",
)
sf("sf_bom.csv", GOOD, "clean", bom=True, note="UTF-8 byte-order mark from Excel")
sf("sf_crlf.csv", GOOD, "clean", nl="\r\n", note="Windows line endings")
sf(
    "sf_latin1.csv",
    sub(0, "Helpful officers", "Très bien; café meeting"),
    "clean",
    enc="latin-1",
    note="Latin-1 encoded text",
)
sf(
    "sf_unquoted_comma.csv",
    sub(0, "Helpful officers", "Helpful, friendly officers"),
    "error",
    expect="row 2: row has 10 fields but the header has 9",
    note="a comma inside an unquoted value",
)
(OUT / "sf_empty.csv").write_bytes(b"")
rows.append(("sf_empty.csv", "sector_feedback", "error", "the file is empty", "zero bytes"))
sf("sf_header_only.csv", [], "error", expect="the file has a header but no data rows", note="no rows")
(OUT / "sf_html.csv").write_text(
    "<!DOCTYPE html>\n<html><head><title>Sign in</title></head>"
    "<body><table><tr><td>respondent_id</td></tr></table></body></html>\n"
)
rows.append(("sf_html.csv", "sector_feedback", "error", "the file is an HTML page", "a web page saved as .csv"))
sf(
    "sf_bad_org_type.csv",
    sub(1, "single_issue", "trustee"),
    "error",
    expect="row 3, column 'org_type': unrecognised organisation type (found 'trustee')",
    note="unknown organisation type",
)
sf(
    "sf_many_errors.csv",
    sub(0, "Cumbria", "Cumbira", sub(1, ",2,2,3,2,2,", ",9,2,3,2,2,", sub(2, "social_enterprise", "club"))),
    "error",
    expect="3 problem(s) found",
    note="every problem is reported at once",
)
sf(
    "sf_semicolons.csv",
    [line.replace(",", ";") for line in GOOD],
    "error",
    header=H.replace(",", ";"),
    expect="missing column(s)",
    note="European CSV with semicolons",
)
# Excel files
df = pd.read_csv(io.StringIO("\n".join([H] + GOOD)), dtype=str)
with pd.ExcelWriter(OUT / "sf_title_row.xlsx") as w:
    pd.DataFrame([["Sector feedback survey, exported 2020-02-01"]]).to_excel(w, index=False, header=False, startrow=0)
    df.to_excel(w, index=False, startrow=2)
rows.append(("sf_title_row.xlsx", "sector_feedback", "clean", "", "Excel with a title row above the header"))
df2 = df.copy()
df2["board_rep_representative"] = df2["board_rep_representative"].astype(float)
df2.to_excel(OUT / "sf_excel_floats.xlsx", index=False)
rows.append(("sf_excel_floats.xlsx", "sector_feedback", "clean", "", "Excel stores 4 as 4.0"))
(OUT / "sf_not_really_excel.xlsx").write_text("this is not a workbook\n")
rows.append(
    ("sf_not_really_excel.xlsx", "sector_feedback", "error", "cannot read the workbook", "a text file named .xlsx")
)

# lep_responses
base = pd.read_csv("data/synthetic/lep_responses.csv", dtype=str)
cols = [
    "lep17_code",
    "responded",
    "main_board_size",
    "main_board_vcs_seats",
    "main_board_seat_type",
    "subgroup_vcs",
    "esif_vcs_member",
    "code_of_practice",
]
base = base[cols]


def lr(name, frame, outcome, expect="", note=""):
    frame.to_csv(OUT / name, index=False)
    rows.append((name, "lep_responses", outcome, expect, note))


f = base.copy()
f.loc[3, "main_board_size"] = "three"
lr(
    "lr_wrong_type.csv",
    f,
    "error",
    "row 5, column 'main_board_size': wrong type (found 'three')",
    "board size typed as a word",
)
f = base.copy()
f.loc[6, "lep17_code"] = f.loc[5, "lep17_code"]
lr("lr_duplicate_lep.csv", f, "error", "row 8, column 'lep17_code': duplicate row", "a LEP appears twice")
f = base.drop(index=10).copy()
lr("lr_missing_lep.csv", f, "error", "no row for 1 LEP(s)", "one LEP missing")
f = base.copy()
f["responded"] = ["Yes", "no", "Y", "N", "1", "0", "TRUE", "false"] * 4 + ["yes"] * 6
lr("lr_yes_no_variants.csv", f, "clean", note="yes/no spellings are normalised")
f = base.copy()
f.loc[2, "code_of_practice"] = "maybe"
lr(
    "lr_bad_boolean.csv",
    f,
    "error",
    "row 4, column 'code_of_practice': not a yes/no value (found 'maybe')",
    "not yes/no",
)
f = base.copy()
f.loc[0, "main_board_seat_type"] = "trustee"
lr("lr_bad_seat_type.csv", f, "error", "row 2, column 'main_board_seat_type'", "unknown seat type")
f = base.copy()
f.loc[1, "main_board_vcs_seats"] = "-1"
lr("lr_negative_seats.csv", f, "error", "row 3, column 'main_board_vcs_seats'", "negative count")
f = base.copy()
f.loc[0:5, ["responded", "code_of_practice", "main_board_size"]] = None
lr("lr_blank_unknown.csv", f, "clean", note="blank cells are kept as unknown")
f = base.copy()
f.loc[4, "esif_vcs_member"] = "N/A"
lr(
    "lr_esif_na.csv",
    f,
    "error",
    "row 6, column 'esif_vcs_member'",
    "N/A is not an ESIF status; leave blank for unknown",
)
f = base.copy()
f["lep17_code"] = f["lep17_code"].str.lower()
f = f.rename(columns={"lep17_code": "lep"})
lr("lr_lowercase_codes.csv", f, "clean", note="codes in lower case resolve")


# small hand-written files (holistic ratings, strategy coding)
def text_case(loader, name, text, outcome, expect="", note=""):
    (OUT / name).write_text(text)
    rows.append((name, loader, outcome, expect, note))


def hr(*args, **kwargs):
    text_case("holistic_ratings", *args, **kwargs)


def sc(*args, **kwargs):
    text_case("strategy_coding", *args, **kwargs)


hr(
    "hr_label_variants.csv",
    "lep,rater,rating\nCumbria,A,RI\nCumbria,B,requires improvement to be good\nDorset,A,Good \nDorset,B,inadequate \n",
    "clean",
    note="rating label variants",
)
hr(
    "hr_unknown_label.csv",
    "lep,rater,rating\nCumbria,A,Outstanding\nDorset,A,Good\n",
    "error",
    "row 2, column 'rating': unrecognised rating label (found 'Outstanding')",
    "an Ofsted label that the rubric does not use",
)
hr(
    "hr_duplicate.csv",
    "lep,rater,rating\nCumbria,A,Good\nCumbria,A,Good\n",
    "error",
    "duplicate row",
    "same rater twice",
)


sc(
    "sc_out_of_range.csv",
    "lep,coder,criterion,score\nCumbria,A,ig_objective,3\n",
    "error",
    "row 2, column 'score'",
    "score outside 0-2",
)
sc(
    "sc_score_word.csv",
    "lep,coder,criterion,score\nCumbria,A,ig_objective,two\n",
    "error",
    "row 2, column 'score': wrong type (found 'two')",
    "score typed as a word",
)
sc(
    "sc_unknown_criterion.csv",
    "lep,coder,criterion,score\nCumbria,A,vibes,1\n",
    "error",
    "row 2, column 'criterion': criterion not in the codebook (found 'vibes')",
    "criterion not in the codebook",
)
with open(OUT / "EXPECTED.csv", "w", newline="") as h:
    w = csv.writer(h, lineterminator="\n")
    w.writerow(["file", "loader", "outcome", "message_contains", "what_it_tests"])
    w.writerows(rows)
print(len(rows))
