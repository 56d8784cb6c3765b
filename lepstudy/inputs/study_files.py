"""The study's own config files (rubric, codebook, reconstruction, specifications), read and validated into
typed config (``core.config_schema``): the analysis takes these, never a path."""

from __future__ import annotations

from pathlib import Path

from lepstudy.core.config_schema import (
    CodebookConfig,
    ReconstructionConfig,
    RubricConfig,
    SpecificationConfig,
    content_sha256,
    load_config,
)


def rubric_config(path: str | Path) -> RubricConfig:
    """A rubric YAML, validated: a misspelt key, a value out of range, good below RI or unsorted cuts is an error
    naming the file and key."""
    return load_config(path, RubricConfig)


def rubric_fingerprint(path: str | Path) -> str:
    """sha256 of a rubric's validated content (comments and layout do not count): how a run tells the rubric fixed
    before any result was computed (``study.yaml``, ``preregistration.rubric_sha256``) from an edited one."""
    return content_sha256(rubric_config(path))


def codebook_config(path: str | Path) -> CodebookConfig:
    """The strategy codebook, validated."""
    return load_config(path, CodebookConfig)


def reconstruction_config(path: str | Path) -> dict:
    """The reconstruction settings (validated): which published figures constrain which field, samples."""
    return load_config(path, ReconstructionConfig).model_dump()


def specification_config(path: str | Path) -> SpecificationConfig:
    """The choices of the specification curve, validated."""
    return load_config(path, SpecificationConfig)
