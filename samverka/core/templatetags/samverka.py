from django import template

from samverka.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ activity.description|markdown }}: sanitised HTML from Markdown."""
    return render_markdown(text)
