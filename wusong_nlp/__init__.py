"""wusong-nlp: Chinese government plan documents as structured data.

The path a document takes, one module per stage:
reading (file → text) → outline (text → outline, sentences) → pipeline (spaCy Doc with
extractor components: quantities, commitments, actors, programs, tasks) → analysis
(PlanAnalysis, JSON) → graph (networkx), evaluate (scores against gold files).
"""

from .analysis import PlanAnalysis, analyze, schema
from .pipeline import load
from .reading import InputError, read_document

__all__ = ["PlanAnalysis", "analyze", "schema", "load", "InputError", "read_document"]
__version__ = "0.1.0"
