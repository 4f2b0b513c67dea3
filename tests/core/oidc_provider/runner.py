"""Start the test identity provider (serve.py) in its own process, and the settings that point Samverka
at it. Used by tests/core/test_sso.py and the browser test of the login."""

import contextlib
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def start_provider(tmp_dir: Path, redirect_uris: str):
    """Yield the provider's base URL while it runs; `redirect_uris` are Samverka's callbacks."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    port = _free_port()
    env = {
        "OIDC_PROVIDER_DB": str(tmp_dir / "idp.sqlite3"),
        "OIDC_PROVIDER_KEY": key.decode(),
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
    }
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "tests.core.oidc_provider.serve", str(port), redirect_uris],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError(f"the OIDC provider did not start: {line}{process.stderr.read()}")
        base = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                requests.get(f"{base}/o/.well-known/jwks.json", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def provider_settings(base):
    """Samverka's settings for single sign-on through the provider at `base`, as the environment sets them."""
    from django.conf import settings

    return override_settings(
        OIDC_RP_CLIENT_ID="samverka-test",
        OIDC_RP_CLIENT_SECRET="samverka-test-secret",
        OIDC_OP_AUTHORIZATION_ENDPOINT=f"{base}/o/authorize/",
        OIDC_OP_TOKEN_ENDPOINT=f"{base}/o/token/",
        OIDC_OP_USER_ENDPOINT=f"{base}/o/userinfo/",
        OIDC_OP_JWKS_ENDPOINT=f"{base}/o/.well-known/jwks.json",
        AUTHENTICATION_BACKENDS=[*settings.AUTHENTICATION_BACKENDS, "samverka.core.sso.SamverkaOIDCBackend"],
    )
