"""The header and six valid rows of a sector-feedback file from which the malformed-input corpus generators
(``make_bad_corpus.py``, ``make_stress_cases.py``) derive their cases."""

HEADER = ("respondent_id,lep,org_type,board_rep_representative,other_channels,focus_social_inclusion,"
          "ukspf_readiness,overall_engagement,free_text")
GOOD = [
    "R1,Cumbria,cvs,4,3,3,2,4,Helpful officers",
    "R2,Cumbria,single_issue,2,2,3,2,2,",
    "R3,Tees Valley,social_enterprise,3,3,4,3,3,Some consultation",
    "R4,Tees Valley,other,1,2,2,1,1,",
    "R5,New Anglia,cvs,5,4,4,4,5,Strong partnership",
    "R6,New Anglia,single_issue,3,3,3,3,3,",
]
