"""PLACEHOLDER (being written): targets as commitments."""
from __future__ import annotations
def find_commitments(text, structure, quantities):
    return []
