"""drf-spectacular's AutoSchema, plus the error answers every endpoint can give, so that the schema
describes all responses (schemathesis checks every status code against it)."""

from drf_spectacular import openapi
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


ERRORS = {
    "401": "Not authenticated, or the token is not valid or revoked.",
    "403": "Authenticated, but not allowed to do this.",
    "404": "Not found, or not visible to you.",
}
INVALID = {
    "description": "The request is not valid: each field with its messages.",
    "content": {"application/json": {"schema": {"type": "object", "additionalProperties": {}}}},
}


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in ERRORS.items():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code)
                response["description"] = description
                responses[code] = response
        if "400" not in responses and (self.method != "GET" or self._is_list_view()):
            responses["400"] = INVALID
        if self.method in ("POST", "PUT", "PATCH") and "415" not in responses:
            response = self._get_response_for_code(ErrorSerializer, "415")
            response["description"] = "The body is not JSON (application/json)."
            responses["415"] = response
        return responses

    def get_auth(self):
        auth = super().get_auth()
        # Public reads work without any authentication: say so, or clients (and schemathesis) expect a 401.
        if getattr(self.view, "public", False) and self.method == "GET" and {} not in auth:
            auth.append({})
        return auth


def owner_rule(result, generator, request, public):
    """drf-spectacular post-processing hook: a new activity belongs to exactly one municipality or one
    collaboration. The serializer checks that in `validate`, which the generated schema cannot see; this
    says it, so that the schema describes exactly what the server accepts."""
    component = result.get("components", {}).get("schemas", {}).get("ActivityRequest")
    if component is not None:
        component["oneOf"] = [
            {"required": [name], "properties": {name: {"type": "string", "minLength": 1}}}
            for name in ("municipality", "collaboration")
        ]
    return result
