"""The serialisation format of backups: Django's JSON Lines, but with times to the microsecond.

Django's JSON encoder cuts datetimes to milliseconds (as ECMAScript does), so a round trip through
`dumpdata --format jsonl` would not give back identical records. This format keeps every digit; loading
uses Django's own JSON Lines deserialiser (one line at a time, so memory stays flat).
"""

import datetime

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder

NAME = "samverka_jsonl"


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            value = o.isoformat()
            return value[:-6] + "Z" if value.endswith("+00:00") else value
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactEncoder)
        super()._init_options()


Deserializer = jsonl.Deserializer
