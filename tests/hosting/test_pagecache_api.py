"""The page cache for the API's reads: keyed by the token (never anyone else's list), shared when anonymous,
and a change through the API or the pages shows at once; a revoked token is refused even after its list
was kept."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.activities.models import Activity, Arena
from samverka.api.models import ApiToken, hash_token
from samverka.api.services import api_token_create, api_token_revoke
from samverka.hosting import pagecache
from tests.activities.test_staff_views import _form_data

LIST = "/api/v1/activities/?municipality=arjeplog&limit=100"
DRAFT = "Utkast: bara för Arjeplogs medlemmar"


@pytest.fixture
def page_cache(settings, places):
    from samverka.activities import demo_data

    demo_data.load()
    # internal to Arjeplog's members: a token of Arjeplog sees it, anyone else does not
    Activity.objects.create(municipality=places["arjeplog"], title=DRAFT, arena=Arena.FAMILY, published=False)
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def _hit(response) -> bool:
    return response.get("X-Samverka-Cache") == "hit"


def _api(raw=None, **headers) -> Client:
    """A script's client: no session, its token (if any) on every request."""
    if raw:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return Client(**headers)


def _titles(response) -> set[str]:
    return {a["title"] for a in response.json()["results"]}


def _published_activity():
    return Activity.objects.filter(municipality__slug="arjeplog", published=True).order_by("title").first()


# --- What the token's use writes --------------------------------------------------------------------


class _Statements(list):
    """The statements as the page cache's wrapper sees them (with placeholders, not the values)."""

    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def test_a_tokens_last_use_moves_no_page_but_revoking_it_does(page_cache, users):
    token, raw = api_token_create(user=users["coordinator"], name="skript")
    statements = _Statements()
    with connection.execute_wrapper(statements):
        assert _api(raw).get("/api/v1/me/").status_code == 200
    writes = [sql for sql in statements if pagecache.written_table(sql) is not None]
    assert len(writes) == 1 and '"last_used"' in writes[0]  # the first use is recorded ...
    assert not pagecache.changes_pages(writes[0])  # ... and moves no page
    statements = _Statements()
    with connection.execute_wrapper(statements):
        api_token_revoke(user=users["coordinator"], token_id=token.pk)
    assert any(pagecache.changes_pages(sql) for sql in statements)
    assert pagecache.changes_pages(
        'UPDATE "api_apitoken" SET "last_used" = %s, "revoked" = %s WHERE "id" = %s'
    )


# --- Hits, and never anyone else's list ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        LIST,
        "/api/v1/promises/?municipality=arjeplog",
        "/api/v1/follow-ups/?municipality=arjeplog",
        "/api/v1/readiness/?municipality=arjeplog",
        "/api/v1/indicators/",
        "/api/v1/observations/?municipality=arjeplog",
    ],
)
def test_every_api_list_is_a_hit_on_the_second_get_with_a_token_and_anonymously(page_cache, users, url):
    raw = api_token_create(user=users["coordinator"], name="skript")[1]
    for client in (_api(raw), _api()):
        first = client.get(url)
        assert first.status_code == 200 and not _hit(first), url
        second = client.get(url)
        assert _hit(second), url
        assert second.json() == first.json()
        assert second["Content-Type"] == first["Content-Type"] == "application/json"
        assert "csrftoken" not in second.cookies  # a JSON answer from the cache sets no cookie either


def test_two_tokens_of_different_users_never_see_each_others_list(page_cache, users):
    own = _api(api_token_create(user=users["coordinator"], name="a")[1])
    other = _api(api_token_create(user=users["other_editor"], name="b")[1])
    own.get(LIST)
    kept = own.get(LIST)
    assert _hit(kept) and DRAFT in _titles(kept)
    theirs = other.get(LIST)
    assert not _hit(theirs) and theirs.status_code == 200 and DRAFT not in _titles(theirs)
    again = other.get(LIST)
    assert _hit(again) and DRAFT not in _titles(again)
    anonymous = _api().get(LIST)
    assert not _hit(anonymous) and DRAFT not in _titles(anonymous)
    # a logged-in browser's own session copy is apart too
    browser = Client()
    browser.force_login(users["other_editor"])
    browser.get(LIST)
    assert DRAFT not in _titles(browser.get(LIST))


def test_a_revoked_token_gets_401_even_after_its_list_was_kept(page_cache, users):
    token, raw = api_token_create(user=users["coordinator"], name="skript")
    _api(raw).get(LIST)
    assert _hit(_api(raw).get(LIST))
    api_token_revoke(user=users["coordinator"], token_id=token.pk)
    for _ in range(2):
        refused = _api(raw).get(LIST)
        assert refused.status_code == 401 and not _hit(refused)


def test_an_unknown_token_is_refused_although_the_anonymous_list_is_kept(page_cache):
    _api().get(LIST)
    assert _hit(_api().get(LIST))
    for _ in range(2):
        refused = _api("smv_inte-vår").get(LIST)
        assert refused.status_code == 401 and not _hit(refused)


def test_the_browsable_api_and_json_get_a_copy_each(page_cache):
    client = _api()
    client.get(LIST)
    assert _hit(client.get(LIST))
    html = client.get(LIST, HTTP_ACCEPT="text/html")
    assert not _hit(html) and html["Content-Type"].startswith("text/html")
    assert client.get(LIST)["Content-Type"] == "application/json"
    # the browsable API's scripts get each visitor's own CSRF token, as a page's forms do
    kept = _api().get(LIST, HTTP_ACCEPT="text/html")
    assert _hit(kept)
    token = re.search(r'"csrfToken": "([^"]*)"', kept.content.decode()).group(1)
    assert token and token != "@@samverka-csrf@@" and "@@samverka-csrf@@" not in kept.content.decode()


def test_a_hit_still_records_the_tokens_use(page_cache, users):
    token, raw = api_token_create(user=users["coordinator"], name="skript")
    _api(raw).get(LIST)
    assert _hit(_api(raw).get(LIST))
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used=long_ago)  # moves no page
    cache.delete(f"api-token-used:{hash_token(raw)}")  # this process asked a minute ago
    assert _hit(_api(raw).get(LIST))
    token.refresh_from_db()
    assert token.last_used > long_ago


def test_the_token_page_is_never_kept(page_cache, users):
    api_token_create(user=users["coordinator"], name="skript")
    browser = Client()
    browser.force_login(users["coordinator"])
    browser.get("/")
    for _ in range(3):
        page = browser.get("/konto/api-nycklar/")
        assert page.status_code == 200 and not _hit(page) and "skript" in page.content.decode()


# --- After commit: a change through the API or the pages shows at once -------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_change_through_the_api_shows_at_once_in_every_api_list(page_cache, users):
    activity = _published_activity()
    raw = api_token_create(user=users["coordinator"], name="skript")[1]
    readers = [_api(raw), _api(api_token_create(user=users["other_editor"], name="b")[1]), _api()]
    for reader in readers:
        reader.get(LIST)
        assert _hit(reader.get(LIST))
    before = pagecache.generation()
    changed = _api(raw).patch(
        f"/api/v1/activities/{activity.pk}/",
        {"title": "Ändrad genom API:t", "version": activity.version},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert pagecache.generation()[0] > before[0]
    for reader in readers:
        listed = reader.get(LIST)
        assert not _hit(listed) and "Ändrad genom API:t" in _titles(listed)
        assert _hit(reader.get(LIST))


@pytest.mark.django_db(transaction=True)
def test_a_change_through_the_pages_shows_at_once_in_the_api_list(page_cache, users):
    activity = _published_activity()
    raw = api_token_create(user=users["coordinator"], name="skript")[1]
    for reader in (_api(raw), _api()):
        reader.get(LIST)
        assert _hit(reader.get(LIST))
    staff = Client()
    staff.force_login(users["coordinator"])
    response = staff.post(
        reverse("activities:edit", args=[activity.pk]), _form_data(activity, title="Ändrad i formuläret")
    )
    assert response.status_code == 302
    for reader in (_api(raw), _api()):
        listed = reader.get(LIST)
        assert not _hit(listed) and "Ändrad i formuläret" in _titles(listed)


@pytest.mark.django_db(transaction=True)
def test_after_commit_a_revoked_token_or_a_deactivated_user_gets_401(page_cache, users, django_user_model):
    token, raw = api_token_create(user=users["coordinator"], name="a")
    other = api_token_create(user=users["editor"], name="b")[1]
    for key in (raw, other):
        _api(key).get(LIST)
        assert _hit(_api(key).get(LIST))
    before = pagecache.generation()
    assert _hit(_api(raw).get(LIST))  # reading, and recording the token's use, moved nothing
    assert pagecache.generation() == before
    api_token_revoke(user=users["coordinator"], token_id=token.pk)
    assert _api(raw).get(LIST).status_code == 401
    assert _api(other).get(LIST).status_code == 200
    django_user_model.objects.filter(pk=users["editor"].pk).update(is_active=False)
    assert _api(other).get(LIST).status_code == 401


# --- The pages measured since the API lists: none of them writes on GET -------------------------------


def test_every_page_added_to_the_benchmark_is_a_hit_on_the_second_get(page_cache, users):
    from samverka.core.models import Municipality

    county = Municipality.objects.select_related("county").get(slug="arjeplog").county.slug
    pages = {
        users["coordinator"]: [
            "/moten/arjeplog/",
            "/rapporter/kommun/arjeplog/",
            "/rapporter/perioder/arjeplog/",
            "/konto/notiser/",
            "/nyheter/arjeplog/",
        ],
        users["county"]: [f"/rapporter/lan/{county}/"],
        None: [
            "/p/arjeplog/lagesbild/",
            "/p/arjeplog/medborgarloften/",
            "/p/arjeplog/nyheter/",
            "/p/arjeplog/beredskap/",
        ],
    }
    for user, urls in pages.items():
        client = Client()
        if user is not None:
            client.force_login(user)
            client.get("/")  # a session's first page keeps the user's places in the session
        for url in urls:
            first = client.get(url)
            assert first.status_code == 200 and not _hit(first), url
            # by the third GET at the latest: a page that moves the session's place worked in is kept
            # only from the next one
            assert any(_hit(client.get(url)) for _ in range(2)), url
