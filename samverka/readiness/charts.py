"""The readiness charts' data, drawn by the one chart module (core.charts); templates show a data table
after each."""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.core import charts
from samverka.readiness.scoring import dimension_name


def dimensions_chart(assessment, result, language="sv") -> charts.Chart:
    keys = list(result.dimensions)
    with translation.override(language):  # the words and the decimal mark of the result's language
        shown = formats.number_format(result.overall.shown, use_l10n=True)
        title = _("Score per dimension (1–9)")
        description = ngettext(
            "Bar chart of the score of %(count)s dimension on a scale from 1 to 9, with the overall score "
            "%(overall)s as a line. The table after the chart has the same scores.",
            "Bar chart of the score of each of %(count)s dimensions on a scale from 1 to 9, with the overall "
            "score %(overall)s as a line. The table after the chart has the same scores.",
            len(keys),
        ) % {"count": len(keys), "overall": shown}
        return charts.bar_chart(
            title,
            description,
            [
                (
                    f"{k} {dimension_name(k, assessment.model, language)}",
                    result.dimensions[k].score,
                    formats.number_format(result.dimensions[k].shown, use_l10n=True),
                )
                for k in keys
            ],
            unit=_("Score"),
            limit=(0, 9),
            reference=(result.overall.score, f"{_('Overall')} {shown}"),
        )


def compare_chart(assessment, columns, language="sv") -> charts.Chart | None:
    if not columns:
        return None
    keys = list(assessment.dimension_keys)
    with translation.override(language):
        title = _("Change per dimension")
        description = ngettext(
            "Bar chart of the score per dimension in %(count)s assessment. "
            "The table after the chart has the same scores.",
            "Bar chart of the score per dimension in each of %(count)s assessments, side by side. "
            "The table after the chart has the same scores.",
            len(columns),
        ) % {"count": len(columns)}
        return charts.grouped_bar_chart(
            title,
            description,
            keys,
            [
                (
                    formats.date_format(timezone.localtime(column["assessment"].created_at), "j F Y"),
                    [column["result"].dimensions[k].score for k in keys],
                )
                for column in columns
            ],
            unit=_("Score"),
            limit=(0, 9),
        )
