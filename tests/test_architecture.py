"""The shape of the code: the core knows nothing of the terminal, screens are laid out
without Rich (left to Typer's help), Click is never imported, and start-up imports only
what a command needs."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, environ_for_subprocess
from nato_guide import __version__

PACKAGE = REPO / "nato_guide"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def sources() -> list[tuple[str, set[str]]]:
    return [
        (path.relative_to(REPO).as_posix(), imported_modules(path))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def roots(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def test_version_needs_no_typer() -> None:
    """The console script answers --version before loading Typer."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.argv = ['nato-guide', '--version'];"
            "from nato_guide.main import main; main(); print('typer' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        env=environ_for_subprocess(),
        check=False,
    )
    assert result.stdout.splitlines() == [f"nato-guide {__version__}", "False"]


def test_id_completion_needs_no_typer() -> None:
    """A TAB press that completes an id is answered before Typer, Rich or even the content
    model load (once the first request, through Typer, has indexed the ids)."""
    env = environ_for_subprocess(
        _NATO_GUIDE_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="nato-guide doc bu"
    )
    probe = (
        "import sys\nfrom nato_guide.main import main\ntry:\n    main()\nfinally:\n"
        "    heavy = ('typer', 'rich', 'nato_guide.content', 'typing', 're', 'pathlib')\n"
        "    print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)"
    )
    loaded = []
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
        )
        assert "budapest-memorandum-1994" in result.stdout
        loaded.append(result.stderr.strip())
    assert "'typer'" in loaded[0], "the first request goes through Typer"
    assert loaded[1] == "[]"


def test_click_is_never_imported() -> None:
    """Typer vendors Click; nothing imports click."""
    assert [name for name, mods in sources() if "click" in roots(mods)] == []


def test_core_knows_nothing_of_the_terminal() -> None:
    """Only nato_guide/cli imports typer or rich."""
    offenders = [
        name
        for name, mods in sources()
        if not name.startswith("nato_guide/cli/") and roots(mods) & {"typer", "rich"}
    ]
    assert offenders == []


def test_nothing_imports_rich() -> None:
    """Screens are laid out by nato_guide.cli.layout; Rich is left to Typer's help."""
    assert [name for name, mods in sources() if "rich" in roots(mods)] == []


PROBE = """
import sys
from nato_guide.cli import app
try:
    app(sys.argv[1:], prog_name="nato-guide")
except SystemExit:
    pass
heavy = sorted(m for m in ("rich", "tomli_w", "platformdirs", "pydantic") if m in sys.modules)
print("loaded:", ",".join(heavy), file=sys.stderr)
"""


def loaded_after(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=environ_for_subprocess(),
        check=False,
    )
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("loaded:"), result.stderr
    return {m for m in line.removeprefix("loaded:").strip().split(",") if m}


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["--version"], set()),
        (["docs", "--json"], set()),
        (["progress", "--json"], set()),
        ([], set()),
        (["topics"], set()),
        (["topic", "not-one-inch"], set()),
        (["docs"], set()),
        (["doc", "budapest-memorandum-1994"], set()),
        (["progress"], set()),
        (["timeline", "--chart"], set()),
        (["read", "bucharest-summit-declaration-2008", "--json"], {"tomli_w"}),
    ],
)
def test_commands_import_only_what_they_need(args: list[str], allowed: set[str]) -> None:
    """No reading command loads Rich; only writes load tomli-w; the progress
    file's path comes from the environment here, so platformdirs is not needed; pydantic
    never loads."""
    assert loaded_after(*args) <= allowed
