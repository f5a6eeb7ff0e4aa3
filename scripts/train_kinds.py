"""Regenerate wusong_nlp/data/kind_model.json from the gold files (deterministic).

Usage: python scripts/train_kinds.py [corpus/annotations] [--cv]
With --cv, also prints leave-one-document-out target scores.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from wusong_nlp import kinds

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    folder = Path(args[0]) if args else ROOT / "corpus" / "annotations"
    paths = sorted(folder.glob("*.json"))
    model = kinds.train_model(paths)
    out = ROOT / "wusong_nlp" / "data" / kinds.MODEL_FILE
    out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{out}: {len(model['features'])} features, {model['examples']} examples, "
          f"classes {model['classes']}")
    if "--cv" in argv:
        for name, (tp, fp, fn) in kinds.target_scores(paths).items():
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"{name}\ttp={tp}\tfp={fp}\tfn={fn}\tP={p:.3f}\tR={r:.3f}\tF1={f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
