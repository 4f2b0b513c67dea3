"""The leak crawl (issue 17, "Keep it found"): a marker in every text field of the demo data, then every
page, feed, export, PDF and API answer reachable from the start pages crawled as anonymous, as another
municipality's editor, as the county board and as a second scorer. A marker where it must not be fails.

Runs on PostgreSQL (scripts/test.sh's second pass); marked `crawl` so the SQLite pass leaves it out.
"""

import os
import sys
import time
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model

from tests.crawl import markers
from tests.crawl.crawler import api_urls, crawl

pytestmark = [pytest.mark.crawl, pytest.mark.django_db]

MAX_PAGES = 400
SECONDS_PER_USER = 60
START = ["/", "/p/", "/p/arjeplog/", "/p/pitea/", "/api/v1/"]
STAFF_START = [
    "/kommun/arjeplog/",
    "/kommun/pitea/",
    "/samverkan/pite-alvdal/",
    "/beredskap/kommun/arjeplog/",
    "/beredskap/lan/norrbotten/",
    "/rapporter/lan/norrbotten/",
]


def record_urls():
    """Every record's own page (get_absolute_url), as if its address had been guessed or shared."""
    urls = []
    for model in markers.samverka_models():
        if hasattr(model, "get_absolute_url") and not model._meta.model_name.startswith("historical"):
            urls.extend(obj.get_absolute_url() for obj in model._default_manager.all()[:60])
    return urls


def rules_for(username, scorer_pk, unblinded):
    """who -> a function telling why a planted marker must not be shown to them (None if it may)."""

    def anonymous(p):
        return None if p.public else "internal text shown to an anonymous visitor"

    def other_municipality(p):
        if p.owner == "arjeplog" and not p.public and not p.county_shared:
            return "Arjeplog's internal text shown to Piteå's editor"
        return None

    def county_board(p):
        r = p.readiness
        if not r or p.public:
            return None
        if (p.label, p.field) in {("readiness.Interview", "transcript"), ("readiness.Score", "note")}:
            return "a transcript or scorer's note (team only) shown to the county board"
        if not r.get("shared"):
            return "an assessment not shared with the county board shown to it"
        return None

    def scorer(p):
        r = p.readiness
        if p.label != "readiness.Score" or r.get("scorer_id") == scorer_pk:
            return None
        if not r.get("submitted"):
            return "another scorer's unsubmitted sheet shown to a scorer"
        if r.get("interview_id") not in unblinded:
            return "another scorer's scores shown before every scorer submitted"
        return None

    return {
        None: anonymous,
        "pitea-redaktor": other_municipality,
        "lansstyrelsen": county_board,
        "arjeplog-bedomare2": scorer,
    }[username]


def progress(line):
    # The crawl takes minutes: say where it is (pytest -s shows it), and keep a copy if CRAWL_LOG is set.
    print(line, file=sys.stderr)
    if os.environ.get("CRAWL_LOG"):
        with open(os.environ["CRAWL_LOG"], "a") as log:
            log.write(line + "\n")


def test_no_marker_reaches_anyone_who_must_not_see_it(demo, client):
    from samverka.readiness import selectors
    from samverka.readiness.models import Assessment

    began = time.monotonic()
    planted = markers.plant()
    progress(f"{len(planted)} markers planted in {time.monotonic() - began:.0f} s")
    assert len(planted) > 300  # the walk really reached the demo data
    unblinded = set().union(*(selectors.unblinded_interview_ids(a) for a in Assessment.objects.all()))
    scorer2 = get_user_model().objects.get(username="arjeplog-bedomare2")
    extra = record_urls()
    client.raise_request_exception = False
    leaks, errors, stats = defaultdict(list), [], []
    for username in [None, "pitea-redaktor", "lansstyrelsen", "arjeplog-bedomare2"]:
        client.logout()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        why_not = rules_for(username, scorer2.pk, unblinded)

        def on_page(url, response, text, username=username, why_not=why_not):
            if response.status_code >= 500:
                errors.append(f"{username or 'anonymous'}: {response.status_code} at {url}")
            for marker in markers.found_in(text):
                p = planted.get(marker)
                reason = p and why_not(p)
                if reason:
                    leaks[(username or "anonymous", p.label, p.field, reason)].append(url)

        began = time.monotonic()
        start = START + (STAFF_START if username else []) + api_urls(client) + extra
        progress(f"{username or 'anonymous'}: {len(start)} start URLs in {time.monotonic() - began:.0f} s")
        visited, bounded = crawl(
            client, start, max_pages=MAX_PAGES, seconds=SECONDS_PER_USER, on_page=on_page
        )
        stats.append(f"{username or 'anonymous'}: {visited} pages in {time.monotonic() - began:.0f} s")
        progress(stats[-1])
        assert visited > 40, stats  # a crawl that found nothing proves nothing
    report = [
        f"{who}: {label}.{field} – {reason} – {len(urls)} page(s), e.g. {urls[0]}"
        for (who, label, field, reason), urls in sorted(leaks.items())
    ]
    for line in report + errors:
        progress(line)
    assert not report, "\n".join(report)
    assert not errors, "\n".join(errors[:30])
