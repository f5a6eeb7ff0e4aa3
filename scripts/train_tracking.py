"""Regenerate wusong_nlp/data/tracking_model.json from the tracking gold files.

Usage: python scripts/train_tracking.py [corpus/annotations/tracking] [--cv]
With --cv, also prints leave-one-pair-out scores (each pair tracked by a model fitted,
threshold included, on the other pairs): the figures of
`wusong-nlp evaluate corpus/annotations/tracking/*.json --folds`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from wusong_nlp import tracking
from wusong_nlp.evaluation.scoring import evaluate_tracking
from wusong_nlp.evaluation.tracking import format_tracking
from wusong_nlp.evaluation.training import train_link_model

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    folder = Path(args[0]) if args else ROOT / "corpus" / "annotations" / "tracking"
    paths = sorted(folder.glob("*.json"))
    model = train_link_model(paths).to_dict()
    out = ROOT / "wusong_nlp" / "data" / tracking.MODEL_FILE
    out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{out}: {len(model['terms'])} terms, {model['examples']} examples, "
          f"threshold {model['threshold']:.3f}")
    if "--cv" in argv:
        sys.stdout.write(format_tracking(evaluate_tracking(paths, folds=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
