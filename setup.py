"""scrapyd-deploy builds its egg with `python setup.py bdist_egg` and, where no
setup.py exists, writes one of its own that leaves out package data and the
settings entry point; every piece of metadata lives in pyproject.toml."""

from setuptools import setup

setup()
