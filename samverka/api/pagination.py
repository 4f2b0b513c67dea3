"""The pagination of every API list: `limit` and `offset`, refused with a 400 when they are not whole
numbers within bounds (DRF's own falls back to the defaults, so `limit=x` answered as if not given), and
declared with the same bounds in the OpenAPI schema."""

import re

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000  # within every database's integer; no list is anywhere near as long
DIGITS = re.compile(r"[0-9]{1,10}")


class StrictLimitOffsetPagination(LimitOffsetPagination):
    max_limit = MAX_LIMIT

    def get_limit(self, request):
        return self._number(request, self.limit_query_param, 1, MAX_LIMIT, self.default_limit)

    def get_offset(self, request):
        return self._number(request, self.offset_query_param, 0, MAX_OFFSET, 0)

    def _number(self, request, name, minimum, maximum, default):
        if name not in request.query_params:
            return default
        text = request.query_params[name]
        number = int(text) if DIGITS.fullmatch(text) else None
        if number is None or not minimum <= number <= maximum:
            raise ValidationError(
                {
                    name: [
                        _("Must be a whole number from %(minimum)s to %(maximum)s.")
                        % {"minimum": minimum, "maximum": maximum}
                    ]
                }
            )
        return number

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": MAX_LIMIT, "default": self.default_limit},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_OFFSET, "default": 0},
        }
        for parameter in parameters:
            parameter["schema"] = {**parameter["schema"], **bounds.get(parameter["name"], {})}
        return parameters
