"""PLACEHOLDER (being written): programme mentions."""
from __future__ import annotations
def find_program_mentions(text, structure):
    return []
def group_programs(mentions, structure):
    return []
