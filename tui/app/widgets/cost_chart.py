"""The cumulative cost of each approach over the months, drawn by plotext
(through textual-plotext), with the break-even months marked."""

from __future__ import annotations

from textual_plotext import PlotextPlot

from tui.core.content import Content
from tui.core.decide.costs import Costs
from tui.core.words.cost_report import money

Y_TICKS = 5

# One plotext colour and marker per approach, so the lines tell apart in 16
# colours and, by their marker, without colour at all.
LOOK = {
    "prompting": ("green", "•"),
    "rag": ("blue", "+"),
    "fine-tuning": ("magenta", "x"),
    "hybrid": ("yellow", "o"),
}
ASCII_MARKERS = {"•": "*"}


class CostChart(PlotextPlot):
    DEFAULT_CSS = """
    CostChart {
        height: 16;
        width: 1fr;
    }
    """

    def __init__(self, content: Content, ascii_only: bool, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content = content
        self.ascii_only = ascii_only

    def show(self, costs: Costs) -> None:
        plt = self.plt
        plt.clear_figure()
        months = list(range(1, costs.months + 1))
        for approach, cost in costs.approaches.items():
            color, marker = LOOK[approach]
            plt.plot(
                months,
                list(cost.cumulative),
                label=self.content.approaches[approach].name + (" (unable)" if cost.unable else ""),
                color=color,
                marker=ASCII_MARKERS.get(marker, marker) if self.ascii_only else marker,
            )
        for crossing in costs.break_even:
            if crossing.month is not None:
                plt.vline(crossing.month, "gray")
        plt.xlabel("month")
        plt.title("Cumulative cost, US dollars")
        plt.xticks([1, 6, 12, 18, 24])
        top = max((c.cumulative[-1] for c in costs.approaches.values()), default=0.0)
        plt.ylim(0, top or 1)  # from zero, so the ticks below say what they mark
        ticks = [top * step / (Y_TICKS - 1) for step in range(Y_TICKS)]
        plt.yticks(ticks, [money(tick) for tick in ticks])
        self.refresh()
