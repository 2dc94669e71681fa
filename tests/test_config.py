"""The config file (issue 19): its settings are used, options and variables
win over it, and a broken one is one line naming file, key and value, with
the defaults used and nothing else stopped."""

from __future__ import annotations

import os

import pytest

from tests.app_helpers import CONTENT
from tui.app.app import RagftApp
from tui.cli import main
from tui.core.config import Config, config_path, load_config
from tui.core.storage import Store


def write_config(text: str) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture
def answers(tmp_path):
    path = tmp_path / "q.toml"
    path.write_text('[answers]\nproblem = "knowledge"\n')
    return str(path)


def test_no_file_is_the_defaults_and_no_problem():
    assert load_config() == (Config(), None)


def test_every_setting_is_read():
    write_config('ascii = true\nmouse = false\ncolor_system = "256"\nexport_format = "adr"\n')
    assert load_config() == (
        Config(ascii=True, mouse=False, color_system="256", export_format="adr"),
        None,
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "colour = 1\n",
            "colour: unknown setting (known: ascii, mouse, color_system, export_format)",
        ),
        ('export_format = "pdf"\n', "export_format: 'pdf' is not one of summary, adr"),
        ('ascii = "yes"\n', "ascii: 'yes' is not true or false"),
        ('color_system = "\\u001b[2J"\n', "color_system: '\\x1b[2J' is not one of"),
        ("x = [", "invalid TOML"),
    ],
)
def test_a_broken_file_is_one_line_and_the_defaults(text, problem):
    write_config(text)
    config, said = load_config()
    assert config == Config()
    assert said.startswith(f"{config_path()}: ") and problem in said
    assert said.endswith("; using the defaults") and "\n" not in said


def test_export_takes_its_format_from_the_file_and_the_option_wins(capsys, answers):
    write_config('export_format = "adr"\n')
    assert main(["export", answers, "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("---\nstatus: proposed")
    assert main(["export", answers, "-o", "-", "--format", "summary"]) == 0
    assert capsys.readouterr().out.startswith("# q: how to adapt the LLM")


def test_a_broken_file_does_not_stop_export(capsys, answers):
    write_config('export_format = "pdf"\n')
    assert main(["export", answers, "-o", "-"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# q:")
    assert err.count("\n") == 1 and "export_format: 'pdf'" in err


def test_the_terminal_settings_come_from_the_file_unless_given(monkeypatch):
    from tui.cli import _terminal_settings, build_parser

    for variable in ("RAGFT_ASCII", "RAGFT_NO_MOUSE", "RAGFT_COLOR_SYSTEM", "RAGFT_PLAIN"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("TEXTUAL_COLOR_SYSTEM", raising=False)
    config = Config(ascii=True, mouse=False, color_system="256")
    arguments = build_parser().parse_args(["new", "x"])
    assert _terminal_settings(arguments, config) == (False, True, False)
    assert os.environ["TEXTUAL_COLOR_SYSTEM"] == "256"
    arguments = build_parser().parse_args(["--color-system", "standard", "new", "x"])
    _terminal_settings(arguments, config)
    assert os.environ["TEXTUAL_COLOR_SYSTEM"] == "standard"


async def test_the_app_says_what_is_wrong_with_the_file_and_starts():
    app = RagftApp(CONTENT, Store(CONTENT), notices=["config.toml: colour: unknown setting"])
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (said.append(message), notify(message, **kw))[1]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert said == ["config.toml: colour: unknown setting"]
        assert app.is_running


async def test_the_export_dialog_starts_on_the_configured_format():
    from textual.widgets import RadioSet

    from tests.app_helpers import make_app

    app = make_app({"problem": "knowledge"}, position="review")
    app.export_format = "adr"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        pressed = app.screen.query_one(RadioSet).pressed_button
        assert pressed is not None and pressed.name == "adr"
