"""A trained linear classifier as plain data: feature names, classes, coefficients.

The kind classifier of quantities and the filter of programme names are both logistic
regressions over sparse string features. Both ship as JSON (no unpickling, no
scikit-learn at run time) and predict with one numpy product per document; this class
is what they share. Subclasses name their JSON `FORMAT`, so that a kind model is never
loaded where a programme model is expected.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np


class LinearModel:
    """Weights of a fitted logistic regression over string features.

    Built with `from_dict` (the JSON a training function writes) or `load`; `to_dict`
    gives the JSON back unchanged.
    """

    FORMAT = "wusong-linear/1"
    WHAT = "linear model"

    def __init__(self, data: dict):
        self.data = data
        self.classes_: list[str] = list(data["classes"])
        self._vocab = {f: i for i, f in enumerate(data["features"])}
        self._coef = np.asarray(data["coef"], dtype=np.float64)
        self._intercept = np.asarray(data["intercept"], dtype=np.float64)
        if self._coef.shape != (len(self._vocab), len(self.classes_)):
            raise ValueError(f"{self.WHAT}: coefficients do not match features × classes")

    @classmethod
    def from_dict(cls, data: dict):
        if not isinstance(data, dict) or data.get("format") != cls.FORMAT:
            raise ValueError(f"not a wusong {cls.WHAT} (format {cls.FORMAT})")
        return cls(data)

    @classmethod
    def load(cls, path: str | Path):
        """A model from its JSON file."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def to_dict(self) -> dict:
        return self.data

    def predict_proba(self, rows: list[list[str]]) -> np.ndarray:
        """Class probabilities for feature rows, one vectorised product for the document."""
        n = len(rows)
        idx_rows: list[int] = []
        idx_cols: list[int] = []
        get = self._vocab.get
        for r, feats in enumerate(rows):  # the known features of a row, in one map
            cols = [j for j in map(get, set(feats)) if j is not None]
            idx_cols += cols
            idx_rows += [r] * len(cols)
        scores = np.tile(self._intercept, (n, 1))
        if idx_cols:
            np.add.at(scores, np.asarray(idx_rows), self._coef[np.asarray(idx_cols)])
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)
