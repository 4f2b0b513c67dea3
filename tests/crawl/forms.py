"""POST forms as a browser would submit them: parsed from a page with their fields and current values."""

from html.parser import HTMLParser
from urllib.parse import urljoin


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea, self._option = [], None, None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "data": [],
            }
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("file", "image", "reset"):
                return
            if kind == "submit" and name:
                form.setdefault("submits", []).append((name, a.get("value") or ""))
                return
            value = a.get("value") or ("on" if kind == "checkbox" else "")
            form["data"].append((name, value))
        elif tag == "button" and name and (a.get("type") or "submit") == "submit":
            form.setdefault("submits", []).append((name, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "options": [], "selected": []}
        elif tag == "option" and self._select is not None:
            self._option = a.get("value")
            self._select["options"].append(self._option)
            if "selected" in a:
                self._select["selected"].append(self._option)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if self._select is not None and self._option is None and self._select["options"]:
            pass

    def handle_endtag(self, tag):
        form = self._form
        if tag == "textarea" and self._textarea is not None and form is not None:
            form["data"].append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select" and self._select is not None and form is not None:
            s = self._select
            chosen = s["selected"] or [o for o in s["options"][:1] if o is not None]
            form["data"].extend((s["name"], v or "") for v in chosen)
            self._select = None
        elif tag == "form" and form is not None:
            self.forms.append(form)
            self._form = None


def post_forms(url: str, html: str) -> list[dict]:
    """The page's POST forms: {"action": absolute path, "data": [(name, value)]}, the first submit button
    pressed."""
    parser = _Forms()
    parser.feed(html)
    found = []
    for form in parser.forms:
        if form["method"] != "post":
            continue
        data = [(k, v) for k, v in form["data"] if k != "csrfmiddlewaretoken"]
        data.extend(form.get("submits", [])[:1])
        found.append(
            {"page": url, "action": urljoin(url, form["action"]) if form["action"] else url, "data": data}
        )
    return found
