"""Evidence coverage per LEP: for each item, is it public, synthetic (demonstration fill) or unknown."""

from __future__ import annotations

import pandas as pd

from lepstudy.core.containers import StrategySources

RESPONSE_ITEMS = {
    "main board VCS seat": "main_board_vcs",
    "seat type": "main_board_seat_type",
    "VCS on a sub-group": "subgroup_vcs",
    "ESIF VCS member": "esif_vcs_member",
    "answered NCVO": "responded",
    "code of practice": "code_of_practice",
}


def evidence_coverage(reference: pd.DataFrame, strategy: StrategySources, responses: pd.DataFrame,
                      feedback_synthetic: bool, responses_synthetic: bool) -> pd.DataFrame:
    """Long table: lep17_code, lep_name, item, status (public / synthetic / private / unknown)."""
    codes = reference[["lep17_code", "canonical_name"]].rename(columns={"canonical_name": "lep_name"})
    rows = []
    apr_known = set(strategy.apr.dropna(subset=["strategy"])["lep17_code"])
    lis = strategy.lis.set_index("lep17_code")["lis_published"]
    responses = responses.set_index("lep17_code")
    for code, name in codes.itertuples(index=False):
        rows += [(code, name, "IMD 2019", "public"), (code, name, "population 2019", "public")]
        for label, column in RESPONSE_ITEMS.items():
            flag = responses.at[code, f"{column}_source"] if f"{column}_source" in responses else None
            if not responses_synthetic:
                status = "private"
            else:
                status = "public" if flag == "public" else "synthetic"
            rows.append((code, name, label, status))
        rows.append((code, name, "APR strategy rating", "public" if code in apr_known else "unknown"))
        rows.append((code, name, "Local Industrial Strategy", "public" if pd.notna(lis.get(code)) else "unknown"))
        rows.append((code, name, "sector feedback", "synthetic" if feedback_synthetic else "private"))
    table = pd.DataFrame(rows, columns=["lep17_code", "lep_name", "item", "status"])
    table["synthetic_inputs"] = table["status"] == "synthetic"
    return table


def coverage_summary(coverage: pd.DataFrame) -> pd.DataFrame:
    """Counts of LEPs per item and status, in 'X of N' form."""
    n = coverage["lep17_code"].nunique()
    table = coverage.pivot_table(index="item", columns="status", values="lep17_code", aggfunc="count",
                                 fill_value=0, sort=False)
    table = table.reindex(list(dict.fromkeys(coverage["item"])))
    table["n_leps"] = n
    return table.reset_index()
