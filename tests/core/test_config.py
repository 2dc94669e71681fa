"""The config file (issue 19): its settings are used, options and variables
win over it, and a broken one is one line naming file, key and value, with
the defaults used and nothing else stopped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.app_helpers import CONTENT
from tests.support.paths import REPO
from tui.app.app import RagftApp
from tui.cli import main
from tui.core.errors import InputError
from tui.core.settings import Config, Settings, settings_from, textual_environment
from tui.core.store.config import config_path, load_config
from tui.core.store.storage import Store


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
    write_config(
        'theme = "nord"\nascii = true\nmouse = false\ncolor_system = "256"\n'
        'escape_delay = 400\nexport_format = "adr"\n[keys]\nhelp = "f1 , h"\nexport = "ctrl+e"\n'
    )
    config = Config(
        theme="nord",
        ascii=True,
        mouse=False,
        color_system="256",
        escape_delay=400,
        export_format="adr",
        keys=(("help", "f1,h"), ("export", "ctrl+e")),
    )
    assert load_config() == (config, None)
    assert config.keymap == {"help": "f1,h", "export": "ctrl+e"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "colour = 1\n",
            "colour: unknown setting (known: theme, ascii, mouse, color_system, "
            "escape_delay, export_format, keys)",
        ),
        ('theme = "a b"\n', "theme: 'a b' is not a theme's name (such as textual-dark)"),
        ("escape_delay = 0\n", "escape_delay: 0 is not a whole number from 1 to 2000"),
        ("escape_delay = true\n", "escape_delay: True is not a whole number"),
        ('keys = "f1"\n', "keys: 'f1' is not a table such as"),
        ('[keys]\nhelp = ""\n', "keys: help: '' is not a list of keys"),
        ('[keys]\nhelp = "ctrl+h, f 2"\n', "keys: help: 'ctrl+h, f 2' is not a list of keys"),
        ('[keys]\nHelp_Me = "h"\n', "keys: 'Help_Me' is not a binding id"),
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


def test_the_terminal_settings_come_from_the_file_unless_given():
    config = Config(ascii=True, mouse=False, color_system="256")
    found = settings_from(config, None, {"TERM": "xterm"})
    assert (found.plain, found.ascii, found.mouse, found.color_system) == (
        False,
        True,
        False,
        "256",
    )
    assert textual_environment(found, {})["TEXTUAL_COLOR_SYSTEM"] == "256"
    given = settings_from(config, None, {"TERM": "xterm"}, color_system="standard")
    assert textual_environment(given, {})["TEXTUAL_COLOR_SYSTEM"] == "standard"
    # The environment beats the file, an option beats the environment.
    environ = {"TERM": "xterm", "RAGFT_COLOR_SYSTEM": "none", "RAGFT_PLAIN": "1"}
    assert settings_from(config, None, environ).color_system == "none"
    assert textual_environment(settings_from(config, None, environ), {})["NO_COLOR"] == "1"
    assert settings_from(config, None, environ).plain
    assert settings_from(Config(), None, {"TERM": "dumb"}).plain
    # Textual's animations stay off unless the variable asks for them.
    assert (
        textual_environment(found, {"TEXTUAL_ANIMATIONS": "full"}).get("TEXTUAL_ANIMATIONS") is None
    )


def test_a_hosted_run_knows_its_folder_from_the_settings_alone():
    found = settings_from(Config(), None, {"RAGFT_CONFINE": "/srv/people/ana"})
    assert found.confine == Path("/srv/people/ana")
    assert settings_from(Config(), None, {}).confine is None
    with pytest.raises(InputError, match="unknown colour system 'pink'"):
        settings_from(Config(), None, {"RAGFT_COLOR_SYSTEM": "pink"})


async def test_the_app_says_what_is_wrong_with_the_file_and_starts():
    app = RagftApp(
        CONTENT,
        Store(CONTENT),
        settings=Settings(config_problem="config.toml: colour: unknown setting"),
    )
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (said.append(message), notify(message, **kw))[1]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert said == ["config.toml: colour: unknown setting"]
        assert app.is_running


async def test_the_export_dialog_starts_on_the_configured_format():
    from textual.widgets import RadioSet

    from tests.support.app_helpers import make_app

    app = make_app({"problem": "knowledge"}, position="review")
    app.settings = Settings(Config(export_format="adr"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        pressed = app.screen.query_one(RadioSet).pressed_button
        assert pressed is not None and pressed.name == "adr"


def test_escape_delay_reaches_textual_unless_the_variable_is_set():
    found = settings_from(Config(escape_delay=350), None, {})
    assert textual_environment(found, {})["ESCDELAY"] == "350"
    assert "ESCDELAY" not in textual_environment(found, {"ESCDELAY": "25"})


async def test_the_configured_theme_is_used_and_an_unknown_one_is_one_line():
    app = RagftApp(CONTENT, Store(CONTENT), settings=Settings(Config(theme="nord")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
    app = RagftApp(CONTENT, Store(CONTENT), settings=Settings(Config(theme="no-such-theme")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        [said] = [n.message for n in app._notifications]
        assert said.startswith(f"{config_path()}: theme: 'no-such-theme' is not one of ")
        assert "nord" in said and said.endswith("; using textual-dark")


async def test_a_theme_picked_in_the_app_is_saved_keeping_the_rest_of_the_file():
    write_config('# my settings\nascii = false\ntheme = "nord"  # old\n[keys]\nhelp = "h"\n')
    app = RagftApp(
        CONTENT,
        Store(CONTENT),
        settings=Settings(Config(theme="nord", keys=(("help", "h"),))),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert config_path().read_text().count("nord") == 1  # nothing written at start
        app.theme = "gruvbox"
        await pilot.pause()
    assert config_path().read_text() == (
        '# my settings\nascii = false\ntheme = "gruvbox"\n[keys]\nhelp = "h"\n'
    )
    assert load_config()[0].theme == "gruvbox"


def test_saving_a_theme_makes_the_file_or_puts_the_line_first(tmp_path):
    from tui.core.store.config import save_theme

    save_theme("nord")
    assert config_path().read_text() == 'theme = "nord"\n'
    path = tmp_path / "c.toml"
    path.write_text('mouse = false\n[keys]\ntheme = "t"\n')  # a binding id, not the setting
    save_theme("dracula", path)
    assert path.read_text() == 'theme = "dracula"\nmouse = false\n[keys]\ntheme = "t"\n'


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("x = [", "invalid TOML"),
        ('theme = """nord\n"""\n', "its theme line is not a one-line string"),
    ],
)
def test_a_theme_is_not_saved_over_a_file_it_would_break(text, reason):
    from tui.core.store.config import ConfigNotSaved, save_theme

    write_config(text)
    with pytest.raises(ConfigNotSaved, match=reason):
        save_theme("nord")
    assert config_path().read_text() == text


async def test_a_failed_theme_save_is_one_line_and_the_app_goes_on():
    write_config("x = [")
    app = RagftApp(CONTENT, Store(CONTENT))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
        [said] = [n.message for n in app._notifications]
        assert said.startswith(f"{config_path()}: theme not saved: invalid TOML")
        assert app.is_running and app.theme == "nord"


async def test_a_configured_key_replaces_the_binding_and_help_shows_it():
    from tests.support.app_helpers import make_app

    app = make_app({"problem": "knowledge"}, position="review")
    app.settings = Settings(Config(keys=(("export", "ctrl+e"), ("help", "f1,h"))))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")  # no longer export
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
        await pilot.press("h")
        await pilot.pause()
        rows = dict(app.screen.key_rows())
        assert rows["^e"] == "Export" and rows["? / f1 / h"] == "Help"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportScreen"
        assert not app._notifications


async def test_an_unknown_binding_id_and_a_taken_key_are_each_one_line():
    from tests.support.app_helpers import make_app

    app = make_app({"problem": "knowledge"}, position="review")
    app.settings = Settings(Config(keys=(("exprot", "ctrl+e"), ("export", "r"))))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said[0].startswith(f"{config_path()}: keys: 'exprot' is not a binding id (known: ")
        assert "export" in said[0] and said[0].endswith("; it is left out")
        assert (
            f"{config_path()}: keys: r is given to both export and result on the review screen; "
            "give one of them another key"
        ) in said[1:]
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportScreen"


def test_every_binding_has_an_id_the_readme_lists():

    from tui.app.preferences import binding_ids

    ids = binding_ids(RagftApp)
    assert {"help", "back", "export", "forward", "pick-1", "rename", "resume"} <= set(ids)
    readme = (REPO / "README.md").read_text()
    table = readme[readme.index("| Screen | Binding ids") :].split("\n\n")[0]
    listed = set(re.findall(r"`([a-z0-9-]+)`", table))
    listed |= {f"pick-{n}" for n in range(1, 10)} if "`pick-1` … `pick-9`" in table else set()
    assert listed <= set(ids), f"README lists ids ragft does not have: {listed - set(ids)}"
    missing = [binding for binding in ids if binding not in listed]
    assert not missing, f"README does not list the binding ids {missing}"


def test_the_readme_example_file_is_valid():

    readme = (REPO / "README.md").read_text()
    example = readme.split("```toml\ntheme = ", 1)[1].split("```", 1)[0]
    write_config("theme = " + example)
    config, problem = load_config()
    assert problem is None and config.keymap == {"export": "ctrl+s,x", "help": "f1,h"}


async def test_keys_for_one_action_under_two_ids_are_no_clash():
    app = RagftApp(CONTENT, Store(CONTENT), settings=Settings(Config(keys=(("help", "f1,?"),))))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app._notifications


async def test_the_help_says_the_keys_that_close_it_as_configured():
    app = RagftApp(
        CONTENT, Store(CONTENT), settings=Settings(Config(keys=(("close", "escape,c"),)))
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert str(app.screen.query_one("#help-hint").content) == "esc, c: close this help."
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "StartScreen"
