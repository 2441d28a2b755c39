"""Shell completion of ids at the cost of a bare interpreter start.

Every TAB press starts the whole program. Typer answers completion requests itself, but
importing it (and Rich, which it uses to clean up the help shown beside each id) costs
several times a bare start. :func:`complete` answers the common request, an id for a known
command's argument or option, without either; everything else goes to Typer as before.

It speaks Typer's completion protocol (``_NATO_GUIDE_COMPLETE=complete_<shell>``) and
answers only when it is sure of giving Typer's answer byte for byte: it knows the shape of
every command from :data:`COMMANDS` (a test checks that table against the real Typer
commands) and takes the ids from indexes, in the cache folder, of the validated content and
of the reader's own documents, which the Typer path writes when it answers. Any doubt (an
unusual command line, an index that is missing or does not match the files as they are
now, help text that Rich would change) means handing over to Typer, so the first TAB after
an edit is Typer's and the next ones are fast. Nothing here imports Typer, Rich or the
content loader.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (a tenth of a start)
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from nato_guide.content import Content

    #: A parameter as Typer builds it: (sort, name, option names, nargs, completion kind,
    #: callback). The sort is ARGUMENT, OPTION (takes a value) or FLAG; the kind says what
    #: its values complete to (None: nothing we complete); callback marks an option whose
    #: callback runs even while completing (help, version, completion install).
    Param = tuple[str, str, tuple[str, ...], int, str | None, bool]
    Items = list[tuple[str, str]]
    #: What an index of ids depends on (see :func:`index_key`).
    Key = tuple[int, str, tuple[tuple[int, int], ...], dict[str, tuple[int, int]]]

COMPLETE_VAR = "_NATO_GUIDE_COMPLETE"

#: The completion instructions answered here, and the shell each one formats for.
SHELLS = {
    "complete_bash": "bash",
    "complete_zsh": "zsh",
    "complete_fish": "fish",
    "complete_powershell": "powershell",
    "complete_pwsh": "powershell",
}

# --- the shape of the command line --------------------------------------------------------

ARGUMENT, OPTION, FLAG = "argument", "option", "flag"


def _arg(name: str, kind: str | None = None, nargs: int = 1) -> Param:
    return (ARGUMENT, name, (), nargs, kind, False)


def _opt(name: str, *opts: str, kind: str | None = None) -> Param:
    return (OPTION, name, opts, 1, kind, False)


def _flag(name: str, *opts: str, callback: bool = False) -> Param:
    return (FLAG, name, opts, 1, None, callback)


_HELP = _flag("help", "-h", "--help", callback=True)
_JSON = _flag("json", "--json")
_PERSPECTIVE = _opt("perspective", "--perspective", "-p", kind="perspective")
_TOPIC = _opt("topic", "--topic", "-t", kind="topic")
# Typer's own options, of the root command only.
_INSTALL = (
    _flag("install_completion", "--install-completion", callback=True),
    _flag("show_completion", "--show-completion", callback=True),
)

#: The global options, before the command.
ROOT: tuple[Param, ...] = (
    _opt("progress_file", "--progress-file"),
    _flag("version", "--version", callback=True),
    *_INSTALL,
    _HELP,
)

#: Every command: whether it is a group (whose subcommands are left to Typer), and its
#: parameters in the order Typer lists them.
COMMANDS: dict[str, tuple[bool, tuple[Param, ...]]] = {
    "topics": (False, (_JSON, _HELP)),
    "topic": (False, (_arg("topic_id", "topic"), _PERSPECTIVE, _JSON, _HELP)),
    "perspectives": (False, (_JSON, _HELP)),
    "perspective": (False, (_arg("perspective_id", "perspective"), _JSON, _HELP)),
    "docs": (
        True,
        (
            _PERSPECTIVE,
            _TOPIC,
            _flag("unread", "--unread"),
            _flag("read", "--read"),
            _JSON,
            _HELP,
        ),
    ),
    "doc": (False, (_arg("document_id", "document"), _JSON, _HELP)),
    "read": (False, (_arg("document_ids", "document", -1), _JSON, _HELP)),
    "unread": (False, (_arg("document_ids", "document", -1), _JSON, _HELP)),
    "progress": (True, (_JSON, _HELP)),
    "next": (False, (_JSON, _HELP)),
    "paths": (False, (_JSON, _HELP)),
    "path": (
        False,
        (
            _arg("path_id", "path"),
            _flag("follow", "--follow"),
            _flag("unfollow", "--unfollow"),
            _JSON,
            _HELP,
        ),
    ),
    "timeline": (
        False,
        (
            _opt("start", "--from"),
            _opt("end", "--to"),
            _PERSPECTIVE,
            _TOPIC,
            _flag("chart", "--chart"),
            _JSON,
            _HELP,
        ),
    ),
    "glossary": (False, (_arg("term_id", "term"), _JSON, _HELP)),
    "search": (False, (_arg("words", None, -1), _opt("limit", "--limit", "-n"), _JSON, _HELP)),
    "tour": (False, (_flag("restart", "--restart"), _HELP)),
    "note": (
        False,
        (
            _arg("target", "target"),
            _arg("text"),
            _PERSPECTIVE,
            _flag("edit", "--edit"),
            _flag("delete", "--delete"),
            _opt("number", "--number", "-n"),
            _HELP,
        ),
    ),
    "notes": (False, (_arg("target", "target"), _JSON, _HELP)),
    "quiz": (False, (_TOPIC, _opt("count", "--count", "-n"), _JSON, _HELP)),
    "stance": (
        False,
        (_arg("value"), _arg("text"), _flag("history", "--history"), _JSON, _HELP),
    ),
    "cite": (
        False,
        (
            _arg("document_ids", "document", -1),
            _opt("fmt", "--format", "-f", kind="cite-format"),
            _HELP,
        ),
    ),
    "export": (
        False,
        (
            _arg("what", "export-what"),
            _opt("fmt", "--format", "-f", kind="export-format"),
            _opt("output_file", "--output", "-o"),
            _HELP,
        ),
    ),
    "open": (False, (_arg("document_id", "document"), _HELP)),
}

#: Fixed choices, completed by prefix as typed (no help text).
CHOICES: dict[str, tuple[str, ...]] = {
    "cite-format": ("bibtex", "csl-json", "chicago", "markdown"),
    "export-format": ("markdown", "csv", "json"),
    "export-what": ("list", "brief"),
}

#: The kinds of id taken from the content, and what ``target`` (a note's subject) means.
ID_KINDS = ("document", "topic", "perspective", "path", "term")
TARGET_KINDS = ("topic", "perspective", "document")


def id_pairs(content: Content, kind: str) -> list[tuple[str, str]]:
    """Every id of *kind* in *content*, with the title shown beside it, in content order.
    Both completion paths take their answers from here."""
    if kind == "document":
        return [(d.id, d.title) for d in content.documents.values()]
    if kind == "topic":
        return [(t.id, t.title) for t in content.topics.values()]
    if kind == "term":
        return [(t.id, t.term) for t in content.terms.values()]
    if kind == "path":
        return [(p.id, p.title) for p in content.paths.values()]
    if kind == "perspective":
        return [(p.id, p.name) for p in content.perspectives.values()]
    raise ValueError(f"unknown kind of id: {kind!r}")


# --- what is being completed --------------------------------------------------------------


def _split(line: str) -> list[str] | None:
    """The words of a command line as Click splits them (``shlex``), when that is plain
    splitting on whitespace; None when quotes, escapes or unusual spaces need ``shlex``."""
    for c in line:
        if c in "'\"\\" or (c.isspace() and c not in " \t\r\n"):
            return None
    return line.replace("\t", " ").replace("\r", " ").replace("\n", " ").split()


def request(shell: str, environ: Mapping[str, str]) -> tuple[list[str], str] | None:
    """The complete words after the program name and the word being completed, read from
    the environment as Typer's completion class for *shell* reads them."""
    if shell == "bash":
        words = _split(environ["COMP_WORDS"])
        cword = int(environ["COMP_CWORD"])
        if words is None:
            return None
        try:
            incomplete = words[cword]
        except IndexError:
            incomplete = ""
        return words[1:cword], incomplete
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    words = _split(line)
    if words is None:
        return None
    if shell == "powershell":
        incomplete = environ.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
        return (words[1:-1] if incomplete else words[1:]), incomplete
    args = words[1:]
    if args and not line.endswith(" "):
        return args[:-1], args[-1]
    return args, ""


def _parse(
    params: Sequence[Param], tokens: Sequence[str], group: bool
) -> tuple[int, int, dict[str, str]] | None:
    """Click's parse of *tokens* for a command with *params*, as far as completion needs it:
    how many positional values the arguments received, where a group's subcommand starts
    (the end if nowhere), and the options' values. None when the tokens hold anything this
    table cannot settle."""
    values = {o for sort, _, opts, *_ in params if sort == OPTION for o in opts}
    flags = {o for sort, _, opts, _, _, cb in params if sort == FLAG and not cb for o in opts}
    given: dict[str, str] = {}
    positional = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token[:1] == "-" and len(token) > 1:
            if token in values:
                if i + 1 == len(tokens):
                    # A value is missing: Click stops, and the arguments get nothing.
                    return 0, len(tokens), given
                if tokens[i + 1][:1] == "-":
                    return None
                given[token] = tokens[i + 1]
                i += 2
                continue
            name, equals, value = token.partition("=")
            if equals and name.startswith("--") and name in values:
                given[name] = value
            elif token not in flags:
                return None
            i += 1
            continue
        if group:
            return positional, i, given
        positional += 1
        i += 1
    return positional, i, given


def target(args: Sequence[str], incomplete: str) -> tuple[str, str, str | None] | None:
    """What Typer would complete for these words: the kind of id, the prefix typed and the
    progress file named before the command (if any); or None when Typer must answer
    (command or option names, file names, anything unusual)."""
    if "--" in args:
        return None
    root = _parse(ROOT, args, group=True)
    if root is None or root[1] == len(args):
        return None
    start = root[1]
    if args[start] not in COMMANDS:
        return None
    override = root[2].get("--progress-file")
    if override and not _usable(override):
        return None
    group, params = COMMANDS[args[start]]
    tokens = args[start + 1 :]
    parsed = _parse(params, tokens, group)
    if parsed is None or (group and parsed[1] < len(tokens)):
        return None  # a group's subcommand, or no command at all
    given = parsed[0]
    last = args[-1] if args else ""
    if incomplete == "=":
        incomplete = ""
    elif "=" in incomplete and incomplete[:1] == "-":
        last, _, incomplete = incomplete.partition("=")
        if not any(sort == OPTION and last in opts for sort, _, opts, *_ in params):
            return None
    if incomplete[:1] == "-":
        return None  # option names
    for sort, _, opts, _, kind, _ in params:
        if sort == OPTION and last in opts:
            return (kind, incomplete, override) if kind else None
    index = 0
    for sort, _, _, nargs, kind, _ in params:
        if sort != ARGUMENT:
            continue
        if nargs == -1 or index >= given:
            return (kind, incomplete, override) if kind else None
        if nargs != 1:
            return None
        index += 1
    return None


def _usable(path: str) -> bool:
    """Whether Typer takes *path* as the value of --progress-file (a file to read, or
    nothing yet); a value it refuses is ignored while completing."""
    import stat

    try:
        st = os.stat(path)
    except OSError:
        return True
    return not stat.S_ISDIR(st.st_mode) and os.access(path, os.R_OK)


def _candidates(kind: str, incomplete: str, ids: Mapping[str, Items] | None) -> Items | None:
    """The completions Typer's completer for *kind* gives, as (value, help) pairs (an
    empty help means none): ids start with the casefolded prefix (what the completers
    match) and with the prefix as typed (what Typer then keeps)."""
    if kind in CHOICES:
        return [(c, "") for c in CHOICES[kind] if c.startswith(incomplete)]
    if ids is None:
        return None
    needle = incomplete.casefold()
    return [
        (key, title)
        for each in (TARGET_KINDS if kind == "target" else (kind,))
        for key, title in ids[each]
        if key.startswith(needle) and key.startswith(incomplete)
    ]


# --- where the ids come from --------------------------------------------------------------

#: Content files a directory may leave out (as ``content.OPTIONAL_FILES``).
OPTIONAL_FILES = ("timeline.toml", "glossary.toml", "paths.toml", "quiz.toml")
INDEX_FORMAT = 1


def data_dir(environ: Mapping[str, str]) -> str:
    """The content directory, as :func:`nato_guide.paths.data_dir` finds it."""
    from_env = environ.get("NATO_GUIDE_DATA")
    if from_env:
        return os.path.expanduser(from_env)
    here = os.path.dirname(os.path.realpath(__file__))
    bundled = os.path.join(here, "data")
    if os.path.isdir(bundled):
        return bundled
    return os.path.join(os.path.dirname(here), "data")


def cache_dir(environ: Mapping[str, str]) -> str | None:
    """The user cache folder, as :func:`nato_guide.paths.cache_dir` finds it on Linux;
    None elsewhere (the index is then not used)."""
    if not sys.platform.startswith("linux"):
        return None
    base = environ.get("XDG_CACHE_HOME", "").strip()
    root = base if base else os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(root, "nato-guide")


def content_stamps(directory: str) -> dict[str, tuple[int, int]]:
    """Size and CRC-32 of every content file, as the content cache keys them."""
    import zlib

    names = [*OPTIONAL_FILES, "guide.toml", "perspectives.toml", "documents.toml"]
    topics = os.path.join(directory, "topics")
    if os.path.isdir(topics):
        names += sorted(f"topics/{e.name}" for e in os.scandir(topics) if e.name.endswith(".toml"))
    stamps = {}
    for name in names:
        try:
            with open(os.path.join(directory, name), "rb") as handle:
                raw = handle.read()
        except FileNotFoundError:
            continue
        stamps[name] = (len(raw), zlib.crc32(raw))
    return stamps


def index_key(directory: str) -> Key:
    """What the ids of *directory* depend on: its files, this version of the package, and
    the code that validates content and picks the ids."""
    from nato_guide import __version__

    here = os.path.dirname(os.path.abspath(__file__))
    code = tuple(
        (st.st_mtime_ns, st.st_size)
        for st in (os.stat(os.path.join(here, "content.py")), os.stat(__file__))
    )
    return (INDEX_FORMAT, __version__, code, content_stamps(directory))


def _cached(environ: Mapping[str, str], name: str) -> tuple[str, str] | None:
    """The cache folder, if it is ours alone (as the content cache requires), and the path
    of the file *name* in it."""
    folder = cache_dir(environ)
    if folder is None or not hasattr(os, "getuid"):
        return None
    try:
        st = os.lstat(folder)
    except OSError:
        return None
    if st.st_uid != os.getuid() or st.st_mode & 0o022 or not os.path.isdir(folder):
        return None
    return folder, os.path.join(folder, name)


def _load(environ: Mapping[str, str], name: str) -> object:
    """What the cache file *name* holds, if nobody else can have written it; else None."""
    import marshal

    where = _cached(environ, name)
    if where is None:
        return None
    try:
        fd = os.open(where[1], os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            return None
        try:
            return marshal.loads(handle.read())
        except Exception:  # damaged: as if absent
            return None


def _store(environ: Mapping[str, str], name: str, value: object) -> None:
    """Write *value* to the cache file *name* (atomically), if the folder is ours alone."""
    import marshal
    import tempfile

    folder = cache_dir(environ)
    if folder is None:
        return
    os.makedirs(folder, mode=0o700, exist_ok=True)
    where = _cached(environ, name)
    if where is None:
        return
    data = marshal.dumps(value)  # type: ignore[arg-type]  # Key and Items are marshallable
    fd, temporary = tempfile.mkstemp(dir=where[0], prefix=".completion-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, where[1])
    except BaseException:
        os.unlink(temporary)
        raise


def _name(prefix: str, text: str) -> str:
    import zlib

    return f"{prefix}-{zlib.crc32(os.fsencode(text)):08x}.marshal"


def _pairs(value: object) -> bool:
    """Whether *value* is a list of (id, help) pairs of text."""
    return isinstance(value, list) and all(
        isinstance(pair, tuple)
        and len(pair) == 2
        and isinstance(pair[0], str)
        and isinstance(pair[1], str)
        for pair in value
    )


def read_index(environ: Mapping[str, str], directory: str, key: Key) -> dict[str, Items] | None:
    """The ids stored for the content in *directory*, if they were stored for *key*."""
    stored = _load(environ, _name("completion", os.path.realpath(directory)))
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != key:
        return None
    ids = stored[1]
    if not isinstance(ids, dict) or set(ids) != set(ID_KINDS):
        return None
    return ids if all(_pairs(pairs) for pairs in ids.values()) else None


# The reader's own documents live beside the progress file, which the option
# --progress-file, $NATO_GUIDE_PROGRESS or platformdirs choose. Rather than finding it the
# way the guide does (platformdirs alone costs a good part of a start), their index is
# filed under everything that choice depends on, and holds the file's path as the guide
# found it.


def progress_spec(environ: Mapping[str, str], override: str | None) -> tuple[str, ...]:
    """What decides where the progress file is: the option's value, else the environment
    variable, else the platform's default (from the home and data folders and the user);
    and the working folder for a relative path."""
    if override:
        source, value = "option", override
    elif environ.get("NATO_GUIDE_PROGRESS"):
        source, value = "environment", environ["NATO_GUIDE_PROGRESS"]
    else:
        source, value = "default", ""
    where = "" if value.startswith("/") else os.getcwd()
    home, data = environ.get("HOME", ""), environ.get("XDG_DATA_HOME", "")
    return (source, value, home, data, str(os.getuid()), where)


def _stamp(path: str) -> tuple[int, int] | None:
    """Size and CRC-32 of a file; None if there is none."""
    import zlib

    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return None
    return len(raw), zlib.crc32(raw)


def read_own_index(environ: Mapping[str, str], override: str | None, key: Key) -> Items | None:
    """The reader's own documents (those the guide does not have), if they were stored for
    this choice of progress file and *key*, and their file has not changed since."""
    spec = progress_spec(environ, override)
    stored = _load(environ, _name("completion-own", repr(spec)))
    if not isinstance(stored, tuple) or len(stored) != 5:
        return None
    stored_spec, stored_key, path, stamp, pairs = stored
    if stored_spec != spec or stored_key != key or not isinstance(path, str) or not _pairs(pairs):
        return None
    return pairs if _stamp(path) == stamp else None


def content_for_completion(progress_file: str | None) -> Content:
    """The validated content with the reader's own documents, for Typer's completers (a
    damaged file of their own leaves the guide's ids). The indexes of the ids are brought
    up to date on the way, so that the next request is answered without Typer."""
    import contextlib
    import zlib

    from nato_guide.content import add_own_documents, load_content
    from nato_guide.errors import GuideError
    from nato_guide.paths import own_documents_path, progress_path

    environ = os.environ
    directory = data_dir(environ)
    try:
        before: Key | None = index_key(directory)
    except OSError:
        before = None
    content = load_content()
    try:
        if before is None or index_key(directory) != before:
            before = None  # changed while loading: index nothing
        elif read_index(environ, directory, before) is None:
            ids = {kind: id_pairs(content, kind) for kind in ID_KINDS}
            _store(environ, _name("completion", os.path.realpath(directory)), (before, ids))
    except Exception:  # the index is a convenience, never a failure
        before = None
    try:
        spec = progress_spec(environ, progress_file)
        path = own_documents_path(progress_path(progress_file))
        try:
            raw: bytes | None = path.read_bytes()
        except FileNotFoundError:
            raw = None
        mine = content
        if raw is not None:
            with contextlib.suppress(GuideError):  # a damaged file of their own
                mine = add_own_documents(content, raw, path, strict=False)
        if before is not None:
            stamp = None if raw is None else (len(raw), zlib.crc32(raw))
            own = id_pairs(mine, "document")[len(content.documents) :]
            record = (spec, before, str(path), stamp, own)
            if read_own_index(environ, progress_file, before) != own:
                _store(environ, _name("completion-own", repr(spec)), record)
        return mine
    except Exception:  # unreadable: the guide's own ids, and no index
        return content


# --- help text as Typer shows it ----------------------------------------------------------
#
# Typer passes the help beside each id through Rich (to drop markup), which also replaces
# emoji codes and wraps the text at the console's width. The help is reproduced here when
# Rich would only wrap it: printable text of single-width characters, with no markup and
# nothing that could be an emoji code.

#: Characters Rich measures as one cell, besides printable ASCII.
_NARROW = (
    ("\u00a1", "\u00ac"),
    ("\u00ae", "\u02ff"),
    ("\u0370", "\u0482"),
    ("\u2010", "\u2027"),
    ("\u20ac", "\u20ac"),
)


def plain(text: str) -> bool:
    """Whether Rich leaves *text* as it is, but for wrapping it."""
    if not text.isprintable() or "[" in text:
        return False
    if not text.isascii():
        for c in text:
            if c > "\x7e" and not any(low <= c <= high for low, high in _NARROW):
                return False
    # ":name:" with no space inside may be an emoji code.
    return all(" " in part for part in text.split(":")[1:-1])


def _is_terminal(environ: Mapping[str, str]) -> bool:
    """Whether Typer's Rich console takes stdout for a terminal."""
    if environ.get("_TYPER_FORCE_DISABLE_TERMINAL"):
        return False
    if environ.get("GITHUB_ACTIONS") or environ.get("FORCE_COLOR") or environ.get("PY_COLORS"):
        return True
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    if environ.get("FORCE_COLOR") is not None:
        return False  # set but empty
    try:
        return sys.stdout is not None and sys.stdout.isatty()
    except ValueError:
        return False


def help_width(environ: Mapping[str, str]) -> int | None:
    """The width Typer's Rich console wraps help at; None if unsure."""
    if environ.get("TERMINAL_WIDTH"):
        return None
    width = None
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        if not columns.isascii():
            return None
        width = int(columns)
        lines = environ.get("LINES")
        if lines is not None and lines.isdigit():
            return width if lines.isascii() and width > 0 else None
    if environ.get("TERM", "").lower() in ("dumb", "unknown") and _is_terminal(environ):
        return 80
    if width is None:
        for fd in (0, 1, 2):
            try:
                width = os.get_terminal_size(fd).columns
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = width or 80
    return width if width > 0 else None


def wrap(text: str, width: int) -> str:
    """*text* as Rich renders it at *width*, for text that :func:`plain` accepts: Rich's
    word wrap (words keep the spaces after them, a word too long for a line is folded),
    lines joined by newlines."""
    breaks: list[int] = []
    offset = 0
    position = 0
    end = len(text)
    while True:  # each word: spaces, then non-spaces (at least one), then spaces
        stop = position
        while stop < end and text[stop] == " ":
            stop += 1
        if stop == end:
            break
        while stop < end and text[stop] != " ":
            stop += 1
        while stop < end and text[stop] == " ":
            stop += 1
        start, word = position, text[position:stop]
        position = stop
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            pieces = [word[i : i + width] for i in range(0, len(word), width)]
            for number, piece in enumerate(pieces, 1):
                if start:
                    breaks.append(start)
                if number == len(pieces):
                    offset = len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    lines = []
    for low, high in zip([0, *breaks], [*breaks, end], strict=True):
        line = text[low:high]
        if len(line) > width:
            spaces = len(line) - len(line.rstrip(" "))
            line = line[: len(line) - min(spaces, len(line) - width)]
        lines.append(line[:width])
    return "\n".join(lines).rstrip("\n")


# --- the answer ---------------------------------------------------------------------------


def _zsh_escape(text: str) -> str:
    return (
        text.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )


def render(shell: str, items: Items, environ: Mapping[str, str]) -> tuple[str | None, int] | None:
    """What Typer prints for these completions in *shell* (before its final newline; None
    for nothing at all) and the exit status; None if the help text needs Rich."""
    if shell == "fish" and environ.get("_TYPER_COMPLETE_FISH_ACTION", "") == "is-args":
        return None, 0 if items else 1
    if shell == "bash" or not any(help for _, help in items):
        width = 0
    else:
        found = help_width(environ)
        if found is None:
            return None
        width = found

    def shown(help: str) -> str | None:
        return wrap(help, width) if plain(help) else None

    lines = []
    for value, help in items:
        if not value.isprintable():
            return None
        if shell == "bash":
            lines.append(value)
            continue
        if shell == "zsh":
            text = shown(_zsh_escape(help)) if help else None
            if help and text is None:
                return None
            value = _zsh_escape(value)
            lines.append(f'"{value}":"{text}"' if help else f'"{value}"')
            continue
        text = shown(help) if help else " " if shell == "powershell" else ""
        if text is None:
            return None
        if shell == "fish":
            lines.append(f"{value}\t{text}" if help else value)
        else:
            lines.append(f"{value}:::{text}")
    joined = "\n".join(lines)
    if shell == "zsh":
        return (f"_arguments '*: :(({joined}))'" if lines else "_files"), 0
    if shell == "fish" and environ.get("_TYPER_COMPLETE_FISH_ACTION", "") != "get-args":
        return "", 0
    return joined, 0


def answer(environ: Mapping[str, str]) -> tuple[str | None, int] | None:
    """Typer's answer to the completion request in *environ* (what it prints, before the
    final newline, and its exit status), or None when Typer has to give it."""
    shell = SHELLS.get(environ.get(COMPLETE_VAR, ""))
    if shell is None or os.name == "nt":
        return None
    words = request(shell, environ)
    if words is None:
        return None
    found = target(*words)
    if found is None:
        return None
    kind, incomplete, override = found
    ids = None
    if kind not in CHOICES:
        directory = data_dir(environ)
        key = index_key(directory)
        ids = read_index(environ, directory, key)
        if ids is not None and kind in ("document", "target"):
            own = read_own_index(environ, override, key)
            if own is None:
                return None
            ids = {**ids, "document": ids["document"] + own}
    items = _candidates(kind, incomplete, ids)
    if items is None:
        return None
    return render(shell, items, environ)


def complete() -> int | None:
    """Answer the completion request in the environment on stdout and return the exit
    status, or return None (having written nothing) to leave the request to Typer."""
    try:
        found = answer(os.environ)
        out = sys.stdout
        if found is None or out is None:
            return None
        text, status = found
        if text is not None and not text.isascii():
            encoding = (out.encoding or "").lower().replace("_", "-")
            if encoding not in ("utf-8", "utf8"):
                return None
    except Exception:  # never a traceback on a TAB press: Typer answers instead
        return None
    if text is not None:
        try:
            out.write(text + "\n")
            out.flush()
        except OSError:  # the shell stopped reading: nothing more to say
            import contextlib

            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
    return status
