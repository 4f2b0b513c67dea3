"""Demo data of the public app: one published news item made from the 2020 verdict on Arjeplog's
training commitment (the way a communicator makes one: pre-filled from the verdict, then edited)."""

import datetime
import uuid
import zoneinfo

from django.contrib.auth import get_user_model

from samverka.core.models import Municipality
from samverka.promises import demo_data as promise_demo
from samverka.promises.models import Verdict
from samverka.public.models import NewsItem, NewsSource, NewsState

NEWS_ID = uuid.uuid5(uuid.NAMESPACE_URL, "samverka-demo:news:arjeplog-2020-training")


def load(stdout=None):
    arjeplog = Municipality.objects.get(slug="arjeplog")
    verdict = Verdict.objects.filter(commitment__pk=promise_demo._id("arjeplog-2019-training")).first()
    communicator = get_user_model().objects.filter(username="arjeplog-redaktor").first()
    NewsItem.objects.update_or_create(
        pk=NEWS_ID,
        defaults={
            "municipality": arjeplog,
            "collaboration": None,
            "title": "Löftet om fortbildning om droger hölls – även under pandemin",
            "slug": "loftet-om-fortbildning-om-droger-holls",
            "summary": "Polis och socialtjänst fortbildade föräldrar, elever och personal båda åren 2019 och 2020.",
            "body": (
                "I medborgarlöftet för 2019–2020 lovade polisen och Arjeplogs kommun att fortbilda föräldrar, "
                "elever och personal som arbetar med barn och ungdomar om droger en gång per år.\n\n"
                "Löftet bedömdes som **hållet**: fortbildningen genomfördes båda åren, 2020 i digital form."
            ),
            "state": NewsState.PUBLISHED,
            "source_kind": NewsSource.VERDICT if verdict else "",
            "source_id": verdict.pk if verdict else None,
            "created_by": communicator,
            "published_by": communicator,
            "published_at": datetime.datetime(
                2021, 2, 10, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm")
            ),
        },
    )
