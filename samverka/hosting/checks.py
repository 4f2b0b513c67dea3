"""Start-up checks of the configured shared services: bad configuration stops start-up with a message.

Each check runs only when its service is configured, so the one-command start on SQLite checks nothing.
They run in every web process (samverka/wsgi.py), in Celery's worker and beat (samverka/celery.py), and
as a Django system check (`samverka check`, `migrate`, `runserver`).
"""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def _redis_problem(variable: str, url: str) -> str | None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3).ping()
    except (redis.RedisError, OSError, ValueError) as exc:
        return f"{variable}={_safe(url)} cannot be reached ({exc}). Start Redis there or correct {variable}."
    return None


def _safe(url: str) -> str:
    """A URL without its password, for messages and logs."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}" if ":" in credentials else f"{scheme}://{user}@{host}"
    return url


def s3_problem() -> str | None:
    import boto3
    import botocore.exceptions
    from botocore.config import Config

    s3 = settings.S3_SETTINGS
    client = boto3.client(
        "s3",
        endpoint_url=s3["S3_ENDPOINT_URL"],
        aws_access_key_id=s3["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=s3["S3_SECRET_ACCESS_KEY"],
        region_name=settings.STORAGES["default"]["OPTIONS"]["region_name"],
        config=Config(connect_timeout=3, read_timeout=5, retries={"max_attempts": 1}),
    )
    bucket = s3["S3_BUCKET"]
    try:
        client.head_bucket(Bucket=bucket)
    except botocore.exceptions.ClientError as exc:
        code = str(exc.response.get("Error", {}).get("Code", ""))
        if code in {"404", "NoSuchBucket", "NotFound"}:
            return f"S3_BUCKET={bucket!r} does not exist at {s3['S3_ENDPOINT_URL']}. Create it or correct S3_BUCKET."
        if code in {"403", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "Forbidden"}:
            return (
                f"The object store at {s3['S3_ENDPOINT_URL']} refuses S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY "
                f"for bucket {bucket!r} ({code}). Correct the keys or give them access to the bucket."
            )
        return f"The object store at {s3['S3_ENDPOINT_URL']} answered {code} for bucket {bucket!r}."
    except (botocore.exceptions.BotoCoreError, OSError) as exc:
        return f"S3_ENDPOINT_URL={s3['S3_ENDPOINT_URL']} cannot be reached ({exc}). Correct S3_ENDPOINT_URL."
    return None


def replica_problem() -> str | None:
    """The replica must be a replica: a URL pointing at a writable database would split reads from writes
    that are the same thing, and hide the mistake until the real replica is needed."""
    import psycopg

    # Its own short connection, not Django's: nothing is left open in the process that checks.
    db = settings.DATABASES["replica"]
    options = {k: v for k, v in db.get("OPTIONS", {}).items() if k in {"sslmode", "sslrootcert"}}
    try:
        with psycopg.connect(
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            dbname=db.get("NAME"),
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            connect_timeout=db.get("OPTIONS", {}).get("connect_timeout", 3),
            **options,
        ) as conn:
            (in_recovery,) = conn.execute("SELECT pg_is_in_recovery()").fetchone()
    except psycopg.Error:
        # Down at start-up is not a configuration error: pages read from the primary until it is back.
        return None
    if not in_recovery:
        return (
            f"DATABASE_REPLICA_URL={_safe(settings.DATABASE_REPLICA_URL)} points at a writable database, "
            "not a streaming replica (pg_is_in_recovery() is false). Give the replica's address, or unset "
            "DATABASE_REPLICA_URL."
        )
    return None


def problems() -> list[str]:
    found = []
    if settings.REDIS_URL:
        found.append(_redis_problem("REDIS_URL", settings.REDIS_URL))
    broker = settings.CELERY_BROKER_URL
    if broker and broker.startswith(("redis://", "rediss://")) and broker != settings.REDIS_URL:
        found.append(_redis_problem("CELERY_BROKER_URL", broker))
    if settings.S3_ENABLED:
        found.append(s3_problem())
    if "replica" in settings.DATABASES:
        found.append(replica_problem())
    return [problem for problem in found if problem]


def verify_or_raise() -> None:
    found = problems()
    if found:
        raise ImproperlyConfigured("Samverka cannot start:\n  - " + "\n  - ".join(found))


def services_check(app_configs=None, **kwargs):
    return [checks.Error(problem, id="hosting.E001") for problem in problems()]
