"""lepstudy: reproducible re-analysis of NCVO's 2020 study of LEPs' engagement with the voluntary sector."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("lepstudy")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+unknown"
