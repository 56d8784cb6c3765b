"""Tables as the pages show them: caption, header scopes, no index column, '—' with a footnote, rounding."""

import numpy as np
import pandas as pd

from lepstudy.outputs.present import FOOTNOTE, table_html


def test_table_has_caption_scopes_and_no_index():
    frame = pd.DataFrame({"lep_name": ["A", "B"], "share": [0.123456, np.nan], "year": [2017, 2019],
                          "seat": [True, False], "population": [1234567, 89]}, index=[7, 9])
    text = table_html(frame, "A caption")
    assert text.startswith('<div class="table-wrap" role="region" aria-label="A caption" tabindex="0">'
                           '<table class="lepstudy-table"><caption>A caption</caption>')
    assert text.count('scope="col"') == 5 and ">7<" not in text          # no index column
    assert "<th scope=\"col\">LEP</th>" in text and "<th scope=\"col\">Population</th>" in text
    assert "<td>0.123</td>" in text and "<td>2017</td>" in text and "<td>1,234,567</td>" in text
    assert "<td>yes</td>" in text and "<td>—</td>" in text and FOOTNOTE in text


def test_row_labels_get_a_row_scope_and_no_footnote_without_blanks():
    frame = pd.DataFrame({"full": [38]}, index=pd.Index(["n_leps"], name="variant"))
    text = table_html(frame, "Summary", row_labels=True)
    assert '<th scope="row">LEPs</th>' in text and FOOTNOTE not in text


def test_code_names_become_words_and_addresses_stay():
    frame = pd.DataFrame({"comparison": ["lis_published by main_board_vcs", "https://x.org/a_b?utm_source=y"],
                          "counted": ["True", "False"], "effect_ci_low": [0.5, 0.25], "seat": ["n", "cvs"]})
    text = table_html(frame, "Tests")
    assert "<td>Local Industrial Strategy published by VCS seat on the main board</td>" in text
    assert "<td>https://x.org/a_b?utm_source=y</td>" in text
    assert "<td>yes</td>" in text and "<td>no</td>" in text
    assert '<th scope="col">Effect, 95% interval from</th>' in text
    assert "<td>n</td>" in text and "<td>CVS</td>" in text
