"""Shared ground of every stage: errors, the domain's words, config and its schemas, robust file reading, atomic
records and the run manifest file, table schemas, the table catalogue, the store read back, run log and lock. It
imports no stage.
"""
