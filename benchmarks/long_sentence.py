"""Time per character of `analyze()` on one ever longer sentence (issue 14, point 4).

    PYTHONPATH=. python benchmarks/long_sentence.py [--repeat N]

The text is a heading and N clauses `新增养老床位100张，` with no full stop between them,
so every clause lands in one sentence. Linear time shows as a flat µs/char column from
1,000 to 8,000 clauses; the last column is each row's figure over the first row's.
"""

from __future__ import annotations

import argparse
import gc
import time

import wusong_nlp


def run(clauses: int, repeat: int) -> tuple[int, float]:
    text = "一、推进工作\n" + "新增养老床位100张，" * clauses
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        wusong_nlp.analyze(text).to_dict()
        best = min(best, time.perf_counter() - t)
    return len(text), best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    wusong_nlp.analyze("一、推进工作\n新增养老床位100张，新增养老床位100张。")  # warm-up
    print(f"{'clauses':>8} {'chars':>7} {'seconds':>8} {'µs/char':>8} {'vs first':>8}")
    first = None
    for clauses in (1000, 2000, 4000, 8000):
        chars, seconds = run(clauses, args.repeat)
        per = seconds / chars * 1e6
        first = first or per
        print(f"{clauses:8d} {chars:7d} {seconds:8.2f} {per:8.1f} {per / first:8.2f}")


if __name__ == "__main__":
    main()
