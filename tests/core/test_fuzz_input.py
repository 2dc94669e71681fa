"""Fuzzing what a file or an argument may hold (issue 16): whatever a session
file, an answers file or a name contains, every command ends in success or
one clear line, with exit status 0 or 2, no traceback, no raw control
character on either stream, and nothing in the sessions folder touched."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_hostile_input import RAW_CONTROL
from tests.support.strategies import CONTENT
from tui.cli import main
from tui.core.store.storage import Store

SESSION_KEYS = (
    "schema_version",
    "id",
    "name",
    "revision",
    "content_version",
    "created",
    "updated",
    "position",
    "answers",
    "notes",
)
QUESTION_IDS = tuple(CONTENT.questions)
CHOICES = tuple({c for q in CONTENT.questions.values() for c in q.choice_ids})

# Text a hostile writer would reach for: controls, escape sequences, markup,
# bidi overrides, path separators, undecodable bytes, very long runs.
hostile_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "\x1b]2;pwned\x07",
            "\x1b[31mred",
            "[/x] hi",
            "[@click=app.quit]q[/]",
            "[link=https://e.example]x",
            "a\nb",
            "\u202eevil",
            "Q3/Q4 plan",
            "budget.toml",
            "../../etc/passwd",
            "~no-such-user-here",
            "\udcff",
            "x" * 300,
            "",
            " ",
        ]
    ),
    st.sampled_from(QUESTION_IDS + CHOICES),
)
aware_times = st.datetimes(
    min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31), timezones=st.just(UTC)
)
scalars = st.one_of(
    hostile_text,
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(),
    st.booleans(),
    st.datetimes(min_value=datetime(1, 1, 1)),
    aware_times,
    st.dates(),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(hostile_text, inner, max_size=3)
    ),
    max_leaves=12,
)
answers_tables = st.dictionaries(
    st.one_of(st.sampled_from(QUESTION_IDS), hostile_text),
    st.one_of(st.sampled_from(CHOICES), st.integers(-5, 10**13), values),
    max_size=6,
)
documents = st.fixed_dictionaries(
    {},
    optional={
        **{key: values for key in SESSION_KEYS},
        "schema_version": st.one_of(st.integers(-1, 4), values),
        "position": st.one_of(st.sampled_from((*QUESTION_IDS, "review", "result")), values),
        "answers": st.one_of(answers_tables, values),
        "notes": st.one_of(st.dictionaries(hostile_text, hostile_text, max_size=3), values),
    },
)


def toml_bytes(document: dict) -> bytes:
    try:
        return tomli_w.dumps(document).encode("utf-8", "surrogateescape")
    except (TypeError, ValueError):  # a value TOML cannot hold (a lone surrogate key, say)
        return repr(document).encode("utf-8", "surrogatepass")


@st.composite
def file_bytes(draw: st.DrawFn) -> bytes:
    """A well-formed document, or one cut short, or one with bytes thrown in."""
    raw = toml_bytes(draw(documents))
    damage = draw(st.sampled_from(["none", "none", "cut", "insert"]))
    if damage == "cut" and raw:
        raw = raw[: draw(st.integers(0, len(raw) - 1))]
    elif damage == "insert":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    return raw


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (the whole config folder), by path."""
    return {str(path): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def check_run(capsys: pytest.CaptureFixture[str], *args: str) -> int:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code in (0, 2), (args, code, err)
    assert "Traceback" not in out + err and "internal error" not in err, (args, err)
    for stream in (out, err):
        assert not set(RAW_CONTROL) & set(stream), (args, stream[:500])
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("ragft: "), (args, err)
    return code


def fuzz_settings() -> settings:
    return settings(
        max_examples=120,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def empty_sessions_folder() -> Path:
    """The sessions folder, emptied: hypothesis runs every example in one test's folders."""
    folder = Store(CONTENT).folder
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    return folder


READ_ONLY_COMMANDS = (
    ("decide", "{}"),
    ("decide", "{}", "--json"),
    ("export", "{}", "-o", "-"),
    ("export", "{}", "--format", "adr", "-o", "-"),
    ("list",),
    ("list", "--json"),
)


@fuzz_settings()
@given(raw=file_bytes(), stored=st.booleans())
def test_any_file_is_read_or_refused_in_one_line(
    capsys, tmp_path_factory, isolated_config, raw, stored
):
    sessions = empty_sessions_folder()
    folder = sessions if stored else tmp_path_factory.mktemp("answers")
    path = folder / "fuzzed.toml"
    path.write_bytes(raw)
    before = snapshot(isolated_config)
    for command in READ_ONLY_COMMANDS:
        check_run(capsys, *(part.format(path) for part in command))
    assert snapshot(isolated_config) == before


@fuzz_settings()
@given(name=hostile_text, document=documents)
def test_any_name_is_found_created_or_refused_in_one_line(
    capsys, monkeypatch, isolated_config, name, document
):
    (empty_sessions_folder() / "fuzzed.toml").write_bytes(toml_bytes({**document, "name": name}))
    before = snapshot(isolated_config)
    for command in ("decide", "export"):
        extra = ("-o", "-") if command == "export" else ()
        check_run(capsys, command, name, *extra)
    check_run(capsys, "list")
    assert snapshot(isolated_config) == before
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    check_run(capsys, "--plain", "new", name)
