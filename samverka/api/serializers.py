"""The API's serializers. The open-data downloads (/p/data.json, /p/<slug>/data.csv) use the same ones."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samverka.core.models import Collaboration, County, Municipality, Organisation
from samverka.core.smallnumbers import data_count, is_small


class PeopleCountField(serializers.IntegerField):
    """A count of people: written as given, read as `null` below 5 (core.smallnumbers), with a
    `SuppressedField` beside it saying so."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)

    def to_representation(self, value):
        shown, _suppressed = data_count(value)
        return None if shown is None else int(shown)


@extend_schema_field(OpenApiTypes.BOOL)
class SuppressedField(serializers.Field):
    """True when the count beside it is below 5 and given as `null`."""

    def __init__(self, count: str, **kwargs):
        self.count = count
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj) -> bool:
        return is_small(getattr(obj, self.count))


class CountySerializer(serializers.ModelSerializer):
    class Meta:
        model = County
        fields = ["slug", "code", "name"]


class MunicipalitySerializer(serializers.ModelSerializer):
    county = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    county_name = serializers.CharField(source="county.name", read_only=True)

    class Meta:
        model = Municipality
        fields = ["slug", "code", "name", "county", "county_name"]


class OrganisationSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    municipalities = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "kind", "description", "email", "website", "parent", "municipalities"]


class CollaborationSerializer(serializers.ModelSerializer):
    municipalities = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    organisations = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Collaboration
        fields = ["id", "slug", "name", "description", "municipalities", "organisations"]


class PlaceRoleSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    role = serializers.CharField()


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    authenticated_by = serializers.ChoiceField(choices=["session", "token"])
    municipalities = PlaceRoleSerializer(many=True)
    collaborations = PlaceRoleSerializer(many=True)
