"""Building the app for pilot and snapshot tests, over a real store in the
temporary XDG_CONFIG_HOME the tests run with."""

from __future__ import annotations

from rich.console import Console

from tui.app.app import RagftApp
from tui.core.content import load_content
from tui.core.store.session import Session
from tui.core.store.storage import Store
from tui.core.wizard import Wizard

CONTENT = load_content()


def make_app(
    answers: dict | None = None, position: str | None = None, name: str = "demo"
) -> RagftApp:
    """The app open on a saved session, as `ragft open` starts it."""
    store = Store(CONTENT)
    session = Session(name=name, answers=answers or {}, position=position, id=f"id-{name}")
    saved = store.save(session)
    return RagftApp(CONTENT, store, saved.session, saved.path)


def new_app() -> RagftApp:
    """The app as `ragft` opens it: the start screen."""
    return RagftApp(CONTENT, Store(CONTENT))


def unwrapped(widget) -> str:
    """All a Static holds, as plain text, with no line wrapped: what it says,
    whatever width the screen gives it."""
    console = Console(width=400, color_system=None, record=True)
    console.print(widget.content)
    return console.export_text()


def rendered(widget) -> str:
    """What a widget shows, as plain text."""
    console = Console(width=max(widget.size.width, 20), color_system=None, record=True)
    console.print(widget.render())
    return console.export_text()


def wizard(app: RagftApp) -> Wizard:
    assert app.wizard is not None
    return app.wizard
