import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from samverka.core.models import Collaboration, County, Membership, Municipality, Organisation
from samverka.env import database_from_url, env_bool


def run_check(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "samverka.settings"
    return subprocess.run(
        [sys.executable, "-m", "samverka", "check"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_off_without_secret_key_stops_start_up_with_a_message():
    result = run_check(DEBUG="false")
    assert result.returncode == 2
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_database_url_stops_start_up_with_a_message():
    result = run_check(DEBUG="true", DATABASE_URL="mysqlx//nonsense")
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr and "malformed" in result.stderr


def test_database_url_parsing():
    assert database_from_url("postgres://u:p@db:5432/samverka")["NAME"] == "samverka"
    with pytest.raises(ImproperlyConfigured, match="names no database"):
        database_from_url("postgres://u:p@db:5432/")
    with pytest.raises(ImproperlyConfigured, match="malformed"):
        database_from_url("ftp://example.org/x")


def test_bad_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")


def counts():
    return [m.objects.count() for m in (County, Municipality, Organisation, Collaboration, Membership)]


@pytest.mark.django_db
def test_demo_loads_norrbotten_and_is_idempotent():
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    first = counts()
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert counts() == first
    assert Municipality.objects.filter(county__code="25").count() == 14
    assert Municipality.objects.get(code="2506").slug == "arjeplog"
    assert Municipality.objects.get(code="2560").slug == "alvsbyn"
    pite = Collaboration.objects.get(slug="pite-alvdal")
    assert set(pite.municipalities.values_list("slug", flat=True)) == {
        "arjeplog",
        "arvidsjaur",
        "pitea",
        "alvsbyn",
    }
    bra = Organisation.objects.get(slug="bra-arjeplog")
    assert bra.parent.name == "Rådet för social hållbarhet"
    assert Organisation.objects.get(slug="lansstyrelsen-norrbotten").municipalities.count() == 14


@pytest.mark.django_db
def test_running_demo_again_records_no_history():
    from django.apps import apps

    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    history_models = [m for m in apps.get_models() if m.__name__.startswith("Historical")]
    before = {m.__name__: m.objects.count() for m in history_models}
    assert sum(before.values()) > 0
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert {m.__name__: m.objects.count() for m in history_models} == before
