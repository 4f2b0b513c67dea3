from django import template

from samverka.core.markdown import render_markdown
from samverka.core.smallnumbers import public_count

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ activity.description|markdown }}: sanitised HTML from Markdown."""
    return render_markdown(text)


@register.filter(name="public_count")
def public_count_filter(number):
    """{{ activity.reach_per_year|public_count }}: "fewer than 5" for a count of people below 5."""
    return public_count(number)


@register.inclusion_tag("core/_last_changed.html")
def last_changed(record):
    """{% last_changed activity %}: who changed the record last and when, from its simple_history (one
    query); nothing for a record without history."""
    history = getattr(record, "history", None)
    if history is None:
        return {"change": None}
    return {"change": history.select_related("history_user").order_by("-history_date").first()}
