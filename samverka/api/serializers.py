"""The API's serializers. The open-data downloads (/p/data.json, /p/<slug>/data.csv) use the same ones."""

from rest_framework import serializers

from samverka.core.models import Collaboration, County, Municipality, Organisation


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
