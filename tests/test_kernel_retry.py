"""A kernel that dies while starting (a TCP port taken by another process) is started again; a notebook's own
error is never retried."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lepstudy.pipeline import report


@pytest.fixture()
def tiny(settings, tmp_path):
    source = tmp_path / "01-tiny.py"
    source.write_text("# %%\nprint('ran')\n")
    return source, replace(settings, reports_dir=tmp_path / "reports")


def _failing(times: int, error: Exception, calls: list):
    def execute(*args, **kwargs):
        calls.append(args)
        if len(calls) <= times:
            raise error

    return execute


def test_a_kernel_that_dies_at_start_is_started_again(tiny, monkeypatch):
    source, settings = tiny
    calls = []
    monkeypatch.setattr(report.papermill, "execute_notebook", _failing(2, RuntimeError(report.KERNEL_DIED), calls))
    executed = report.execute_notebook(source, settings)
    assert len(calls) == 3 and executed.is_file()


def test_it_gives_up_after_the_last_attempt(tiny, monkeypatch):
    source, settings = tiny
    calls = []
    monkeypatch.setattr(report.papermill, "execute_notebook", _failing(9, RuntimeError(report.KERNEL_DIED), calls))
    with pytest.raises(RuntimeError, match="Kernel died"):
        report.execute_notebook(source, settings)
    assert len(calls) == report.KERNEL_START_ATTEMPTS


@pytest.mark.parametrize("error", [RuntimeError("a notebook cell failed"), ValueError("bad parameter")])
def test_other_errors_are_not_retried(tiny, monkeypatch, error):
    source, settings = tiny
    calls = []
    monkeypatch.setattr(report.papermill, "execute_notebook", _failing(1, error, calls))
    with pytest.raises(type(error)):
        report.execute_notebook(source, settings)
    assert len(calls) == 1
