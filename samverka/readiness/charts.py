"""The readiness charts (SVG through core.charts); templates show a data table beside each."""

from django.utils import formats, translation
from django.utils.translation import gettext as _

from samverka.core.charts import PALETTE, new_figure, to_svg
from samverka.readiness.scoring import dimension_name


def dimensions_chart(assessment, result, language="sv") -> str:
    keys = list(result.dimensions)
    labels = [f"{k} {dimension_name(k, assessment.model, language)}" for k in keys]
    values = [float(result.dimensions[k].score) for k in keys]
    figure, axes = new_figure(7.0, 0.45 * len(keys) + 1.4)
    axes.grid(axis="x", color="#dddddd", linewidth=0.8)
    axes.grid(axis="y", visible=False)
    positions = list(range(len(keys)))[::-1]
    axes.barh(positions, values, color=PALETTE[0], height=0.6)
    axes.set_yticks(positions, labels)
    axes.set_xlim(0, 9)
    axes.set_xticks(range(0, 10))
    overall = float(result.overall.score)
    axes.axvline(overall, color=PALETTE[1], linewidth=2, linestyle="--")
    with translation.override(language):
        label, title, score = _("Overall"), _("Score per dimension (1–9)"), _("Score")
        shown = formats.number_format(result.overall.shown, use_l10n=True)  # decimal comma in Swedish
    axes.text(
        overall,
        len(keys) - 0.4,
        f" {label} {shown}",
        color="#7a3e00",
        fontsize=9,
        va="bottom",
    )
    axes.set_xlabel(score)
    return to_svg(figure, title)


def compare_chart(assessment, columns, language="sv") -> str | None:
    if not columns:
        return None
    keys = list(assessment.dimension_keys)
    figure, axes = new_figure(7.0, 3.6)
    width = 0.8 / len(columns)
    for i, column in enumerate(columns):
        values = [float(column["result"].dimensions[k].score) for k in keys]
        axes.bar(
            [x + i * width for x in range(len(keys))],
            values,
            width=width,
            color=PALETTE[i % len(PALETTE)],
            label=column["assessment"].created_at.strftime("%Y-%m-%d"),
        )
    axes.set_xticks([x + width * (len(columns) - 1) / 2 for x in range(len(keys))], keys)
    axes.set_ylim(0, 9)
    axes.legend(fontsize=8)
    with translation.override(language):
        title = _("Change per dimension")
    return to_svg(figure, title)
