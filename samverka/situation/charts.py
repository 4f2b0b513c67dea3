"""Indicator charts: the municipality over time with its county and the country, a target line and key
events on the time axis. Drawn with core.charts (SVG); the page shows a data table beside each."""

import re
import uuid
from decimal import Decimal

from samverka.core.charts import PALETTE, new_figure, to_svg
from samverka.situation.analysis import date_x, period_x


def indicator_svg(
    title: str,
    series: list[tuple[str, list[tuple[str, Decimal | None]]]],
    unit: str = "",
    target: tuple[Decimal, str] | None = None,
    events: list[tuple[object, str]] = (),
) -> str:
    """series: [(label, [(period, value or None)])], the first one drawn strongest."""
    figure, axes = new_figure()
    styles = [("-", "o", 2.4), ("--", "s", 1.6), (":", "^", 1.6)]
    xs_all = []
    for index, (label, points) in enumerate(series):
        points = [(period_x(p), float(v)) for p, v in points if v is not None]
        if not points:
            continue
        points.sort()
        xs, ys = zip(*points, strict=True)
        xs_all += xs
        line, marker, width = styles[min(index, len(styles) - 1)]
        axes.plot(
            xs,
            ys,
            linestyle=line,
            marker=marker,
            linewidth=width,
            color=PALETTE[index % len(PALETTE)],
            label=label,
        )
    if target is not None:
        value, label = target
        axes.axhline(float(value), color=PALETTE[2], linestyle="-.", linewidth=1.4, label=label or "Mål")
    if xs_all:
        low, high = min(xs_all), max(xs_all)
        for day, label in events:
            x = date_x(day)
            if low - 1 <= x <= high + 1:
                axes.axvline(x, color="#555555", linestyle=":", linewidth=1)
                axes.annotate(
                    label,
                    xy=(x, 1),
                    xycoords=("data", "axes fraction"),
                    rotation=90,
                    fontsize=7,
                    va="top",
                    ha="right",
                    color="#333333",
                )
        years = sorted({int(x) for x in xs_all})
        axes.set_xticks(years)
        axes.set_xticklabels([str(y) for y in years])
    if unit:
        axes.set_ylabel(unit)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(loc="best", fontsize=8, frameon=False)
    return unique_ids(to_svg(figure, title))


def unique_ids(svg: str) -> str:
    """Prefix every id in one SVG (and the references to them), so several charts share a page or PDF."""
    prefix = "c" + uuid.uuid4().hex[:8] + "-"
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", svg)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', svg)
