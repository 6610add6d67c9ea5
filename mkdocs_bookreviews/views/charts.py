"""Chart geometry for inline SVG: where each bar and heatmap cell goes, in SVG user units.

Templates draw the charts at build time from these numbers (no chart library, no script); the
numbers are plain, so tests compare them with the library. A chart's text is drawn at the
size of the page's small print when the chart is as wide as a phone's content column (`WIDTH`
units), and larger on wider screens, which scale the whole drawing up.

In a right-to-left language (`rtl`) every chart is drawn mirrored, as its readers read it:
the first bar (the oldest year, January) on the right, the heatmap's row labels on the right;
`start_x` is where text that starts a line is drawn (anchored at its start, which the SVG's
`direction` puts on the right).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

WIDTH = 360  # every chart's drawing box is this wide
BAR_AREA = 100  # the tallest bar's height
TOP = 14  # room above the tallest bar for its count
AXIS = 20  # room below the bars for their labels
FONT = 10  # the size of counts and labels, in units
PAD = 12  # room left and right of the bars, for a label centred under the first or last
HEAT_LEVELS = 4  # shades of a heatmap cell with readings; an empty cell is level 0
HEAT_LABEL = 36  # the heatmap's column of row labels
HEAT_PITCH = (27, 22)  # one cell's slot, across and down
HEAT_CELL = (24, 18)  # one cell, inside its slot
HEAT_HEAD = 16  # the row of column labels above the cells
HEAT_LEGEND = 48  # the legend below the cells: a key of each shade over its counts


@dataclass(frozen=True)
class Bar:
    """One bar: what it counts (`label`, for its <title> and the table), the label drawn on
    the axis below it (`axis`, "" for none), its count and where it is drawn."""

    label: str
    axis: str
    count: int
    x: float
    y: float
    width: float
    height: float
    center: float


@dataclass(frozen=True)
class BarChart:
    """Bars standing on a baseline at `base`; counts are drawn above the bars when
    `show_counts` (there is room for them), else the tallest count labels a line at its top."""

    bars: tuple[Bar, ...]
    width: int
    height: int
    base: float
    tallest: int
    show_counts: bool
    rtl: bool = False
    start_x: float = 0


def _mirrored(x: float, width: float, across: float) -> float:
    """Where a thing `width` wide at `x` is drawn in a chart `across` wide, mirrored."""
    return round(across - x - width, 2)


def bar_chart(
    items: Sequence[tuple[str, str, int]], *, width: int = WIDTH, rtl: bool = False
) -> BarChart:
    """A bar chart of `(label, axis label, count)`, in order (from the right when `rtl`), the
    tallest bar `BAR_AREA` high."""
    tallest = max((count for _, _, count in items), default=0)
    slot = (width - 2 * PAD) / max(len(items), 1)
    bars = []
    for index, (label, axis, count) in enumerate(items):
        height = round(count / (tallest or 1) * BAR_AREA, 2)
        bars.append(
            Bar(
                label=label,
                axis=axis,
                count=count,
                x=round(PAD + index * slot + slot * 0.15, 2),
                y=round(TOP + BAR_AREA - height, 2),
                width=round(slot * 0.7, 2),
                height=height,
                center=round(PAD + index * slot + slot / 2, 2),
            )
        )
    if rtl:
        bars = [
            dataclasses.replace(
                bar, x=_mirrored(bar.x, bar.width, width), center=round(width - bar.center, 2)
            )
            for bar in bars
        ]
    # A count is drawn above its bar when its digits fit the bar's slot.
    digits = len(str(tallest))
    return BarChart(
        bars=tuple(bars),
        width=width,
        height=TOP + BAR_AREA + AXIS,
        base=TOP + BAR_AREA,
        tallest=tallest,
        show_counts=slot >= digits * FONT * 0.6 + 4,
        rtl=rtl,
        start_x=width if rtl else 0,
    )


def label_step(count: int, *, most: int, steps: Sequence[int] = (1, 2, 5, 10, 20, 25, 50)) -> int:
    """Label every n-th of `count` things so that at most `most` labels are drawn."""
    return next((step for step in steps if math.ceil(count / step) <= most), steps[-1])


@dataclass(frozen=True)
class Cell:
    """One heatmap cell: its row's and column's label, its count, its shade (0: empty) and
    where it is drawn; `label` names it for people ("January 2024", "2024年1月")."""

    row: str
    column: str
    count: int
    level: int
    x: float
    y: float
    label: str = ""


@dataclass(frozen=True)
class HeatRow:
    """One row of a heatmap: its label (drawn at `label_y`) and its cells."""

    label: str
    label_y: float
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class LegendKey:
    """One shade in the legend: its level, the counts it stands for, where it is drawn."""

    level: int
    text: str
    x: float


@dataclass(frozen=True)
class Heatmap:
    """A grid of counts, rows by columns, each cell shaded by its count's level."""

    rows: tuple[HeatRow, ...]
    columns: tuple[tuple[str, float], ...]  # (drawn label, x of its centre)
    legend: tuple[LegendKey, ...]
    legend_y: float
    cell_width: int
    cell_height: int
    width: int
    height: int
    rtl: bool = False
    start_x: float = 0


def heat_level(count: int, most: int) -> int:
    """A count's shade, 0 for none, else 1 to `HEAT_LEVELS` in equal parts of `most`."""
    return math.ceil(count / most * HEAT_LEVELS) if count and most else 0


def heatmap(
    rows: Sequence[tuple[str, Sequence[int]]],
    columns: Sequence[tuple[str, str]],
    *,
    name: Callable[[int, int], str] | None = None,
    rtl: bool = False,
) -> Heatmap:
    """The cells of `rows` (label, one count per column) under `columns` (label, drawn label);
    `name(row, column)` names a cell (by default its column's and row's labels), `rtl` draws
    the map mirrored."""
    most = max((count for _, counts in rows for count in counts), default=0)
    across, down = HEAT_PITCH

    def x_of(column: int) -> float:
        x = HEAT_LABEL + column * across
        return _mirrored(x, HEAT_CELL[0], WIDTH) if rtl else x

    drawn = []
    for r, (row_label, counts) in enumerate(rows):
        y = HEAT_HEAD + r * down
        cells = tuple(
            Cell(
                row_label,
                columns[c][0],
                count,
                heat_level(count, most),
                x_of(c),
                y,
                name(r, c) if name is not None else f"{columns[c][0]} {row_label}",
            )
            for c, count in enumerate(counts)
        )
        drawn.append(HeatRow(row_label, y + HEAT_CELL[1] / 2, cells))
    legend_y = HEAT_HEAD + len(rows) * down + 6
    key_pitch = (WIDTH - HEAT_LABEL) / (HEAT_LEVELS + 1)
    legend = [LegendKey(0, "0", HEAT_LABEL)]
    for level in range(1, HEAT_LEVELS + 1):
        # The counts whose level this is: above the last level's share of `most`, up to its own.
        low = math.floor((level - 1) * most / HEAT_LEVELS) + 1
        high = math.floor(level * most / HEAT_LEVELS)
        if low <= high:
            text = str(low) if low == high else f"{low}\u2013{high}"
            legend.append(LegendKey(level, text, HEAT_LABEL + len(legend) * key_pitch))
    if rtl:
        legend = [
            dataclasses.replace(key, x=_mirrored(key.x, HEAT_CELL[0], WIDTH)) for key in legend
        ]
    return Heatmap(
        rows=tuple(drawn),
        columns=tuple((shown, x_of(c) + HEAT_CELL[0] / 2) for c, (_, shown) in enumerate(columns)),
        legend=tuple(legend),
        legend_y=legend_y,
        cell_width=HEAT_CELL[0],
        cell_height=HEAT_CELL[1],
        width=WIDTH,
        height=int(legend_y + HEAT_LEGEND),
        rtl=rtl,
        start_x=WIDTH if rtl else 0,
    )
