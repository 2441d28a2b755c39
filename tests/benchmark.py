"""Start-up benchmark for the installed ``nato-guide`` (run on demand, not by pytest).

    uv run python tests/benchmark.py [--rounds 30] [--warmup 3]

Each command runs as a whole process, alternating with ``python -c pass`` in every round,
so machine noise hits both alike. Printed per command: the median wall time, the median
of the per-round ratios to ``python -c pass``, and the peak RSS. Bytecode is compiled first,
as a real install would have it (this machine sets PYTHONDONTWRITEBYTECODE=1).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).with_name("nato-guide")

COMMANDS: list[tuple[str, list[str], dict[str, str]]] = [
    ("--version", ["--version"], {}),
    ("--help", ["--help"], {}),
    ("welcome", [], {}),
    ("topics", ["topics"], {}),
    ("topic ID", ["topic", "not-one-inch"], {}),
    ("docs", ["docs"], {}),
    ("doc ID", ["doc", "bucharest-summit-declaration-2008"], {}),
    ("read ID", ["read", "budapest-memorandum-1994"], {}),
    ("progress", ["progress"], {}),
    ("docs --json", ["docs", "--json"], {}),
    (
        "completion",
        [],
        {
            "_NATO_GUIDE_COMPLETE": "complete_bash",
            "COMP_WORDS": "nato-guide doc bu",
            "COMP_CWORD": "2",
        },
    ),
]


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds from spawn to reap, and peak RSS in KiB, of one process."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    start = time.perf_counter()
    pid = os.posix_spawn(
        argv[0],
        argv,
        env,
        file_actions=[
            (os.POSIX_SPAWN_DUP2, devnull, 1),
            (os.POSIX_SPAWN_DUP2, devnull, 2),
        ],
    )
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(devnull)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed with {os.waitstatus_to_exitcode(status)}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()

    if not SCRIPT.exists():
        raise SystemExit(f"{SCRIPT} not found: run through `uv run`")
    compileall.compile_dir(REPO / "nato_guide", quiet=1)
    site = Path(sys.executable).parent.parent / "lib"
    compileall.compile_dir(site, quiet=1)

    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(
            NATO_GUIDE_PROGRESS=str(Path(tmp) / "progress.toml"),
            HOME=tmp,
            XDG_DATA_HOME=str(Path(tmp) / "data"),
            COLUMNS="100",
        )
        baseline = [sys.executable, "-c", "pass"]
        table: dict[str, list[tuple[float, int]]] = {name: [] for name, _, _ in COMMANDS}
        ratios: dict[str, list[float]] = {name: [] for name, _, _ in COMMANDS}
        base_times: list[float] = []
        for round_no in range(args.warmup + args.rounds):
            order = COMMANDS[round_no % len(COMMANDS) :] + COMMANDS[: round_no % len(COMMANDS)]
            for name, argv, extra in order:
                base, _ = run_once(baseline, env)
                took, rss = run_once([str(SCRIPT), *argv], {**env, **extra})
                if round_no >= args.warmup:
                    base_times.append(base)
                    table[name].append((took, rss))
                    ratios[name].append(took / base)

    print(f"python -c pass: median {statistics.median(base_times) * 1000:.1f} ms")
    print(f"{'command':<14} {'median ms':>10} {'x pass':>8} {'peak RSS MiB':>13}")
    for name, _, _ in COMMANDS:
        times = [t for t, _ in table[name]]
        peak = max(r for _, r in table[name]) / 1024
        print(
            f"{name:<14} {statistics.median(times) * 1000:>10.1f} "
            f"{statistics.median(ratios[name]):>8.2f} {peak:>13.1f}"
        )


if __name__ == "__main__":
    main()
