import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(places):
    """Every app's demo data, as `samverka demo` loads it."""
    call_command("demo", stdout=io.StringIO())
    return places
