"""Speed of wusong-nlp relative to jieba, measured in one run on the same machine.

    python benchmarks/bench.py [--repeat N]

Reports, as ratios (lower is better):
- warm `analyze()` + `to_dict()` on the seed and on the largest corpus document vs
  `jieba.lcut` of the same text (both after a warm-up, best of N runs, interleaved);
- the cold CLI (`wusong-nlp analyze seed`) vs a bare `import spacy, jieba` plus a first
  `jieba.lcut` in a fresh interpreter.
- with `--batch`: the throughput of `analyze_many` in 2 worker processes over that of 1
  (the corpus repeated `--times` times, JSON lines as the CLI writes them, pool start-up
  included), and the resident memory of one process after its 100th and its 1,000th
  document (cycling through the corpus).
Ratios, not seconds, so figures compare across machines.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def interleaved(fns: list, repeat: int) -> list[float]:
    """Best of `repeat` runs of each function, run in turn: a neighbour's load on the
    shared machine hits all of them alike, so their ratio holds."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, ts in zip(fns, times, strict=True):
            t = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t)
    return [min(ts) for ts in times]


def _run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, capture_output=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--batch", action="store_true", help="also worker throughput and RSS")
    ap.add_argument("--times", type=int, default=10, help="corpus repeats for --batch")
    args = ap.parse_args()

    import jieba

    import wusong_nlp
    from wusong_nlp.reading import read_document

    jieba.setLogLevel(60)
    seed = CORPUS / "wusong_2021_work_points.txt"
    largest = max(CORPUS.glob("*.txt"), key=lambda p: p.stat().st_size)
    print(f"{'document':48} {'chars':>7} {'jieba ms':>9} {'analyze ms':>11} {'ratio':>6}")
    for path in (seed, largest):
        text = read_document(path).text
        jieba.lcut(text)
        wusong_nlp.analyze(text).to_dict()
        tj, ta = interleaved([lambda t=text: jieba.lcut(t),
                              lambda t=text: wusong_nlp.analyze(t).to_dict()], args.repeat)
        print(f"{path.name:48} {len(text):7d} {tj * 1e3:9.1f} {ta * 1e3:11.1f} {ta / tj:6.2f}")

    with tempfile.TemporaryDirectory() as tmp:
        base = [sys.executable, "-c", "import spacy, jieba; jieba.setLogLevel(60); "
                f"jieba.lcut(open({str(seed)!r}, encoding='utf-8').read())"]
        cli = [sys.executable, "-m", "wusong_nlp.cli", "analyze", str(seed), "-o",
               str(Path(tmp) / "out.json")]
        tb, tc = interleaved([lambda: _run(base), lambda: _run(cli)], max(2, args.repeat // 2))
    print(f"cold CLI on the seed: {tc:.2f} s; bare import spacy, jieba + first cut: "
          f"{tb:.2f} s; ratio {tc / tb:.2f}")

    if args.batch:
        batch(args.times)


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def batch(times: int) -> None:
    """2 workers vs 1 over the corpus repeated; RSS of one process at document 100 and 1000."""
    from wusong_nlp.batch import iter_results

    paths = [str(p) for p in sorted(CORPUS.glob("*.txt"))] * times
    rates = {}
    for n in (1, 2, 1, 2):  # interleaved: a neighbour's load hits both alike
        t = time.perf_counter()
        done = sum(ok for ok, _ in iter_results(paths, n_process=n, as_json=True))
        rates.setdefault(n, []).append(done / (time.perf_counter() - t))
    one, two = max(rates[1]), max(rates[2])
    print(f"throughput over {len(paths)} documents: 1 process {one:.1f} doc/s, "
          f"2 processes {two:.1f} doc/s, ratio {two / one:.2f}")
    corpus = [str(p) for p in sorted(CORPUS.glob("*.txt"))]
    rss = {}
    for i, _pair in enumerate(iter_results(
            corpus[i % len(corpus)] for i in range(1000)), 1):
        if i in (100, 1000):
            rss[i] = _rss_mb()
    print(f"resident memory: after document 100 {rss[100]:.0f} MB, after 1000 "
          f"{rss[1000]:.0f} MB ({(rss[1000] / rss[100] - 1) * 100:+.1f}%)")


if __name__ == "__main__":
    main()
