"""Stage 3, the pipeline: sequences the steps and is the only writer of data/processed/, its manifest and the build
records; runs the notebooks and renders the pages.
"""
