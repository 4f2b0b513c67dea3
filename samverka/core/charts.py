"""Server-side SVG charts (matplotlib, Agg backend) in one house style.

Every chart is shown with a data table beside it (the template's job), so it is readable without the
picture. Charts are drawn with the object-oriented API and never touch pyplot's global state, so they
are safe in threaded servers.
"""

import io

from django.utils.html import escape
from matplotlib.figure import Figure

PALETTE = ["#0b5394", "#b45f06", "#38761d", "#741b47", "#45818e", "#7f6000"]


def new_figure(width: float = 7.0, height: float = 3.6) -> tuple[Figure, object]:
    figure = Figure(figsize=(width, height), dpi=100)
    axes = figure.add_subplot(1, 1, 1)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)
    return figure, axes


def to_svg(figure: Figure, title: str) -> str:
    """The figure as an inline SVG string with an accessible name (role="img" and a <title>)."""
    buffer = io.StringIO()
    figure.tight_layout()
    figure.savefig(buffer, format="svg", metadata={"Title": title, "Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)
