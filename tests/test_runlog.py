"""The run log records lepstudy's messages and Python warnings (statistical warnings are never silenced)."""

import logging
import warnings

from lepstudy.core.config import load_settings
from lepstudy.core.runlog import start_run_log


def test_run_log_records_messages_and_warnings(tmp_path):
    settings = load_settings(output_dir=tmp_path)
    with warnings.catch_warnings():      # independent of how the test runner itself captures warnings
        warnings.simplefilter("always")
        path = start_run_log(settings)
        logging.getLogger("lepstudy.pipeline.steps").info("wrote a table (3 rows)")
        warnings.warn("the Hessian is not positive definite", RuntimeWarning, stacklevel=1)
    for handler in logging.getLogger("lepstudy").handlers + logging.getLogger("py.warnings").handlers:
        handler.flush()
    text = path.read_text()
    assert path == tmp_path / "data" / "processed" / "_run.log"
    assert "wrote a table (3 rows)" in text
    assert "RuntimeWarning: the Hessian is not positive definite" in text
    start_run_log(settings)          # a second run replaces, not duplicates, the handlers
    assert sum(getattr(h, "_lepstudy", False) for h in logging.getLogger("lepstudy").handlers) == 2
    logging.captureWarnings(False)
    for name in ("lepstudy", "py.warnings"):          # leave logging as the other tests expect it
        logger = logging.getLogger(name)
        for handler in [h for h in logger.handlers if getattr(h, "_lepstudy", False)]:
            logger.removeHandler(handler)
            handler.close()
        logger.propagate = True
