"""Stage 2, analysis: pure functions, frames and typed config in, frames out; no paths, no file reads."""
