"""The one chart module: every chart in Samverka is drawn here (matplotlib, SVG) in one house style.

A chart is a `Chart`: two accessible SVGs of the same data, one laid out for a phone (narrow) and one for
a laptop or a PDF page (wide), the page showing the one that fits (core/_chart.html and samverka.css);
the key events as numbered markers with the list beneath; the unit stated once, above the value axis.
Every chart is followed by a table with the same numbers (the including template's job), so it is
readable without the picture.

Drawing is the expensive part, so rendered charts are kept in the cache framework (local memory by
default, Redis with REDIS_URL) under a key made from everything the chart shows: its data, labels and
language. The key is the version of the data: a changed value, label or event gives another key, so a
change shows at once on every page that shows the chart, on every node, with no signal to miss.

Charts are drawn with the object-oriented API and never touch pyplot's global state, so they are safe in
threaded servers. Domain apps prepare data (numbers and words) and call `line_chart`, `bar_chart` or
`grouped_bar_chart`; they never import matplotlib.
"""

import datetime
import hashlib
import io
import json
import logging
import math
import re
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.utils import formats
from django.utils.html import escape

if TYPE_CHECKING:
    from matplotlib.figure import Figure

logger = logging.getLogger(__name__)


def _matplotlib():
    """matplotlib, imported the first time a chart is drawn: importing it costs seconds, and every process
    that starts Django (a management command, a worker) would pay them at start-up for nothing."""
    import matplotlib
    import matplotlib.figure
    import matplotlib.ticker
    import matplotlib.transforms

    # The same chart is the same SVG, byte for byte, on every node (matplotlib's ids are random without a
    # salt).
    matplotlib.rcParams["svg.hashsalt"] = "samverka"
    return matplotlib


PALETTE = ["#0b5394", "#b45f06", "#38761d", "#741b47", "#45818e", "#7f6000"]
TEXT = "#1b1f24"
MUTED = "#4a525c"
GRID = "#dddddd"
# Bump when the drawing changes, so that charts drawn the old way are not served from the cache.
STYLE = 4
CACHE_SECONDS = 7 * 24 * 3600
_ID = "@@chart@@-"
_CLEAR = {
    "boxstyle": "square,pad=0.1",
    "facecolor": "white",
    "edgecolor": "none",
}  # text over lines  # the placeholder prefix of every id in a cached SVG, made unique per use


@dataclass(frozen=True)
class Layout:
    name: str
    width: float  # inches at 100 dpi: 3.8 in is about 365 CSS pixels, a phone's width less margins
    height: float
    font: float
    max_ticks: int
    legend_columns: int


NARROW = Layout("narrow", 3.8, 3.3, 9.0, 4, 1)
WIDE = Layout("wide", 7.6, 3.6, 9.5, 12, 3)


@dataclass(frozen=True)
class Event:
    number: int
    date: datetime.date
    label: str


@dataclass
class Chart:
    title: str
    description: str
    wide: str
    narrow: str
    events: list[Event] = field(default_factory=list)
    unit: str = ""

    def __bool__(self) -> bool:
        return bool(self.wide)

    def __str__(self) -> str:  # where a template prints the chart itself: the wide one
        return self.wide


def date_x(day: datetime.date) -> float:
    """A date on a time axis of years (2023.0 is 1 January 2023)."""
    return day.year + (day.timetuple().tm_yday - 1) / 366


# --- the chart kinds -------------------------------------------------------------------------------------


def line_chart(
    title: str,
    description: str,
    series: list[tuple[str, list[tuple[float, float]]]],
    *,
    unit: str = "",
    target: tuple[float, str] | None = None,
    events: list[tuple[datetime.date, str]] = (),
) -> Chart:
    """Values over time: series [(label, [(x in years, value)])] (the first drawn strongest), a target line
    and key events on the time axis (those within the data's years, numbered in date order)."""
    series = [(str(label), sorted((float(x), float(y)) for x, y in points)) for label, points in series]
    series = [(label, points) for label, points in series if points]
    xs = [x for _label, points in series for x, _y in points]
    shown = []
    if xs:
        low, high = min(xs), max(xs)
        dated = sorted((day, str(label)) for day, label in events if low - 0.5 <= date_x(day) <= high + 1)
        shown = [Event(number, day, label) for number, (day, label) in enumerate(dated, start=1)]
    spec = {
        "series": series,
        "unit": unit,
        "target": None if target is None else [float(target[0]), str(target[1])],
        "events": [[e.number, e.date.isoformat()] for e in shown],
    }
    return _chart("line", title, description, spec, _draw_lines, shown, unit)


def bar_chart(
    title: str,
    description: str,
    bars: list[tuple[str, float] | tuple[str, float, str]],
    *,
    unit: str = "",
    limit: tuple[float, float] | None = None,
    reference: tuple[float, str] | None = None,
) -> Chart:
    """Horizontal bars, each labelled above its bar (long names need the width) and with its value as
    text (a bar's third item, as the table shows it; else two decimals), an optional reference line (an
    overall score) and fixed limits of the value axis."""
    spec = {
        "bars": [[str(bar[0]), float(bar[1]), str(bar[2]) if len(bar) > 2 else None] for bar in bars],
        "unit": unit,
        "limit": None if limit is None else [float(v) for v in limit],
        "reference": None if reference is None else [float(reference[0]), str(reference[1])],
    }
    return _chart("bar", title, description, spec, _draw_bars, [], unit)


def grouped_bar_chart(
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, list[float]]],
    *,
    unit: str = "",
    limit: tuple[float, float] | None = None,
) -> Chart:
    """Bars per category, one per series side by side (an assessment per date, say)."""
    spec = {
        "categories": [str(c) for c in categories],
        "series": [[str(label), [float(v) for v in values]] for label, values in series],
        "unit": unit,
        "limit": None if limit is None else [float(v) for v in limit],
    }
    return _chart("grouped", title, description, spec, _draw_grouped, [], unit)


# --- caching and SVG ------------------------------------------------------------------------------------


def cache_key(kind: str, title: str, description: str, spec: dict) -> str:
    payload = json.dumps([STYLE, kind, title, description, spec], sort_keys=True, default=str)
    return "chart:" + hashlib.sha256(payload.encode()).hexdigest()


def _chart(kind, title, description, spec, draw, events, unit) -> Chart:
    spec["decimal"] = formats.get_format("DECIMAL_SEPARATOR")  # the language's, as the tables show numbers
    key = cache_key(kind, title, description, spec)
    try:
        rendered = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache that is down costs a drawing, never the page
        logger.warning("chart cache unavailable", exc_info=True)
        rendered = None
    if rendered is None:
        rendered = {layout.name: to_svg(draw(spec, layout), title, description) for layout in (WIDE, NARROW)}
        try:
            cache.set(key, rendered, CACHE_SECONDS)
        except Exception:  # noqa: BLE001
            logger.warning("chart cache unavailable", exc_info=True)
    return Chart(
        title=title,
        description=description,
        wide=_unique(rendered["wide"]),
        narrow=_unique(rendered["narrow"]),
        events=events,
        unit=unit,
    )


def _unique(svg: str) -> str:
    """Give every id in one SVG (and the references to them) a fresh prefix, so that any number of charts,
    the same one twice included, share a page or a PDF."""
    return svg.replace(_ID, "c" + uuid.uuid4().hex[:10] + "-")


def to_svg(figure: "Figure", title: str, description: str = "") -> str:
    """The figure as an inline SVG that scales to its box, named by its <title> and described by its
    <desc> (role="img", aria-labelledby), every id prefixed by a placeholder `_unique` replaces."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.08, metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, count=1, flags=re.S)
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{_ID}{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{_ID}{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{_ID}{m.group(1)}"', svg)
    opening_end = svg.index(">") + 1
    opening = svg[:opening_end]
    opening = opening.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{_ID}title {_ID}desc" focusable="false" class="chart-svg" ',
        1,
    )
    accessible = (
        f'<title id="{_ID}title">{escape(title)}</title><desc id="{_ID}desc">{escape(description)}</desc>'
    )
    return opening + accessible + svg[opening_end:]


# --- drawing --------------------------------------------------------------------------------------------


def _figure(layout: Layout, height: float | None = None):
    figure = _matplotlib().figure.Figure(figsize=(layout.width, height or layout.height), dpi=100)
    axes = figure.add_subplot(1, 1, 1)
    axes.spines[["top", "right"]].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(MUTED)
    axes.tick_params(labelsize=layout.font, colors=TEXT)
    axes.grid(axis="y", color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)
    return figure, axes


def _unit(axes, unit: str, layout: Layout) -> None:
    """The unit once, above the value axis, read horizontally (a rotated label costs a phone its width)."""
    if unit:
        axes.annotate(
            unit,
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, 8),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=layout.font,
            color=MUTED,
        )


def _legend(figure, axes, layout: Layout, count: int, below: float = 22) -> None:
    """Below the plot, outside it (`below` points under the axes, past the tick labels), in as many
    columns as fit."""
    handles, labels = axes.get_legend_handles_labels()
    if not handles:
        return
    columns = max(1, min(layout.legend_columns, count))
    axes.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(0, 0),
        bbox_transform=_matplotlib().transforms.offset_copy(
            axes.transAxes, fig=figure, y=-below, units="points"
        ),
        ncol=columns,
        fontsize=layout.font,
        frameon=False,
        borderaxespad=0,
        handlelength=2.6,
        columnspacing=1.4,
    )


def _year_ticks(axes, low: float, high: float, layout: Layout) -> None:
    first, last = math.floor(low), math.floor(high)
    years = list(range(first, last + 1))
    step = max(1, math.ceil(len(years) / layout.max_ticks))
    shown = years[::-1][::step][::-1]  # thin from the left: the latest year always has its label
    axes.set_xticks(shown, [str(y) for y in shown])
    axes.set_xlim(low - 0.35, high + 0.35)


def _draw_lines(spec: dict, layout: Layout) -> "Figure":
    figure, axes = _figure(layout)
    styles = [("-", "o", 2.4), ("--", "s", 1.6), (":", "^", 1.8), ("-.", "D", 1.4)]
    xs, ys = [], []
    for index, (label, points) in enumerate(spec["series"]):
        x, y = zip(*points, strict=True)
        xs += x
        ys += y
        line, marker, width = styles[min(index, len(styles) - 1)]
        axes.plot(
            x,
            y,
            linestyle=line,
            marker=marker,
            markersize=5 if index == 0 else 4,
            linewidth=width,
            color=PALETTE[index % len(PALETTE)],
            label=label,
        )
    if spec["target"] is not None:
        value, label = spec["target"]
        ys.append(value)
        axes.axhline(value, color=PALETTE[2], linestyle=(0, (6, 2, 1, 2)), linewidth=1.6, label=label)
    if xs:
        low, high = min(xs), max(xs)
        events = [(number, date_x(datetime.date.fromisoformat(day))) for number, day in spec["events"]]
        if events:
            high = max(high, max(x for _n, x in events))
        _year_ticks(axes, low, high, layout)
        _events(axes, events, layout, high - low)
    axes.yaxis.set_major_locator(
        _matplotlib().ticker.MaxNLocator(nbins=5 if layout is NARROW else 6, min_n_ticks=3)
    )
    if ys:
        low = 0 if min(ys) >= 0 else min(ys)
        span = (max(ys) - low) or abs(max(ys)) or 1
        # headroom over the highest value: the event numbers sit there, clear of the lines
        axes.set_ylim(
            low - (0 if low == 0 else 0.05 * span), max(ys) + span * (0.3 if spec["events"] else 0.08)
        )
    axes.yaxis.set_major_formatter(_number_formatter(spec["decimal"]))
    _unit(axes, spec["unit"], layout)
    _legend(figure, axes, layout, len(spec["series"]) + (spec["target"] is not None))
    return figure


def _events(axes, events: list[tuple[int, float]], layout: Layout, span: float) -> None:
    """A dotted line and a numbered circle per event at the top of the plot; circles of events close in
    time step down, so that no two overlap."""
    close = max(span, 1) * (0.09 if layout is NARROW else 0.05)
    levels: list[tuple[float, int]] = []
    for number, x in events:
        level = 0
        while any(abs(x - other) < close and lvl == level for other, lvl in levels):
            level += 1
        levels.append((x, level))
        axes.axvline(x, color="#555555", linestyle=":", linewidth=1, zorder=1)
        axes.annotate(
            str(number),
            xy=(x, 1),
            xycoords=("data", "axes fraction"),
            xytext=(0, -9 - 15 * level),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=layout.font - 1.5,
            color="white",
            fontweight="bold",
            bbox={"boxstyle": "circle,pad=0.25", "facecolor": "#333333", "edgecolor": "none"},
            zorder=5,
        )


def _number_formatter(decimal: str):
    """Numbers as the page's language writes them: 1,5 and 12\u00a0000 in Swedish."""

    def shown(value, _position):
        text = f"{value:,.10g}" if abs(value) >= 10000 else f"{value:.10g}"
        return text.replace(",", "\u00a0").replace(".", decimal)

    return _matplotlib().ticker.FuncFormatter(shown)


def _draw_bars(spec: dict, layout: Layout) -> "Figure":
    bars = spec["bars"]
    figure, axes = _figure(layout, 0.62 * len(bars) + 1.0)
    axes.grid(axis="x", color=GRID, linewidth=0.8)
    axes.grid(axis="y", visible=False)
    axes.spines["left"].set_visible(False)
    positions = list(range(len(bars)))[::-1]
    values = [value for _label, value, _text in bars]
    axes.barh(positions, values, color=PALETTE[0], height=0.42)
    axes.set_yticks([])
    for position, (label, value, text) in zip(positions, bars, strict=True):
        axes.annotate(
            label,
            xy=(0, position + 0.24),
            xycoords="data",
            ha="left",
            va="bottom",
            fontsize=layout.font,
            color=TEXT,
            annotation_clip=False,
            bbox=_CLEAR,
            zorder=4,
        )
        axes.annotate(
            text or f"{value:.2f}".replace(".", spec["decimal"]),
            xy=(value, position),
            xytext=(4, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=layout.font - 0.5,
            color=TEXT,
            bbox=_CLEAR,
            zorder=4,
        )
    if spec["limit"] is not None:
        axes.set_xlim(*spec["limit"])
        low, high = spec["limit"]
        axes.set_xticks(range(int(low), int(high) + 1))
    axes.set_ylim(-0.5, len(bars) - 0.2)
    if spec["reference"] is not None:
        value, label = spec["reference"]
        axes.axvline(value, color=PALETTE[1], linewidth=2, linestyle="--", label=label, zorder=2)
    axes.xaxis.set_major_formatter(_number_formatter(spec["decimal"]))
    if spec["unit"]:
        axes.set_xlabel(spec["unit"], fontsize=layout.font, color=MUTED)
    _legend(figure, axes, layout, 1, below=40 if spec["unit"] else 24)
    return figure


def _draw_grouped(spec: dict, layout: Layout) -> "Figure":
    figure, axes = _figure(layout)
    categories, series = spec["categories"], spec["series"]
    width = 0.8 / max(1, len(series))
    for index, (label, values) in enumerate(series):
        axes.bar(
            [x - 0.4 + width * (index + 0.5) for x in range(len(categories))],
            values,
            width=width * 0.92,
            color=PALETTE[index % len(PALETTE)],
            label=label,
        )
    axes.set_xticks(range(len(categories)), categories)
    if spec["limit"] is not None:
        axes.set_ylim(*spec["limit"])
    axes.yaxis.set_major_locator(_matplotlib().ticker.MaxNLocator(nbins=5, integer=True))
    axes.yaxis.set_major_formatter(_number_formatter(spec["decimal"]))
    _unit(axes, spec["unit"], layout)
    _legend(figure, axes, layout, len(series))
    return figure
