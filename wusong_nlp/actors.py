"""PLACEHOLDER (being written): actor mentions and roles."""
from __future__ import annotations
def find_actor_mentions(text, structure):
    return []
def group_actors(mentions):
    return []
