"""Start-up benchmark for the installed ``nato-guide`` (run on demand, not by pytest).

    uv run python tests/benchmark.py [--rounds 30] [--warmup 3] [--scale 50] [--scale-only]

Each command runs as a whole process, alternating with ``python -c pass`` in every round,
so machine noise hits both alike. Printed per command: the median wall time, the median
of the per-round ratios to ``python -c pass``, and the peak RSS. Bytecode is compiled first,
as a real install would have it (this machine sets PYTHONDONTWRITEBYTECODE=1).

Then the scale comparison: ``docs`` and ``progress`` on a generated content set
``--scale`` times the real one with a 5,000-entry progress file, alternating in every round
with the same commands on the real content; printed are both medians and the median of
the per-round ratios.

Peak RSS is measured apart, the most of three runs of each command, each started from a
bare interpreter (``python -I -S``): a process reports at least the RSS its parent had when
it was started, and this script's own is larger than the guide's smallest commands.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).with_name("nato-guide")

COMMANDS: list[tuple[str, list[str], dict[str, str]]] = [
    ("--version", ["--version"], {}),
    ("--help", ["--help"], {}),
    ("docs --help", ["docs", "--help"], {}),
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


def run_once(argv: list[str], env: dict[str, str]) -> float:
    """Wall seconds from spawn to reap of one process."""
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
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(devnull)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed with {os.waitstatus_to_exitcode(status)}")
    return elapsed


def scaled_content(target: Path, factor: int) -> list[str]:
    """Write a content set *factor* times the real one (copies of every topic and document
    under new ids) into *target*, and return the document ids."""
    import tomllib

    import tomli_w

    source = REPO / "data"
    (target / "topics").mkdir(parents=True)
    guide = tomllib.loads((source / "guide.toml").read_text(encoding="utf-8"))
    documents = tomllib.loads((source / "documents.toml").read_text(encoding="utf-8"))
    topic_ids: list[str] = []
    doc_entries = []
    for n in range(factor):
        for doc in documents["document"]:
            doc_entries.append(dict(doc, id=f"{doc['id']}-{n}"))
        for tid in guide["topics"]:
            topic = tomllib.loads((source / "topics" / f"{tid}.toml").read_text(encoding="utf-8"))
            new_id = f"{tid}-{n}"
            topic["id"] = new_id
            topic["documents"] = [f"{i}-{n}" for i in topic["documents"]]
            for part in topic.get("view", []) + topic.get("record", []):
                part["documents"] = [f"{i}-{n}" for i in part["documents"]]
            for quote in topic.get("quote", []):
                quote["document"] = f"{quote['document']}-{n}"
            (target / "topics" / f"{new_id}.toml").write_text(
                tomli_w.dumps(topic), encoding="utf-8"
            )
            topic_ids.append(new_id)
    perspectives = tomllib.loads((source / "perspectives.toml").read_text(encoding="utf-8"))
    for p in perspectives["perspective"]:
        p["documents"] = [f"{d}-0" for d in p["documents"]]
    (target / "perspectives.toml").write_text(tomli_w.dumps(perspectives), encoding="utf-8")
    (target / "documents.toml").write_text(
        tomli_w.dumps({"document": doc_entries}), encoding="utf-8"
    )
    guide["topics"] = topic_ids
    (target / "guide.toml").write_text(tomli_w.dumps(guide), encoding="utf-8")
    return [d["id"] for d in doc_entries]


def big_progress(path: Path, ids: list[str], entries: int) -> None:
    """A progress file with *entries* entries, a third of them for the given ids (the rest
    for documents the content no longer has), each marked at its own time."""
    from datetime import UTC, datetime, timedelta

    from nato_guide.progress import Entry, Progress, dump

    start = datetime(2026, 1, 1, tzinfo=UTC)
    current = ids[: entries // 3]
    chosen = [f"retired-document-{n:05d}" for n in range(entries - len(current))] + current
    path.write_bytes(
        dump(
            Progress(
                {did: Entry("read", start + timedelta(minutes=n)) for n, did in enumerate(chosen)}
            )
        )
    )


#: Starts the command in its argv, output discarded, and prints its peak RSS in KiB.
_RSS_PROBE = """
import os, sys
null = os.open(os.devnull, os.O_WRONLY)
out = [(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=out)
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss if os.waitstatus_to_exitcode(status) == 0 else -1)
"""


def peak_rss(argv: list[str], env: dict[str, str]) -> float:
    """The largest peak RSS, in MiB, of three runs of *argv* (see the module's notes)."""
    probe = [sys.executable, "-I", "-S", "-c", _RSS_PROBE, *argv]
    runs = [
        int(subprocess.run(probe, env=env, capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    ]
    if min(runs) < 0:
        raise SystemExit(f"{argv} failed")
    return max(runs) / 1024


def time_commands(
    commands: list[tuple[str, list[str], dict[str, str]]],
    env: dict[str, str],
    rounds: int,
    warmup: int,
) -> tuple[float, dict[str, list[float]], dict[str, list[float]]]:
    """Run every command alternately with ``python -c pass``; gather the times, and the
    ratios to ``python -c pass`` in the same round."""
    baseline = [sys.executable, "-c", "pass"]
    table: dict[str, list[float]] = {name: [] for name, _, _ in commands}
    ratios: dict[str, list[float]] = {name: [] for name, _, _ in commands}
    base_times: list[float] = []
    for round_no in range(warmup + rounds):
        shift = round_no % len(commands)
        for name, argv, extra in commands[shift:] + commands[:shift]:
            base = run_once(baseline, env)
            took = run_once([str(SCRIPT), *argv], {**env, **extra})
            if round_no >= warmup:
                base_times.append(base)
                table[name].append(took)
                ratios[name].append(took / base)
    return statistics.median(base_times), table, ratios


def startup(env: dict[str, str], rounds: int, warmup: int) -> None:
    """Time every command of :data:`COMMANDS` and print the table."""
    base, table, ratios = time_commands(COMMANDS, env, rounds, warmup)
    print(f"python -c pass: median {base * 1000:.1f} ms")
    print(f"{'command':<14} {'median ms':>10} {'x pass':>8} {'peak RSS MiB':>13}")
    for name, argv, extra in COMMANDS:
        times = table[name]
        peak = peak_rss([str(SCRIPT), *argv], {**env, **extra})
        print(
            f"{name:<14} {statistics.median(times) * 1000:>10.1f} "
            f"{statistics.median(ratios[name]):>8.2f} {peak:>13.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--scale", type=int, default=50, help="content multiple for the scale run")
    parser.add_argument("--scale-only", action="store_true", help="run only the scale comparison")
    parser.add_argument("--write-scaled", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_scaled:
        folder, progress, factor = args.write_scaled
        ids = scaled_content(Path(folder), int(factor))
        big_progress(Path(progress), ids, 5000)
        print(len(ids))
        return

    if not SCRIPT.exists():
        raise SystemExit(f"{SCRIPT} not found: run through `uv run`")
    site = Path(sys.executable).parent.parent / "lib"
    # In another process, like the scaled files below, so that this one stays small.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO / "nato_guide"), str(site)],
        check=True,
        stdout=subprocess.DEVNULL,
    )

    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(
            NATO_GUIDE_PROGRESS=str(Path(tmp) / "progress.toml"),
            HOME=tmp,
            XDG_DATA_HOME=str(Path(tmp) / "data"),
            XDG_CACHE_HOME=str(Path(tmp) / "cache"),
            COLUMNS="100",
        )
        env.pop("NATO_GUIDE_DATA", None)
        if not args.scale_only:
            startup(env, args.rounds, args.warmup)

        scaled = Path(tmp) / "scaled"
        big = Path(tmp) / "big-progress.toml"
        # Written by another process: a process started from this one reports this one's
        # peak RSS if that is higher, and generating the files would raise it.
        documents = subprocess.run(
            [sys.executable, __file__, "--write-scaled", str(scaled), str(big), str(args.scale)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        # Files written moments ago are read and checked on every start until they have
        # settled; an installed guide's files have.
        from nato_guide.content import SETTLED_NS

        time.sleep(SETTLED_NS / 1e9 + 0.5)
        scale = {"NATO_GUIDE_DATA": str(scaled), "NATO_GUIDE_PROGRESS": str(big)}
        # Normal and scaled runs alternate in every round, like the commands above, so that
        # a slower spell of the machine weighs on both; the figure is the median of the
        # per-round ratios.
        pairs = [("docs", ["docs"]), ("progress", ["progress"])]
        scale_commands: list[tuple[str, list[str], dict[str, str]]] = []
        for name, argv in pairs:
            scale_commands += [(name, argv, {}), (f"{name} at scale", argv, scale)]
        _, table, _ = time_commands(scale_commands, env, max(10, args.rounds // 2), 2)
        print(f"\nscale: {args.scale}x content ({documents} documents), 5,000 progress entries")
        print(
            f"{'command':<14} {'normal ms':>10} {'scaled ms':>10} {'x normal':>9} "
            f"{'scaled peak RSS MiB':>20}"
        )
        for name, argv in pairs:
            normal, large = table[name], table[f"{name} at scale"]
            ratio = statistics.median(b / a for a, b in zip(normal, large, strict=True))
            peak = peak_rss([str(SCRIPT), *argv], {**env, **scale})
            print(
                f"{name:<14} {statistics.median(normal) * 1000:>10.1f} "
                f"{statistics.median(large) * 1000:>10.1f} {ratio:>9.2f} {peak:>20.1f}"
            )


if __name__ == "__main__":
    main()
