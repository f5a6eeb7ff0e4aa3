"""Regenerate wusong_nlp/data/kind_model.json and program_model.json from the gold
files (deterministic).

Usage: python scripts/train_kinds.py [corpus/annotations] [--cv]
With --cv, also prints leave-one-document-out target scores, computed by
`evaluation.scoring.evaluate_files(paths, folds=True)`: the same figures as
`wusong-nlp evaluate corpus/annotations/*.json --folds`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from wusong_nlp.evaluation.scoring import evaluate_files
from wusong_nlp.evaluation.training import train_model, train_program_model
from wusong_nlp.extract import kinds, program_model

ROOT = Path(__file__).resolve().parent.parent


def _f(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    folder = Path(args[0]) if args else ROOT / "corpus" / "annotations"
    paths = sorted(folder.glob("*.json"))
    for trained, name in ((train_model(paths), kinds.MODEL_FILE),
                          (train_program_model(paths), program_model.MODEL_FILE)):
        model = trained.to_dict()
        out = ROOT / "wusong_nlp" / "data" / name
        out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n",
                       encoding="utf-8")
        print(f"{out}: {len(model['features'])} features, {model['examples']} examples, "
              f"classes {model['classes']}")
    if "--cv" in argv:
        report = evaluate_files(paths, folds=True)
        rows = [(Path(d["document"]).stem, d) for d in report["documents"]]
        for name, d in rows + [("TOTAL (micro)", report["total"])]:
            if "error" in d:
                print(f"{name}\terror: {d['error']}")
                continue
            t = d["targets"]
            print(f"{name}\ttp={t['tp']}\tfp={t['fp']}\tfn={t['fn']}\tP={_f(t['precision'])}"
                  f"\tR={_f(t['recall'])}\tF1={_f(t['f1'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
