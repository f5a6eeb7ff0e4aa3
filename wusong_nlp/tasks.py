"""PLACEHOLDER (being written): tasks."""
from __future__ import annotations
def find_tasks(text, structure, actors, programs, commitments):
    return []
