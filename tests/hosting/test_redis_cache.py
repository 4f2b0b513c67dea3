"""The Redis cache keeps one client per process (hosting/cache.py): Django's builds one for every operation."""

from samverka.hosting.cache import RedisCache


def test_every_operation_of_a_process_uses_the_same_redis_client():
    cache = RedisCache("redis://127.0.0.1:6379/15", {})  # no connection is made until a command is sent
    first = cache._cache.get_client("a")
    assert cache._cache.get_client("b") is first
    assert cache._cache.get_client("c", write=True) is first  # one server: reads and writes share its pool
    assert first.connection_pool is cache._cache._get_connection_pool(False)


def test_with_redis_url_the_settings_choose_it_and_sessions_cached_in_the_database():
    """The settings module read again with REDIS_URL set, in a child interpreter (Django's own stays as is)."""
    import json
    import subprocess
    import sys

    code = (
        "import json, os; os.environ.update(REDIS_URL='redis://127.0.0.1:6379/15', DEBUG='true'); "
        "from samverka import settings as s; "
        "print(json.dumps([s.CACHES['default']['BACKEND'], s.SESSION_ENGINE]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [
        "samverka.hosting.cache.RedisCache",
        "django.contrib.sessions.backends.cached_db",  # in Redis, written through: never per process
    ]
