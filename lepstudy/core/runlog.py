"""Logging for a run: the console (warnings and above) and a run log in the output folder (everything), with
Python warnings routed to the log so statistical warnings are recorded, never silenced."""

from __future__ import annotations

import logging
from pathlib import Path

from lepstudy.core.config import Settings

RUN_LOG = "_run.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def start_run_log(settings: Settings, console_level: int = logging.WARNING) -> Path:
    """Send lepstudy's log (and ``warnings.warn``) to ``<processed>/_run.log`` and to the console; returns the
    log's path. Calling it again replaces the handlers of the earlier call."""
    path = settings.processed_dir / RUN_LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.captureWarnings(False)      # re-install, in case something replaced warnings.showwarning since
    logging.captureWarnings(True)
    to_file = logging.FileHandler(path, mode="w", encoding="utf-8")
    to_file.setFormatter(logging.Formatter(FORMAT))
    to_console = logging.StreamHandler()
    to_console.setLevel(console_level)
    to_console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    for handler in (to_file, to_console):
        handler._lepstudy = True  # type: ignore[attr-defined]
    for name in ("lepstudy", "py.warnings"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        for handler in [h for h in logger.handlers if getattr(h, "_lepstudy", False)]:
            logger.removeHandler(handler)
            handler.close()
        logger.addHandler(to_file)      # one file handle shared by both loggers
        logger.addHandler(to_console)
        logger.propagate = False
    return path
