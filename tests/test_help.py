"""Help and the completion of command names list the commands from a table, without
importing a command module: the table must say exactly what the commands say."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.core import TyperGroup
from typer.testing import CliRunner

from conftest import environ_for_subprocess, run
from nato_guide.cli.root import COMMANDS, _build, _listed, app

pytestmark = pytest.mark.usefixtures("small_content")


def root_context() -> tuple[Any, Any]:
    """The root group and a context for it, as help and completion get them."""
    group = typer.main.get_command(app)
    return group, group.make_context("nato-guide", [], resilient_parsing=True)


def real_command(name: str) -> Any:
    """The command itself, imported and built."""
    entry = COMMANDS[name]
    built = _build(entry.module, entry.app)
    return built if built.name == name else built.commands[name]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_table_says_what_each_command_says(name: str) -> None:
    """Each command's summary in the table is the first paragraph of its help, its panel
    is its panel, and the stand-in shortens it as the command does (plain help, completion)."""
    real = real_command(name)
    listed = _listed(name)
    assert real.name == listed.name == name
    assert COMMANDS[name].summary
    assert (real.short_help or real.help.split("\n\n")[0]) == COMMANDS[name].summary
    assert (getattr(real, "rich_help_panel", None) or None) == COMMANDS[name].panel
    assert (real.hidden, real.deprecated) == (listed.hidden, listed.deprecated) == (False, False)
    for limit in (30, 45, 80, 1000):
        assert listed.get_short_help_str(limit) == real.get_short_help_str(limit)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_only_the_root_offers_to_install_completion(name: str) -> None:
    """Installing or showing shell completion is an option of ``nato-guide`` itself, not
    of each command."""
    options = {opt for param in real_command(name).params for opt in param.opts}
    assert not options & {"--install-completion", "--show-completion"}
    root = {opt for param in typer.main.get_command(app).params for opt in param.opts}
    assert {"--install-completion", "--show-completion"} <= root


def test_the_table_has_every_command_and_no_other() -> None:
    """Every command that a command module defines is in the table, under its module."""
    defined: dict[str, tuple[str, str]] = {}
    for module, attribute, _, _ in COMMANDS.values():
        built = _build(module, attribute)
        for name in [built.name] if built.name else list(built.commands):
            defined[name] = (module, attribute)
    assert defined == {name: (e.module, e.app) for name, e in COMMANDS.items()}


def test_root_help_is_the_same_as_from_the_real_commands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The root help made from the table is, character for character, the help that the
    real commands give."""
    group, ctx = root_context()
    group.format_help(ctx, ctx.make_formatter())
    listed = capsys.readouterr().out
    TyperGroup.format_help(group, ctx, ctx.make_formatter())  # the real commands
    real = capsys.readouterr().out
    assert listed == real
    assert "Open a document's official link in the web browser" in listed


@pytest.mark.parametrize("incomplete", ["", "p", "no"])
def test_command_name_completion_is_the_same_as_from_the_real_commands(
    incomplete: str,
) -> None:
    """Completing a command name offers the same names and descriptions as the real
    commands would."""
    group, ctx = root_context()
    listed = [(c.value, c.help) for c in group.shell_complete(ctx, incomplete)]
    real = [(c.value, c.help) for c in TyperGroup.shell_complete(group, ctx, incomplete)]
    assert listed == real
    assert [v for v, _ in listed] == [n for n in COMMANDS if n.startswith(incomplete)]


def test_a_stand_in_cannot_run() -> None:
    """A stand-in from the table refuses to parse arguments or to run."""
    listed = _listed("topics")
    with pytest.raises(RuntimeError, match="cannot run"):
        listed.make_context("topics", [])
    _, ctx = root_context()
    with pytest.raises(RuntimeError, match="cannot run"):
        listed.invoke(ctx)


def test_after_the_root_help_commands_are_the_real_ones(runner: CliRunner) -> None:
    """After the root help, a command's own help and the command itself are the real ones."""
    assert "Run a topic" in run(runner, "--help").stdout
    own = run(runner, "topic", "--help").stdout
    assert "--perspective" in own
    assert "The topic (see: nato-guide topics)." in own
    assert "Alpha" in run(runner, "topics").stdout


PROBE = """
import sys
from nato_guide.cli import app
try:
    app(sys.argv[1:], prog_name="nato-guide")
except SystemExit:
    pass
print("modules:", ",".join(sorted(m for m in sys.modules if m.startswith("nato_guide.cli."))),
      file=sys.stderr)
"""


def modules_after(*args: str, **env: str) -> tuple[str, set[str]]:
    """What a run printed, and which modules of nato_guide.cli it imported."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=environ_for_subprocess(**env),
        check=False,
    )
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("modules:"), result.stderr
    return result.stdout, {m for m in line.removeprefix("modules:").strip().split(",") if m}


COMMAND_MODULES = {f"nato_guide.cli.{e.module}" for e in COMMANDS.values()}


def test_root_help_imports_no_command_module() -> None:
    """The root help lists every command without importing any command module."""
    out, modules = modules_after("--help")
    assert "Show a reading path" in out
    assert not modules & (COMMAND_MODULES | {"nato_guide.cli.options"})


def test_root_help_leaves_the_output_module_alone() -> None:
    """The root help is Typer's to print: the guide's output module (and json with it)
    loads only for an error line or a command's output."""
    out, modules = modules_after("--help")
    assert "Usage" in out
    assert "nato_guide.cli.output" not in modules
    assert "(see: nato-guide --help)" in run_error("tpoics")


def run_error(*args: str) -> str:
    """What a failing run wrote on stderr."""
    result = subprocess.run(
        [sys.executable, "-m", "nato_guide", *args],
        capture_output=True,
        text=True,
        env=environ_for_subprocess(),
        check=False,
    )
    assert result.returncode == 2
    return result.stderr


def test_command_name_completion_imports_no_command_module() -> None:
    """Completing a command name imports no command module."""
    out, modules = modules_after(
        _NATO_GUIDE_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="nato-guide pa"
    )
    assert '"paths":"List the reading paths' in out
    assert not modules & (COMMAND_MODULES | {"nato_guide.cli.options"})


def test_a_command_help_imports_its_own_module_only() -> None:
    """A command's help imports the module that defines it, and no other command module."""
    out, modules = modules_after("timeline", "--help")
    assert "--perspective" in out
    assert modules & COMMAND_MODULES == {"nato_guide.cli.timeline"}


# --- Typer's help formatter, loaded without rich.markdown -------------------------------


def python(code: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run *code* in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=environ_for_subprocess(**env),
        check=False,
    )


HELP_PROBE = """
import sys
from nato_guide.cli import app
try:
    app(sys.argv[1:], prog_name="nato-guide")
except SystemExit:
    pass
loaded = ("typer.rich_utils", "rich.markdown", "markdown_it")
print("loaded:", ",".join(m for m in loaded if m in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args", [["--help"], ["-h"], ["docs", "--help"], ["docs", "add", "-h"], ["topic", "--help"]]
)
def test_help_does_not_load_the_markdown_renderer(args: list[str]) -> None:
    """Help in Rich panels loads Typer's formatter, but not rich.markdown nor markdown-it."""
    result = python(HELP_PROBE, *args)
    assert "Usage: nato-guide" in result.stdout
    assert "╭─ Options" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "loaded: typer.rich_utils"


def test_plain_help_does_not_load_the_formatter() -> None:
    """With Typer's Rich help turned off (TYPER_USE_RICH=0), no Rich help formatter loads."""
    result = python(HELP_PROBE, "--help", TYPER_USE_RICH="0")
    assert "Commands:" in result.stdout
    assert "topics" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "loaded:"


def test_markdown_help_still_renders_after_the_guide_loaded_the_formatter() -> None:
    """Once the guide has loaded Typer's formatter, a Typer app in Markdown mode still gets
    its help rendered as Markdown, by the real rich.markdown."""
    code = """
import sys, typer
from nato_guide.cli import app
try:
    app(["--help"], prog_name="nato-guide")
except SystemExit:
    pass
assert "rich.markdown" not in sys.modules
other = typer.Typer(rich_markup_mode="markdown")
@other.command()
def hello() -> None:
    '''Say **hello** to `the world`.'''
print("=" * 20)
try:
    other(["--help"], prog_name="other")
except SystemExit:
    pass
import rich.markdown, typer.rich_utils
print(isinstance(typer.rich_utils.Markdown("x"), rich.markdown.Markdown))
"""
    result = python(code, COLUMNS="100")
    assert result.returncode == 0, result.stderr
    other = result.stdout.split("=" * 20, 1)[1]
    assert "Say hello to the world." in other
    assert "**" not in other
    assert other.strip().splitlines()[-1] == "True"


def test_a_module_that_wants_more_of_markdown_is_imported_as_usual(tmp_path: Path) -> None:
    """If the formatter wanted more of rich.markdown than the placeholder has, it is
    imported the ordinary way, with the real rich.markdown."""
    (tmp_path / "wants_more.py").write_text(
        "from rich.markdown import Heading, Markdown\n", encoding="utf-8"
    )
    code = f"""
import sys
sys.path.insert(0, {str(tmp_path)!r})
from nato_guide.cli import helpformat
helpformat.load("wants_more")
import rich.markdown, wants_more
print(wants_more.Markdown is rich.markdown.Markdown, wants_more.Heading is rich.markdown.Heading)
"""
    result = python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]
