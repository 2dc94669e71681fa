"""Help (F1 and ?) lists every key of the screen beneath, and every one works."""

from __future__ import annotations

import re

import pytest

from tests.support.app_helpers import make_app, new_app
from tests.support.scenes import settle, with_saved_sessions
from tui.app.screens.help import DESCRIPTIONS, LEFT_OUT, ROW_OF, HelpScreen
from tui.core.store.session import RESULT, REVIEW

ANSWERS = {"problem": "both", "use_case": "chatbot", "change_rate": "weekly"}

SCREENS = {
    "start": lambda: (new_app(), ()),
    "question": lambda: (make_app(ANSWERS, position="labeled_data"), ()),
    "number-question": lambda: (make_app(ANSWERS, position="monthly_queries"), ()),
    "review": lambda: (make_app(ANSWERS, position=REVIEW), ()),
    "result": lambda: (make_app(ANSWERS, position=RESULT), ()),
    "map": lambda: (make_app(ANSWERS, position="labeled_data"), ("m",)),
    "sessions": lambda: (with_saved_sessions(), ("ctrl+o",)),
    "compare": lambda: (with_saved_sessions(), ("ctrl+o", "ctrl+e", "down", "ctrl+e")),
}


def described(screen) -> list[tuple[str, object]]:
    return [
        (key, active)
        for key, active in screen.active_bindings.items()
        if active.binding.description and not active.binding.system
    ]


@pytest.mark.parametrize("name", SCREENS)
async def test_help_lists_every_key_and_each_works(name):
    app, keys = SCREENS[name]()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        screen = app.screen
        bindings = described(screen)
        assert bindings
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = app.screen.key_rows()
        listed = " ".join(description for _, description in rows)
        for _, active in bindings:
            action = active.binding.action
            if action.startswith("pick("):
                assert "Pick a choice by its number" in listed
            elif action not in LEFT_OUT and (
                active.node in (app, screen) or action in DESCRIPTIONS
            ):
                row = ROW_OF.get(action, action)
                assert DESCRIPTIONS.get(row, active.binding.description) in listed
        # One row per action, in the key bar's spelling: never ^q and ctrl+q both.
        descriptions = [description for _, description in rows]
        assert len(descriptions) == len(set(descriptions)), descriptions
        assert not [keys for keys, _ in rows if "ctrl+" in keys], rows
        assert "Copy selected text" not in listed
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

        for key, active in bindings:
            action, _, _ = active.binding.action.partition("(")
            namespace, _, name_ = action.rpartition(".")
            node = {"app": app, "screen": screen}.get(namespace, active.node)
            calls: list[tuple] = []
            setattr(node, f"action_{name_}", lambda *args, _calls=calls: _calls.append(args))
            try:
                await pilot.press(key)
                await pilot.pause()
            finally:
                delattr(node, f"action_{name_}")
            assert calls, f"{key} ({active.binding.description}) did nothing on {name}"
            assert app.screen is screen, f"{key} left the screen although its action was stubbed"


async def test_question_mark_and_f1_open_and_close_help():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for opener in ("question_mark", "f1"):
            await pilot.press(opener)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("q")
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)


async def test_help_says_what_the_screen_is_for():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        purpose = str(app.screen.query_one("#help-purpose").content)
        assert re.search(r"One question .* at a time", purpose)
