"""The write replay (issue 17, "Keep it found"): every POST form Arjeplog's coordinator reaches, with its
fields and values, sent again as Piteå's editor, the county board and an anonymous visitor. None of them
may change anything: the database's rows (history included) must be the same before and after.

Each replay runs in a savepoint that is rolled back, so one fault cannot hide or cause another. The same
form replayed as the coordinator shows the replay is a real submission (a form that changes nothing even
for its owner would prove nothing).
"""

import hashlib
import sys
import time
import uuid
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from tests.crawl.crawler import crawl
from tests.crawl.forms import post_forms

pytestmark = [pytest.mark.crawl, pytest.mark.django_db]

START = [
    "/",
    "/kommun/arjeplog/",
    "/samverkan/pite-alvdal/",
    "/beredskap/kommun/arjeplog/",
    "/rapporter/kommun/arjeplog/",
    "/konto/api-nycklar/",
]
# Forms that act on the signed-in person's own account (their password, their own API tokens, their
# language): anyone may use them for themselves, so a change there is not a fault.
OWN_ACCOUNT = ("/konto/", "/i18n/")
# Tables every request may touch without it being a change of anyone's data.
NOT_DATA = {"sessions", "axes", "admin", "contenttypes", "hosting"}  # hosting: the page cache's version


def fingerprint() -> dict[str, str]:
    """{table: hash of every row}: a change anywhere, history tables included, changes the hash."""
    tables = [
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)  # many-to-many tables too
        if model._meta.app_label not in NOT_DATA and model._meta.managed and not model._meta.proxy
    ]
    prints = {}
    with connection.cursor() as cursor:
        for table in dict.fromkeys(tables):
            if connection.vendor == "postgresql":  # hashed in the database: fast enough to run per form
                cursor.execute(
                    f"SELECT md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) FROM \"{table}\" t"
                )  # noqa: S608
                prints[table] = cursor.fetchone()[0]
            else:
                cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
                prints[table] = hashlib.sha256(
                    repr(sorted(map(repr, cursor.fetchall()))).encode()
                ).hexdigest()
    return prints


def owners_of(path: str) -> set[str]:
    """The places owning the records a form's address names (by UUID), e.g. {"arjeplog"} or
    {"collaboration:pite-alvdal"}."""
    from django.urls import resolve

    from tests.crawl.markers import place_of, samverka_models

    ids = [v for v in resolve(urlsplit(path).path).kwargs.values() if isinstance(v, uuid.UUID)]
    owners = set()
    for model in samverka_models():
        if ids and model._meta.pk.get_internal_type() == "UUIDField":
            owners |= {place_of(obj) for obj in model._default_manager.filter(pk__in=ids)}
    return owners


# Jobs that only read what their asker may see (the county overview as a file, read again under the
# asker's own permissions when the job runs): asking for one is the asker's own request, not a change of
# anyone's data. Any other job, or a job recorded for someone else, still counts as a change.
READ_ONLY_JOBS = {"reports.county_export"}


def _only_own_read_jobs(client, before_jobs) -> bool:
    from samverka.jobs.models import Job

    user_id = client.session.get("_auth_user_id")
    new = Job.objects.exclude(pk__in=before_jobs)
    return new.exists() and all(
        job.kind in READ_ONLY_JOBS and str(job.created_by_id) == str(user_id) for job in new
    )


def replay(client, form) -> tuple[int, set[str]]:
    """POST the form, roll it back; the answer's status and the tables it changed."""
    from samverka.jobs.models import Job

    before = fingerprint()
    before_jobs = set(Job.objects.values_list("pk", flat=True))
    with transaction.atomic():
        response = client.post(form["action"], data=_as_dict(form["data"]))
        after = fingerprint()
        changed = {table for table, value in after.items() if before.get(table) != value}
        if changed == {Job._meta.db_table} and _only_own_read_jobs(client, before_jobs):
            changed = set()
        transaction.set_rollback(True)
    return response.status_code, changed


def _as_dict(pairs):
    data = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)
    return data


def test_no_form_of_the_coordinator_changes_anything_when_sent_by_someone_else(demo, client):
    User = get_user_model()
    coordinator = User.objects.get(username="arjeplog-samordnare")
    client.raise_request_exception = False
    client.force_login(coordinator)
    forms, seen = [], set()

    def collect(url, response, text):
        if "html" not in response.get("Content-Type", ""):
            return
        for form in post_forms(url, text):
            key = (urlsplit(form["action"]).path, tuple(sorted({k for k, _v in form["data"]})))
            if key not in seen and not key[0].startswith(OWN_ACCOUNT):
                seen.add(key)
                forms.append(form)

    began = time.monotonic()
    visited, _bounded = crawl(client, START, max_pages=300, seconds=100, on_page=collect)
    assert len(forms) > 20, (visited, len(forms))

    changes, errors = [], []
    for username in ["pitea-redaktor", "lansstyrelsen", None]:
        client.logout()
        if username:
            client.force_login(User.objects.get(username=username))
        for form in forms:
            if username == "pitea-redaktor" and "collaboration:pite-alvdal" in owners_of(form["action"]):
                continue  # Piteå's editor edits the Pite älvdal collaboration's records by right
            status, changed = replay(client, form)
            if status >= 500:
                errors.append(f"{username or 'anonymous'}: {status} at {form['action']}")
            if changed:
                changes.append(
                    f"{username or 'anonymous'}: {form['action']} (from {form['page']}) changed {sorted(changed)}"
                )

    client.logout()
    client.force_login(coordinator)
    effective = sum(1 for form in forms if replay(client, form)[1])
    print(
        f"{visited} pages, {len(forms)} forms, {effective} change data as the coordinator, "
        f"{time.monotonic() - began:.0f} s"
    )
    for line in changes + errors:
        print(line, file=sys.stderr)
    assert not changes, "\n".join(changes)
    assert not errors, "\n".join(errors)
    assert effective >= len(forms) // 3, (effective, len(forms))
