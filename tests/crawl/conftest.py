import pytest


@pytest.fixture
def demo(db):
    """Every app's demo data, loaded as `samverka demo` does."""
    from samverka.demo.management.commands.demo import demo_loaders

    for _label, load in demo_loaders():
        load()
