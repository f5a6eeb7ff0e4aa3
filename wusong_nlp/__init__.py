"""wusong-nlp: Chinese government plan documents as structured data.

The path a document takes, one layer on another:
reading (file → text) → outline (text → outline, paragraphs, sentences) → extract/
(quantities, commitments, actors, programmes, tasks: plain functions) → analysis
(PlanAnalysis, JSON) → graph (networkx) → tracking (a plan's targets into the next
report, successive plans compared); pipeline is the spaCy adapter of the same
extractors; views/ shows an analysis (DataFrames, task table, report); evaluation/
scores it against gold files and trains the kind model.
"""

from .analysis import PlanAnalysis, analyze, schema
from .batch import analyze_many
from .reading import InputError, read_document
from .tracking import compare, target_panel, track
from .views.corpus import corpus_frames

__all__ = ["PlanAnalysis", "analyze", "analyze_many", "corpus_frames", "schema", "load",
           "InputError", "read_document", "track", "compare", "target_panel"]


def load(*args, **kwargs):
    """The wusong spaCy pipeline (see `pipeline.load`); spaCy is imported only here, so
    `analyze()` and the command line start without it."""
    from .pipeline import load as _load

    return _load(*args, **kwargs)


__version__ = "0.2.0"
