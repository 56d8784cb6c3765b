"""Stage 4, outputs: figures, words and the publication, drawn from the processed tables (the store) only."""
