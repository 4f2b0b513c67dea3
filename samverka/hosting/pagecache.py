"""One page cache for staff and public pages, kept until anything changes.

What is cached: the rendered response of a GET (or HEAD) of a logged-in user (keyed by the user), of an
anonymous visitor's public page under /p/ (shared by every visitor) and of an API list or record under
/api/ read with a personal token (keyed by the token) or anonymously (shared), with the CSRF token replaced
by a placeholder and each visitor's own token put back in. Every key also carries the language, the address,
the htmx headers (a partial and its page share an address), the place the staff navigation shows (kept in
the session), today's date (pages show what is overdue) and
the generation: the version of all data.

The generation is one row in the database (hosting.PageGeneration), read once per cached request, so every
gunicorn worker and node sees the same version with any cache, the default per-process local-memory cache
included (each process then keeps its own copies, all keyed by the one version). It moves on after every
commit of a transaction that wrote to a table a page may show. The writes are noticed by a database execute
wrapper on every connection, not by model signals: `QuerySet.update()`, `bulk_create()`, raw SQL and the
indicator import's INSERT ... ON CONFLICT send no signal, but all of them go through the cursor. Writes that
never change a page (sessions, django-axes' login attempts, this generation itself) are left out, otherwise
a GET that writes (a session saved on every request) would empty the cache each time.

A staff hit does not load the user: Django's check of a session (the user exists, may sign in, and the
session's authentication hash matches the password) runs on a miss only, after the generation has been
read, and a page is kept only when that check passed. The key carries the user's id and the session's hash
(and the secret key, which the hash depends on). Every write to the user's row but a login's time moves the
generation, so a page found under the current generation was kept for a user who, with that hash, is still
valid: a new password or a deactivated account moves the version, and a session with the old hash never
finds a page kept under the new one. A logged-out session is gone from the session store (never a
per-process cache), so it names nobody.

Within a transaction that has written but not committed yet, the connection's own pages use keys of their
own (a token of the last write): the thread that wrote sees its writes, and nobody else's cache is touched.

Conditional GET of anonymous public pages, with or without the cache: every public page and feed carries an
`ETag` and `Cache-Control: no-cache` (the browser keeps it but asks again each time, so a change shows at
once), and a request whose `If-None-Match` matches gets `304 Not Modified`. With the cache on, the ETag is
the page's key and the current period of PAGE_CACHE_SECONDS, known before the view runs, so a 304 costs one
query (the generation) and no view; without it the ETag is a hash of the page (the visitor's CSRF token left
out), which saves the transfer but not the work.
"""

import datetime
import hashlib
import itertools
import re
import time

from django.conf import settings
from django.contrib import auth
from django.core.cache import cache
from django.db import connections, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from samverka.core import navigation

PREFIX = "/p/"
API_PREFIX = "/api/"
TABLE = "hosting_pagegeneration"
# Tables whose writes never change a page: sessions (a GET may save one), django-axes' login attempts,
# content types (created on first use), the admin's log (written with the change itself) and the
# generation itself.
IGNORED_TABLES = (
    "django_session",
    "axes_",
    "django_admin_log",
    "django_migrations",
    "django_content_type",
    TABLE,
)
# Every page carries the language switch's form and its CSRF token, which is the visitor's own: the cached
# copy keeps a placeholder, and each visitor gets their own token put back in. The browsable API's HTML
# carries it for its scripts too (rest_framework/base.html, `"csrfToken": "…"`).
_TOKEN = re.compile(rb'((?:name="csrfmiddlewaretoken" value=|"csrfToken": )")[^"]*(")')
_PLACEHOLDER = rb"\1@@samverka-csrf@@\2"
_KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Frame-Options", "Vary", "Allow")
# The statement's first words and the table written to (Django quotes names on every backend; raw SQL may
# not). A WITH ... statement may write anywhere: it counts as a write to an unknown table.
_WRITE = re.compile(
    r"^\s*(?:(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO|REPLACE\s+INTO|COPY"
    r'|TRUNCATE(?:\s+TABLE)?(?:\s+ONLY)?)\s+"?([\w.]+)"?|(WITH)\b)',
    re.IGNORECASE,
)
# A login records its time on the user, which no page shows: that alone must not renew every page.
_LAST_LOGIN = re.compile(r'^\s*UPDATE\s+"auth_user"\s+SET\s+"last_login"\s*=\s*%s\s+WHERE\b', re.IGNORECASE)
# Likewise an API token's time of last use (api/authentication.py, once a minute): only its owner's token
# page shows it, and that page is never kept (api.views.tokens). A revocation sets another column and counts.
_LAST_USED = re.compile(r'^\s*UPDATE\s+"api_apitoken"\s+SET\s+"last_used"\s*=\s*%s\s+WHERE\b', re.IGNORECASE)
_tokens = itertools.count(1)


# --- Noticing writes ----------------------------------------------------------------------------------


def written_table(sql: str) -> str | None:
    """The table a statement writes to ("" when it writes but the table is unknown), None for a read."""
    match = _WRITE.match(sql)
    if match is None:
        return None
    if match.group(2):  # WITH ...: a write only if it contains one
        return "" if re.search(r"\b(INSERT|UPDATE|DELETE|MERGE)\b", sql, re.IGNORECASE) else None
    return match.group(1).rsplit(".", 1)[-1].lower()


def changes_pages(sql: str) -> bool:
    table = written_table(sql)
    if table is None or (table and table.startswith(IGNORED_TABLES)):
        return False
    if table == "auth_user":
        return not _LAST_LOGIN.match(sql)
    return not (table == "api_apitoken" and _LAST_USED.match(sql))


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and changes_pages(sql):
        _written(context["connection"])
    return result


def _written(connection) -> None:
    if not connection.in_atomic_block:
        bump()  # autocommit: the write is already committed
        return
    # One bump per transaction, after it commits; a rolled-back savepoint drops the callback with it, so
    # look for it again each time.
    callback = getattr(connection, "_samverka_pagecache_bump", None)
    if callback is None or not any(entry[1] is callback for entry in connection.run_on_commit):
        callback = _bump_callback(connection)
        connection._samverka_pagecache_bump = callback
        transaction.on_commit(callback, using=connection.alias)
    connection._samverka_pagecache_token = next(_tokens)


def _bump_callback(connection):
    def callback():
        connection._samverka_pagecache_token = None
        bump()

    return callback


def install(connection, **kwargs) -> None:
    """On every new database connection (the connection_created signal)."""
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def uncommitted_token(connection) -> int | None:
    """A token of the last uncommitted write of this connection's open transaction, else None."""
    token = getattr(connection, "_samverka_pagecache_token", None)
    callback = getattr(connection, "_samverka_pagecache_bump", None)
    if token is None or not connection.in_atomic_block:
        return None
    if not any(entry[1] is callback for entry in connection.run_on_commit):
        return None  # that transaction rolled back
    return token


# --- The generation -----------------------------------------------------------------------------------


_migrating = False


def migrating(**kwargs) -> None:
    """pre_migrate: the generation's table may not exist yet; the writes of a migration are followed by
    one bump at the end (finished_migrating)."""
    global _migrating
    _migrating = True


def finished_migrating(**kwargs) -> None:
    global _migrating
    _migrating = False
    bump()


def bump() -> None:
    """Move every page to the next version: one statement, on every backend, whether the row exists or not
    (a flushed test database has none)."""
    if _migrating:
        return
    now = time.time_ns() // 1000
    with connections["default"].cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (id, value, changed_at) VALUES (1, 1, %s) "  # noqa: S608
            f"ON CONFLICT (id) DO UPDATE SET value = {TABLE}.value + 1, changed_at = excluded.changed_at",
            [now],
        )


def request_generation(request) -> tuple[int, int]:
    """The generation as this request first read it (the middleware reads it for every cached page)."""
    version = getattr(request, "_samverka_generation", None)
    if version is None:
        version = request._samverka_generation = generation()
    return version


def fragment_key(request, name: str) -> str | None:
    """A cache key for a part of a page that changes only with the data (and the day), as the pages' keys
    (an uncommitted write of this connection gets keys of its own); None when the cache is off."""
    if not settings.PAGE_CACHE_SECONDS:
        return None
    counter, changed = request_generation(request)
    token = uncommitted_token(connections["default"]) or 0
    return f"fragment:{counter}.{changed}.{token}:{timezone.localdate().isoformat()}:{name}"


def generation() -> tuple[int, int]:
    """(counter, when it last moved in microseconds since the epoch); (0, 0) before the first change."""
    with connections["default"].cursor() as cursor:
        cursor.execute(f"SELECT value, changed_at FROM {TABLE} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, 0)


# --- Which requests and responses ---------------------------------------------------------------------


def public_request(request) -> bool:
    """An anonymous visitor's public page asked for without anything that makes it the visitor's own."""
    return (
        request.method in ("GET", "HEAD")
        and request.path.startswith(PREFIX)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES  # first: without a session, no query
        and not request.COOKIES.get("messages")  # an emptied cookie is no message
        and not request.user.is_authenticated
    )


def signed_in(request) -> str | None:
    """Who the session says is logged in, from the session alone (the user is not loaded): a digest of the
    user's id, the session's authentication hash (it changes with the password) and the secret key, or
    None for a session of nobody. Only a page kept for a user Django has checked is ever found under it
    (see "A staff hit" in the module's docstring)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    session = request.session
    user_id, auth_hash = session.get(auth.SESSION_KEY), session.get(auth.HASH_SESSION_KEY)
    if (
        not user_id
        or not auth_hash
        or session.get(auth.BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS
    ):
        return None
    who = f"{user_id}\0{auth_hash}\0{settings.SECRET_KEY}"
    return hashlib.sha256(who.encode()).hexdigest()[:32]


def staff_request(request, who: str | None) -> bool:
    """A logged-in user's GET with no message waiting to be shown (a cached page would not show it)."""
    return (
        who is not None
        and request.method in ("GET", "HEAD")
        and not request.COOKIES.get("messages")  # an emptied cookie is no message
        and "_messages" not in request.session
    )


def api_request(request) -> bool:
    """A GET of the API with a personal token, or anonymous. DRF reads the token only in the view, so the
    user is anonymous here: the key holds a hash of the Authorization header instead (key_for), and what
    the token may see is decided by the view on the first GET. A token that fails answers 401, which is
    never kept; revoking a token or deactivating its user is a write, which moves the generation. An
    anonymous client with a session cookie is left alone, as on public pages."""
    return (
        request.method in ("GET", "HEAD")
        and request.path.startswith(API_PREFIX)
        and not request.user.is_authenticated
        and not request.COOKIES.get("messages")  # an emptied cookie is no message
        and ("HTTP_AUTHORIZATION" in request.META or settings.SESSION_COOKIE_NAME not in request.COOKIES)
    )


def key_for(request, generation_now: tuple[int, int], who: str | None = None) -> str:
    """The page's key; `who` is signed_in(request) for a logged-in user's page, None for a shared one."""
    connection = connections["default"]
    token = uncommitted_token(connection)
    htmx = sorted((k, v) for k, v in request.headers.items() if k.lower().startswith("hx-"))
    if who is not None:
        # the staff navigation shows the place last worked in, kept in the session (core/navigation.py)
        who = f"user{who}.{request.session.get(navigation.PLACE_KEY, '')}"
    else:
        who = "anonymous"
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}\0{htmx}"
    if request.path.startswith(API_PREFIX):
        # DRF answers as the token's user when there is one (even in a browser with a session), and in the
        # format Accept asks for (JSON, or the browsable HTML). The token itself is never part of a key.
        authorization = request.META.get("HTTP_AUTHORIZATION", "")
        if authorization:
            who += ".token" + hashlib.sha256(authorization.encode(errors="surrogatepass")).hexdigest()
        address += "\0" + request.META.get("HTTP_ACCEPT", "")
    digest = hashlib.sha256(address.encode()).hexdigest()
    counter, changed = generation_now
    today = timezone.localdate().isoformat()
    return f"page:{counter}.{changed}.{token or 0}:{who}:{request.LANGUAGE_CODE}:{today}:{digest}"


def fetch(request, key):
    entry = cache.get(key)
    if entry is None:
        return None
    content = entry["content"]
    if b"@@samverka-csrf@@" in content:  # only then: a token sets the CSRF cookie (not on an API's JSON)
        content = content.replace(b"@@samverka-csrf@@", get_token(request).encode())
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    response["X-Samverka-Cache"] = "hit"
    return response


def storable(request, response) -> bool:
    """Only a plain page that is the same on every later GET: no file, no cookie, no session change, no
    message, and nothing the view itself asked not to be kept."""
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or response.has_header("Set-Cookie")
        or response.has_header("Content-Disposition")
    ):
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or session.get("_messages")):
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("no-cache", "no-store", "private"))


def store(key, response, seconds) -> None:
    headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
    content = _TOKEN.sub(_PLACEHOLDER, response.content)
    cache.set(key, {"content": content, "status": 200, "headers": headers}, seconds)


# --- Conditional GET of public pages ------------------------------------------------------------------


def etag_of_key(key: str) -> str:
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def changed_at(generation_now: tuple[int, int]) -> int:
    """When any record last changed (a Unix time); now when nothing has been recorded yet."""
    changed = generation_now[1] // 1_000_000
    return changed or int(datetime.datetime.now(tz=datetime.UTC).timestamp())


def etag_of_content(request, response) -> str | None:
    """A hash of the page as every visitor gets it (the CSRF token, the visitor's own, left out)."""
    if response.status_code != 200 or response.streaming:
        return None
    content = _TOKEN.sub(_PLACEHOLDER, response.content)
    digest = hashlib.sha256(request.LANGUAGE_CODE.encode() + b"\0" + content).hexdigest()[:32]
    return f'"{digest}"'


def not_modified(request, etag: str, last_modified: int | None):
    """The 304 answer when the visitor already has this version, else None."""
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is not None:
        mark(response, etag, last_modified)
    return response


def mark(response, etag: str | None, last_modified: int | None = None) -> None:
    """ETag, Last-Modified and Cache-Control on a public page: kept, but asked for again every time."""
    if etag is None or response.status_code not in (200, 304):
        return
    if response.status_code == 200 and response.has_header("Cache-Control"):
        return  # the view decided itself (a file, or a page that is the visitor's own)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # a page that sets a cookie is the visitor's own: no shared proxy may keep it
    own = bool(response.cookies) or response.has_header("Set-Cookie")
    patch_cache_control(response, no_cache=True, **({"private": True} if own else {"public": True}))
