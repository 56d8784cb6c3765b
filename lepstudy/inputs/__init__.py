"""Stage 1, inputs: every file is read, cleaned, validated and flagged here; nothing is scored."""
