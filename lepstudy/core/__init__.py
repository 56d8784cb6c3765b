"""Shared ground of every stage: errors, the domain's words, config and its schemas, robust file reading and atomic
writing, table schemas, run log and lock. It imports no stage.
"""
