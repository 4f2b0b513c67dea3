"""Issue 16: no dangling separators or empty labels. The demo's main staff and public pages, as rendered:
a link list never ends (nor starts) with "·", and no <dt> is followed by an empty <dd>."""

import re

import pytest
from django.apps import apps
from django.urls import reverse

pytestmark = pytest.mark.django_db

# "·" right before a closing tag or the end of a line, or right after an opening tag: a dangling separator
DANGLING = [
    re.compile(r"·\s*</(?!a>|strong>|span>|em>)[a-z0-9]+>"),
    re.compile(r"<(p|li|td|dd|div)(\s[^>]*)?>\s*·"),
]
EMPTY_DD = re.compile(r"<dt[^>]*>.*?</dt>\s*<dd[^>]*>\s*</dd>", re.S)


@pytest.fixture
def demo(places, users, frozen_today):
    from samverka.activities import demo_data as activities
    from samverka.meetings import demo_data as meetings
    from samverka.promises import demo_data as promises
    from samverka.readiness import demo_data as readiness
    from samverka.situation import demo_data as situation

    for module in (activities, promises, readiness, situation, meetings):
        module.load()
    return places


def _pages():
    urls = [
        "/",
        "/p/",
        "/p/arjeplog/",
        "/p/pitea/",
        "/p/arjeplog/nyheter/",
        "/kommun/arjeplog/",
        "/kommun/pitea/",
        "/samverkan/pite-alvdal/",
        "/beredskap/kommun/arjeplog/",
        "/beredskap/lan/norrbotten/",
        "/rapporter/lan/norrbotten/",
    ]
    for label in [
        "promises.Promise",
        "promises.ActionPlan",
        "readiness.Assessment",
        "activities.Activity",
        "situation.SituationReport",
        "meetings.Meeting",
    ]:
        model = apps.get_model(label)
        urls.extend(obj.get_absolute_url() for obj in model._default_manager.all()[:15])
    from samverka.readiness.models import Interview

    urls += [
        reverse("readiness:interview", args=[pk]) for pk in Interview.objects.values_list("pk", flat=True)
    ]
    return urls


def problems_in(text: str) -> list[str]:
    found = []
    for pattern in DANGLING:
        found += [text[max(0, m.start() - 80) : m.end()] for m in pattern.finditer(text)]
    found += [m.group(0)[-160:] for m in EMPTY_DD.finditer(text)]
    return found


def test_the_checks_find_what_they_look_for():
    assert problems_in('<p><a href="/a">A</a> · </p>')
    assert problems_in("<li> · <a>B</a></li>")
    assert problems_in("<dl><dt>Ansvarig</dt><dd> </dd></dl>")
    assert not problems_in(
        '<p><a href="/a">A</a> · <a href="/b">B</a></p><dl><dt>X</dt><dd>Inte angivet</dd></dl>'
    )


@pytest.mark.parametrize(("who", "pages"), [("coordinator", 40), ("anonymous", 5)])
def test_no_page_of_the_demo_has_a_dangling_separator_or_an_empty_field(demo, users, client_for, who, pages):
    client = client_for(users[who])
    checked, problems = 0, {}
    for url in _pages():
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        found = problems_in(response.content.decode())
        if found:
            problems[url] = found
    assert checked >= pages  # the pages were really rendered, not refused
    assert problems == {}
