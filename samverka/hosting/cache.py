"""Django's Redis cache with one Redis client per process instead of one per operation.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` around the shared connection pool for every
get and set, and redis-py sets up its table of ~170 response callbacks each time: measured on a staff page
served from the page cache (a session and a page read from Redis), that was a fifth of the request's
Python time. A `redis.Redis` over a connection pool is safe to share between threads (each command takes a
connection from the pool), so one per pool is made and kept. The pools are Django's own, created in the
process that uses them (after gunicorn's fork), and redis-py resets a pool it finds in another process.
"""

from django.core.cache.backends import redis


class _SharedClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedClient
