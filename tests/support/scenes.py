"""Each screen of the app in a representative state: shared by the snapshot
tests and screenshots/generate.py, so both show exactly the same thing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from tests.support.app_helpers import CONTENT, make_app, new_app
from tests.support.strategies import KB_CHATBOT
from tui.app.app import RagftApp
from tui.core.store.session import RESULT, REVIEW, Session
from tui.core.store.storage import Store

ANSWERS = {
    "problem": "both",
    "use_case": "chatbot",
    "change_rate": "daily",
    "labeled_data": "thousands",
    "data_sources": "per_user",
    "output_format": "strict",
    "budget": "high",
}
PART = {"problem": "behavior", "use_case": "classification"}
SAVED = {
    "Banking chatbot": ANSWERS,
    "Knowledge-base bot": KB_CHATBOT,
    "Ticket triage": {**PART, "labeled_data": "thousands", "change_rate": "rarely"},
}


def exporting() -> RagftApp:
    """The result screen of a session, exports going to a fixed folder."""
    app = make_app(ANSWERS, position=RESULT, name="Support bot")
    app.export_folder = Path("/home/you/notes")
    return app


def with_saved_sessions() -> RagftApp:
    """The start screen over a store with three sessions and one broken file."""
    store = Store(CONTENT)
    for number, (name, answers) in enumerate(SAVED.items()):
        store.save(Session(name=name, answers=answers, id=f"saved{number}"))
    (store.folder / "broken.toml").write_text("[answers\n")
    return RagftApp(CONTENT, store)


# A situation whose nearest published cases chose otherwise than the engine:
# the result says so beside the confidence.
DISSENT = dict(next(c for c in CONTENT.cases if c.id == "stitch-fix-product-descriptions").answers)

# name -> (how to build the app, keys to press before looking; "#id" scrolls
# that part of the screen into view)
SCENES: dict[str, tuple[Callable[[], App], tuple[str, ...]]] = {
    "start": (new_app, ()),
    "question": (lambda: make_app(PART, position="labeled_data"), ("down",)),
    "question-root": (make_app, ()),
    "number-question": (lambda: make_app(ANSWERS, position="monthly_queries"), tuple("5000")),
    "note": (lambda: make_app(PART, position="labeled_data"), ("e", *"ask the data team")),
    "review": (lambda: make_app(ANSWERS, position=REVIEW), ()),
    "result": (lambda: make_app(ANSWERS, position=RESULT), ()),
    "map": (lambda: make_app(ANSWERS, position="corpus"), ("m",)),
    "help": (lambda: make_app(PART, position="labeled_data"), ("f1",)),
    "start-with-sessions": (with_saved_sessions, ()),
    "sessions": (with_saved_sessions, ("ctrl+o",)),
    "compare": (with_saved_sessions, ("ctrl+o", "ctrl+e", "down", "ctrl+e")),
    "export": (exporting, ("x",)),
    "costs": (lambda: make_app(ANSWERS, position=RESULT), ("c",)),
    "cases": (lambda: make_app(ANSWERS, position=RESULT), ("p",)),
    "case": (lambda: make_app(ANSWERS, position=RESULT), ("p", "enter")),
    "precedents": (lambda: make_app(DISSENT, position=RESULT), ("#precedents-title",)),
    "sources": (lambda: make_app(PART, position="labeled_data"), ("s",)),
}


async def settle(pilot: Pilot) -> None:
    """Wait until what a key started is done: messages handled, workers finished."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def still(keys: tuple[str, ...]) -> Callable[[Pilot], Awaitable[None]]:
    """Press the keys, then stop every cursor blinking so the picture is stable."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for key in keys:
            if key.startswith("#"):  # not a key: bring that part of the screen into view
                pilot.app.screen.query_one(key).scroll_visible(top=True, animate=False)
            else:
                await pilot.press(key)
            await settle(pilot)
        for entry in pilot.app.screen.query(Input):
            entry.cursor_blink = False
        await pilot.pause()

    return run_before
