"""The extractors: plain functions over the analysed text and its `Structure`, no spaCy.

One module per kind of thing found, in the order a document goes through them:
quantities (with formulations and kinds) → commitments → actors (actor_names, notes)
→ programmes → tasks. Each returns `records` dataclasses with offsets into the text.
"""

from .actor_names import group_actors
from .actors import find_actor_mentions
from .commitments import find_commitments
from .programs import find_program_mentions, group_programs
from .quantities import find_quantities
from .tasks import find_tasks

__all__ = ["find_quantities", "find_commitments", "find_actor_mentions", "group_actors",
           "find_program_mentions", "group_programs", "find_tasks"]
