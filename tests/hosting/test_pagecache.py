"""The page cache of staff and public pages: kept until anything changes, whoever changes it and however
(a form, a bulk update, raw SQL, the indicator import), and never anyone else's page."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.activities.models import Activity
from samverka.hosting import pagecache
from tests.activities.test_staff_views import _form_data

PUBLIC_LIST = "/p/arjeplog/aktiviteter/"


@pytest.fixture
def page_cache(settings, places):
    from samverka.activities import demo_data

    demo_data.load()
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def _published_activity():
    return Activity.objects.filter(municipality__slug="arjeplog", published=True).order_by("title").first()


def _hit(response) -> bool:
    return response.get("X-Samverka-Cache") == "hit"


def _logged_in(user) -> Client:
    """A session as after its first page: that page keeps the user's places in the session, and a page
    that changed the session is not kept."""
    client = Client()
    client.force_login(user)
    assert not _hit(client.get("/"))
    return client


def _cached(client, url):
    """GET until the page comes from the cache: by the third time at the latest (a page that moves the
    session's place worked in is kept only from the next GET)."""
    for _ in range(3):
        response = client.get(url)
        if _hit(response):
            return response
    raise AssertionError(f"{url} never came from the cache")


# --- What notices a write -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('INSERT INTO "activities_activity" ("title") VALUES (%s)', "activities_activity"),
        ('UPDATE "activities_activity" SET "title" = %s', "activities_activity"),
        ('DELETE FROM "activities_activity" WHERE "id" = %s', "activities_activity"),
        ("COPY indicator_staging (a, b) FROM STDIN", "indicator_staging"),
        ('TRUNCATE TABLE "promises_promise"', "promises_promise"),
        ("MERGE INTO indicators_observation USING s ON true", "indicators_observation"),
        ("WITH moved AS (UPDATE x SET a = 1 RETURNING a) SELECT * FROM moved", ""),
        ('SELECT "title" FROM "activities_activity"', None),
        ("WITH t AS (SELECT 1) SELECT * FROM t", None),
    ],
)
def test_a_statement_is_a_write_to_its_table(sql, table):
    assert pagecache.written_table(sql) == table


def test_sessions_login_attempts_and_the_generation_itself_change_no_page():
    assert not pagecache.changes_pages('UPDATE "django_session" SET "session_data" = %s')
    assert not pagecache.changes_pages('INSERT INTO "axes_accessattempt" ("username") VALUES (%s)')
    assert not pagecache.changes_pages(f"UPDATE {pagecache.TABLE} SET value = value + 1")
    assert pagecache.changes_pages('UPDATE "auth_user" SET "first_name" = %s')  # names show on pages
    # a login's time shows nowhere; with another column it counts
    assert not pagecache.changes_pages('UPDATE "auth_user" SET "last_login" = %s WHERE "auth_user"."id" = %s')
    assert pagecache.changes_pages(
        'UPDATE "auth_user" SET "last_login" = %s, "is_active" = %s WHERE "id" = %s'
    )


# --- Hits, and what is never kept ---------------------------------------------------------------------


def test_every_key_staff_page_is_a_hit_on_the_second_get(page_cache, users):
    """No GET of these pages writes anything that would move the version (a 'seen' mark, a log)."""
    activity = _published_activity()
    client = _logged_in(users["coordinator"])
    # a session's first page keeps the user's places and the place worked in in the session: that page,
    # which changed the session, is not kept
    assert not _hit(client.get("/kommun/arjeplog/"))
    urls = [
        "/",
        "/kommun/arjeplog/",
        "/aktiviteter/kommun/arjeplog/",
        "/aktiviteter/kommun/arjeplog/?status=active&area=alcohol",
        f"/aktiviteter/{activity.pk}/",
        "/loften/arjeplog/",
        "/beredskap/kommun/arjeplog/",
        "/lagesbild/arjeplog/",
    ]
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200 and not _hit(first), url
        second = client.get(url)
        assert _hit(second), url
        assert second.content.decode().count("<h1") == first.content.decode().count("<h1")
    assert activity.title in client.get(f"/aktiviteter/{activity.pk}/").content.decode()


def test_a_user_never_gets_another_users_page(page_cache, places, django_user_model):
    first, second = (django_user_model.objects.get(username=f"{p}-samordnare") for p in ("arjeplog", "pitea"))
    name, other_name = (u.get_full_name() or u.username for u in (first, second))
    arjeplog, pitea = _logged_in(first), _logged_in(second)
    arjeplog.get("/")
    own = arjeplog.get("/")
    assert _hit(own)
    other = pitea.get("/")
    assert not _hit(other)
    assert name in own.content.decode() and other_name not in own.content.decode()
    assert other_name in other.content.decode() and name not in other.content.decode()
    again = pitea.get("/")
    assert _hit(again) and other_name in again.content.decode() and name not in again.content.decode()


def test_a_page_with_a_flashed_message_is_neither_served_from_nor_kept_in_the_cache(page_cache, users):
    activity = _published_activity()
    client = _logged_in(users["coordinator"])
    url = f"/aktiviteter/{activity.pk}/"
    client.get(url)
    assert _hit(client.get(url))
    client.post(reverse("activities:mark_reviewed", args=[activity.pk]))
    flashed = client.get(url)
    assert not _hit(flashed) and "Markerad som granskad i dag." in flashed.content.decode()
    after = client.get(url)  # the message is shown once; the page with it was not kept
    assert not _hit(after) and "Markerad som granskad i dag." not in after.content.decode()
    assert "Markerad som granskad i dag." not in _cached(client, url).content.decode()


def test_files_errors_and_posts_are_not_cached(page_cache, users):
    client = _logged_in(users["coordinator"])
    export = "/aktiviteter/kommun/arjeplog/export.csv"
    client.get(export)
    again = client.get(export)
    assert not _hit(again) and "attachment" in again["Content-Disposition"]
    client.get("/aktiviteter/kommun/finns-inte/")
    missing = client.get("/aktiviteter/kommun/finns-inte/")
    assert missing.status_code == 404 and not _hit(missing)


def test_each_session_gets_its_own_working_csrf_token_in_a_cached_staff_page(page_cache, users):
    activity = _published_activity()
    url = reverse("activities:edit", args=[activity.pk])
    _logged_in(users["coordinator"]).get(url)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(users["coordinator"])
    page = browser.get(url)
    assert _hit(page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    assert token != "@@samverka-csrf@@"
    data = {**_form_data(activity, title="Sparad med tokenet ur cachen"), "csrfmiddlewaretoken": token}
    response = browser.post(url, data)
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).title == "Sparad med tokenet ur cachen"


def test_each_language_gets_its_own_copy(page_cache, users):
    client = _logged_in(users["coordinator"])
    swedish = _cached(client, "/aktiviteter/kommun/arjeplog/")
    assert '<html lang="sv">' in swedish.content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/aktiviteter/kommun/arjeplog/")
    assert not _hit(english) and '<html lang="en">' in english.content.decode()
    assert _hit(client.get("/aktiviteter/kommun/arjeplog/"))


def test_a_write_in_the_open_transaction_shows_to_the_same_connection_at_once(page_cache, users):
    """The suite's tests never commit: the connection that wrote gets keys of its own until it does."""
    client = _logged_in(users["coordinator"])
    activity = _published_activity()
    client.get(f"/aktiviteter/{activity.pk}/")
    Activity.objects.filter(pk=activity.pk).update(title="Ännu inte sparad för andra")
    assert connection.in_atomic_block and pagecache.uncommitted_token(connection) is not None
    page = client.get(f"/aktiviteter/{activity.pk}/")
    assert not _hit(page) and "Ännu inte sparad för andra" in page.content.decode()


# --- After commit: the version moves for every process ------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_change_through_the_form_shows_at_once_on_every_page_that_shows_it(page_cache, users):
    activity = _published_activity()
    staff = _logged_in(users["coordinator"])
    visitor = Client()
    pages = [
        (staff, "/aktiviteter/kommun/arjeplog/"),
        (staff, f"/aktiviteter/{activity.pk}/"),
        (visitor, PUBLIC_LIST),
        (visitor, f"/p/arjeplog/aktiviteter/{activity.pk}/"),
    ]
    for client, url in pages:
        _cached(client, url)
    before = pagecache.generation()
    response = staff.post(
        reverse("activities:edit", args=[activity.pk]), _form_data(activity, title="Nytt namn överallt")
    )
    assert response.status_code == 302
    assert pagecache.generation()[0] > before[0]  # in the database: every worker sees it
    for client, url in pages:
        page = client.get(url)
        assert not _hit(page) and "Nytt namn överallt" in page.content.decode(), url


@pytest.mark.django_db(transaction=True)
def test_a_bulk_update_raw_sql_and_bulk_create_invalidate(page_cache, users):
    activity = _published_activity()
    visitor = Client()
    visitor.get(PUBLIC_LIST)
    assert _hit(visitor.get(PUBLIC_LIST))
    Activity.objects.filter(pk=activity.pk).update(title="Ändrad med update()")  # sends no signal
    page = visitor.get(PUBLIC_LIST)
    assert not _hit(page) and "Ändrad med update()" in page.content.decode()
    assert _hit(visitor.get(PUBLIC_LIST))
    pk = Activity._meta.pk.get_db_prep_value(activity.pk, connection)  # SQLite keeps UUIDs as hex
    with connection.cursor() as cursor:
        cursor.execute("UPDATE activities_activity SET title = %s WHERE id = %s", ["Ändrad med SQL", pk])
    page = visitor.get(PUBLIC_LIST)
    assert not _hit(page) and "Ändrad med SQL" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_moves_nothing(page_cache):
    from django.db import transaction

    before = pagecache.generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        Activity.objects.update(title="Aldrig sparad")
        raise RuntimeError
    assert pagecache.generation() == before


@pytest.mark.django_db(transaction=True)
def test_the_indicator_import_invalidates(page_cache, users):
    from samverka.indicators import importing
    from samverka.indicators.models import Indicator
    from tests.indicators.conftest import kolada_json, kolada_row, streams

    def run(value):
        record = importing.import_run_create(
            user=None, municipality=None, file_name="t.json", file_format="kolada", data=None
        )
        data = kolada_json([kolada_row(values=[{"gender": "T", "value": value, "status": ""}])])
        rows = importing.parse_file(streams(data), file_format="kolada")
        return importing.observations_import(rows, run=record, source="kolada", scope=importing.EVERYWHERE)

    run(412.3)
    indicator = Indicator.objects.get(source_id="N07403")
    client = _logged_in(users["coordinator"])
    url = f"/lagesbild/arjeplog/indikator/{indicator.pk}/"
    assert "412,3" in _cached(client, url).content.decode()
    before = pagecache.generation()
    assert run(518.7).updated == 1
    assert pagecache.generation()[0] > before[0]
    page = client.get(url)
    assert not _hit(page) and "518,7" in page.content.decode()


# --- Anonymous public pages: shared copies and conditional GET ----------------------------------------


def test_each_visitor_gets_their_own_working_csrf_token_in_a_cached_page(page_cache):
    Client().get(PUBLIC_LIST)
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(PUBLIC_LIST)
    assert page["X-Samverka-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    assert token != "@@samverka-csrf@@"
    response = visitor.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token, "next": "/p/"})
    assert response.status_code == 302


def test_a_logged_in_user_gets_their_own_copy_of_a_public_page(page_cache, users, client_for):
    Client().get(PUBLIC_LIST)
    editor = client_for(users["editor"])
    response = editor.get(PUBLIC_LIST)
    assert "X-Samverka-Cache" not in response
    assert "/konto/logga-ut/" in response.content.decode()
    assert _hit(editor.get(PUBLIC_LIST))
    assert "/konto/logga-ut/" not in Client().get(PUBLIC_LIST).content.decode()


def test_with_the_cache_off_nothing_is_cached(places, settings, users):
    settings.PAGE_CACHE_SECONDS = 0
    visitor = Client()
    visitor.get("/p/arjeplog/")
    assert "X-Samverka-Cache" not in visitor.get("/p/arjeplog/")
    staff = _logged_in(users["coordinator"])
    staff.get("/")
    assert "X-Samverka-Cache" not in staff.get("/")


@pytest.fixture
def demo_activities(places, settings):
    from samverka.activities import demo_data

    demo_data.load()


def test_without_the_cache_a_public_page_answers_304_until_it_changes(demo_activities, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = PUBLIC_LIST
    first = Client().get(url)
    assert first.status_code == 200 and first["ETag"].startswith('"')
    assert "no-cache" in first["Cache-Control"]
    again = Client().get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    activity = _published_activity()
    activity.title = "Ny titel syns genast"
    activity.save()
    changed = Client().get(url, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and "Ny titel syns genast" in changed.content.decode()
    assert changed["ETag"] != first["ETag"]


def test_with_the_cache_a_304_runs_no_view_and_any_change_shows_at_once(
    page_cache, django_assert_num_queries, time_machine
):
    # the clock stands still: an ETag also rolls over with each period of the page cache (next test)
    time_machine.move_to("2026-06-15 10:00:01+02:00", tick=False)
    urls = [PUBLIC_LIST, "/p/arjeplog/", "/p/"]
    first = {url: Client().get(url) for url in urls}
    for url, response in first.items():
        assert response.status_code == 200 and response.has_header("Last-Modified"), url
        with django_assert_num_queries(1):  # the version, and nothing else: no view runs
            again = Client().get(url, headers={"if-none-match": response["ETag"]})
        assert again.status_code == 304 and again["ETag"] == response["ETag"]
    activity = _published_activity()
    activity.title = "Ändrad på en annan nod"
    activity.save()
    for url, response in first.items():
        changed = Client().get(url, headers={"if-none-match": response["ETag"]})
        assert changed.status_code == 200 and changed["ETag"] != response["ETag"], url
    listed = Client().get(PUBLIC_LIST)
    assert "Ändrad på en annan nod" in listed.content.decode()


def test_the_news_feed_is_conditional_too(page_cache):
    feed = Client().get("/p/arjeplog/nyheter/flode.atom")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    assert (
        Client().get("/p/arjeplog/nyheter/flode.atom", headers={"if-none-match": feed["ETag"]}).status_code
        == 304
    )


def test_logged_in_users_get_no_shared_etag(demo_activities, users, client_for):
    response = client_for(users["editor"]).get(PUBLIC_LIST)
    assert response.status_code == 200 and not response.has_header("ETag")


def test_with_the_cache_the_version_rolls_over_with_the_cache_period(page_cache, time_machine):
    """A page may show what is coming from today on: no ETag outlives the cached copy of the page."""
    time_machine.move_to("2026-06-15 10:00:01+02:00", tick=False)
    first = Client().get("/p/arjeplog/")
    assert Client().get("/p/arjeplog/", headers={"if-none-match": first["ETag"]}).status_code == 304
    time_machine.move_to("2026-06-15 10:05:01+02:00", tick=False)  # the next 300 s period
    later = Client().get("/p/arjeplog/", headers={"if-none-match": first["ETag"]})
    assert later.status_code == 200 and later["ETag"] != first["ETag"]


# --- A staff hit checks no user: the version and the session's hash stand for Django's check ------------


def test_a_staff_hit_reads_the_session_and_the_version_and_not_the_user(page_cache, users):
    client = _logged_in(users["coordinator"])
    url = "/aktiviteter/kommun/arjeplog/"
    _cached(client, url)
    with CaptureQueriesContext(connection) as queries:
        assert _hit(client.get(url))
    read = [q["sql"] for q in queries.captured_queries]
    assert not any("auth_user" in sql for sql in read), read
    assert len(read) == 2 and "django_session" in read[0] and pagecache.TABLE in read[1], read


def test_on_a_miss_the_version_is_read_before_django_checks_the_user(page_cache, users):
    """The order that makes a hit safe without the check: a page kept under a version was kept for a user
    who was valid at that version."""
    client = _logged_in(users["coordinator"])
    with CaptureQueriesContext(connection) as queries:
        assert not _hit(client.get("/aktiviteter/kommun/arjeplog/"))
    read = [q["sql"] for q in queries.captured_queries]
    version = next(i for i, sql in enumerate(read) if pagecache.TABLE in sql)
    user = next(i for i, sql in enumerate(read) if 'FROM "auth_user"' in sql)
    assert version < user, read


def test_a_new_password_logs_out_every_other_session_though_the_users_pages_are_kept(page_cache, users):
    url = "/aktiviteter/kommun/arjeplog/"
    user = users["coordinator"]
    old = _logged_in(user)
    _cached(old, url)
    user.set_password("ett-nytt-lösenord-2026")
    user.save()
    new = _logged_in(user)  # signed in with the new password: its pages are kept under the new version
    assert user.get_full_name() in _cached(new, url).content.decode()
    refused = old.get(url)
    assert not _hit(refused) and refused.status_code == 302 and "/konto/logga-in/" in refused["Location"]
    assert _hit(new.get(url))


def test_a_deactivated_user_gets_no_kept_page(page_cache, users, django_user_model):
    url = "/aktiviteter/kommun/arjeplog/"
    client = _logged_in(users["coordinator"])
    _cached(client, url)
    django_user_model.objects.filter(pk=users["coordinator"].pk).update(is_active=False)
    refused = client.get(url)
    assert not _hit(refused) and refused.status_code == 302


def test_a_logout_ends_the_session_for_every_browser_and_worker_holding_its_cookie(page_cache, users):
    url = "/aktiviteter/kommun/arjeplog/"
    browser = _logged_in(users["coordinator"])
    _cached(browser, url)
    copy = Client()  # the same session cookie, as another worker or a copied cookie sends it
    copy.cookies[settings.SESSION_COOKIE_NAME] = browser.cookies[settings.SESSION_COOKIE_NAME].value
    assert _hit(copy.get(url))
    browser.post(reverse("logout"))
    refused = copy.get(url)
    assert not _hit(refused) and refused.status_code == 302


def test_another_secret_key_finds_no_kept_page(page_cache, users, settings):
    url = "/aktiviteter/kommun/arjeplog/"
    client = _logged_in(users["coordinator"])
    _cached(client, url)
    settings.SECRET_KEY = "another-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    refused = client.get(url)  # the session's hash was made with the old key: Django refuses it
    assert not _hit(refused) and refused.status_code == 302


def test_a_kept_page_has_its_sharing_tags_filled_in(page_cache):
    visitor = Client()
    page = _cached(visitor, "/p/arjeplog/").content.decode()
    title = " ".join(re.search(r"<title>(.*?)</title>", page, re.S).group(1).split())
    assert f'<meta property="og:title" content="{title}">' in page
    assert '<meta name="twitter:title" content="">' not in page
