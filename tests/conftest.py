"""Shared fixtures: the corpus, its gold files, and analyses computed once per session."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = CORPUS / "annotations"
SEED = CORPUS / "wusong_2021_work_points.txt"


@cache
def analysis_of(name: str):
    """The analysis of a corpus document (cached: the pipeline is deterministic)."""
    import wusong_nlp

    return wusong_nlp.analyze(CORPUS / name)


@cache
def text_and_structure(name: str):
    """A corpus document's analysed text and its structure (for testing one extractor)."""
    from wusong_nlp.outline import read_structure
    from wusong_nlp.reading import read_document

    text = read_document(CORPUS / name).text
    return text, read_structure(text)


@cache
def dict_of(name: str) -> dict:
    return analysis_of(name).to_dict()


def gold_of(name: str) -> dict:
    stem = Path(name).stem
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_analysis():
    return analysis_of(SEED.name)


@pytest.fixture(scope="session")
def seed_gold():
    return gold_of(SEED.name)
