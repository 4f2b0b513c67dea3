"""Looking at the inbox again writes nothing: any INSERT or UPDATE, even of no row, moves every cached
page's version (hosting/pagecache.py), so an inbox that wrote on every GET emptied the cache for everyone."""

import pytest
from django.db import connection

from samverka.hosting import pagecache
from samverka.notices import inbox
from samverka.notices.models import Notification
from samverka.promises import demo_data as promise_demo


@pytest.fixture
def demo(places, users, frozen_today):
    promise_demo.load()
    return places


def test_an_inbox_in_step_writes_nothing_when_looked_at_again(demo, users):
    def writes():
        statements = []

        def wrapper(execute, sql, params, many, context):
            if pagecache.changes_pages(sql):
                statements.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(wrapper):
            inbox.sync(users["police"])
        return statements

    assert writes()  # the approval is written once
    assert writes() == []
    assert Notification.objects.get(user=users["police"], kind="approval").read_at is None
