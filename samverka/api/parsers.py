"""The API's JSON parser: DRF's, refusing JSON nested too deeply and with control characters taken out
of every string it reads (see core/text.py for why)."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from samverka.core import text

TOO_DEEP = f"JSON parse error - nested deeper than {text.MAX_DEPTH} levels."


class CleanJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:  # json's own decoder gave up: nested far too deep
            raise ParseError(TOO_DEEP) from None
        if text.depth(data) > text.MAX_DEPTH:
            raise ParseError(TOO_DEEP)
        return text.clean(data)
