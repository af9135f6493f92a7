"""How long loading a rule pack takes.

    python benchmarks/pack_load.py [--repeat 50]

warm: parse + compile + validate in a process that has already loaded the grammar (what a batch run
or a second check pays); cold: a fresh Python process importing the loader and loading the pack
(the grammar comes from Lark's cache in the user cache directory after the first run).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.dsl.loader import load_pack  # noqa: E402

COLD = ("import time; t=time.perf_counter(); from checker.dsl.loader import load_pack; "
        "load_pack({name!r}); print(time.perf_counter()-t)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    print(f"{'pack':<22} {'rules':>5} {'warm median ms':>15} {'warm p90 ms':>12} {'cold median ms':>15}")
    for name in ("xuncha", "xunshi", "local/example-city"):
        load_pack(name)  # grammar built, caches warm
        warm = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            pack = load_pack(name)
            warm.append((time.perf_counter() - t) * 1000)
        cold = []
        for _ in range(5):
            out = subprocess.run([sys.executable, "-c", COLD.format(name=name)], cwd=ROOT, capture_output=True, text=True, check=True)
            cold.append(float(out.stdout.strip()) * 1000)
        warm.sort()
        print(f"{name:<22} {len(pack.rules):>5} {statistics.median(warm):>15.1f} {warm[int(len(warm) * 0.9)]:>12.1f} "
              f"{statistics.median(cold):>15.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
