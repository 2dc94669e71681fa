"""What every ragft screen shares: typed access to the app's wizard and content."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.binding import Binding

from tui.app.glyphs import Glyphs
from tui.app.patches.one_frame import OneFrameScreen
from tui.core.content import Content
from tui.core.wizard import Wizard

if TYPE_CHECKING:
    from tui.app.app import RagftApp


# The keys that move between the wizard's screens, shared so every screen
# binds them the same way.
BACK = Binding("escape,b,left", "back", "Back", id="back")
REVIEW = Binding("v", "review", "Review", id="review")
RESULT = Binding("r", "result", "Result", id="result")
MAP = Binding("m", "map", "Map", id="map")
EXPORT = Binding("x", "export", "Export", id="export")
COSTS = Binding("c", "costs", "Costs", id="costs")
CASES = Binding("p", "cases", "Cases", id="cases")
# Hidden from the key bar, which has no room left at 80 columns; F1 lists it.
SOURCES = Binding("s", "sources", "Sources", show=False, id="sources")


class WizardScreen(OneFrameScreen):
    """A screen over the app's wizard. HELP says what the screen is for (F1 shows it)."""

    HELP: ClassVar[str] = ""

    def redraw(self) -> None:
        """Draw everything again from the wizard (after a merge, say)."""

    def key_for(self, action: str) -> str:
        """The key that runs `action` here, as the footer shows it (a config
        file's [keys] may have changed it)."""
        return next(
            (
                self.app.get_key_display(active.binding)
                for active in self.active_bindings.values()
                if active.binding.action == action
            ),
            "",
        )

    def action_back(self) -> None:
        self.ragft.back_to_questions()

    def action_review(self) -> None:
        self.ragft.show_review()

    def action_result(self) -> None:
        self.ragft.show_result()

    def action_map(self) -> None:
        self.ragft.show_map()

    def action_costs(self) -> None:
        self.ragft.show_costs()

    def action_export(self) -> None:
        self.ragft.show_export()

    def action_cases(self) -> None:
        self.ragft.show_cases()

    def action_sources(self) -> None:
        self.ragft.show_sources(self.cited_here())

    def cited_here(self) -> tuple[str, ...]:
        """The source ids this screen cites, listed first on the sources screen."""
        return ()

    @property
    def ragft(self) -> RagftApp:
        return cast("RagftApp", self.app)

    @property
    def wizard(self) -> Wizard:
        wizard = self.ragft.wizard
        assert wizard is not None, "no session is open"
        return wizard

    @property
    def content(self) -> Content:
        return self.ragft.content

    @property
    def glyphs(self) -> Glyphs:
        return self.ragft.glyphs
