"""Scoring: the engagement rubric and the inclusive growth strategy codebook."""
