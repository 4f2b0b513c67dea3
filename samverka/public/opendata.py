"""Open data: a municipality's published data (/p/<slug>/data.json|csv) and every municipality's
(/p/data.json|csv), written by the API's own serializers so the downloads and the API never disagree.
Only published records; streamed, so the national file costs memory of one municipality at a time.

With Celery beat running (several nodes), the national files are built each night by `build_national`
(samverka.public.tasks) into the file storage and handed out from there; until the first build, and on
the one-command start, they are written on request as before."""

import io
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.activities.models import Activity
from samverka.activities.selectors import with_relations
from samverka.api.endpoints.activities import ActivitySerializer
from samverka.api.endpoints.promises import PromiseSerializer, public_promises
from samverka.api.endpoints.readiness import AssessmentSerializer, published_assessments
from samverka.api.serializers import MunicipalitySerializer, OrganisationSerializer
from samverka.core.exports import csv_response
from samverka.core.files import file_response
from samverka.core.models import Municipality
from samverka.core.permissions import public_place
from samverka.core.selectors import organisations_of
from samverka.core.smallnumbers import FEWER_THAN_5

LICENCE = {
    "name": "CC0 1.0",
    "url": "https://creativecommons.org/publicdomain/zero/1.0/deed.sv",
    "note": _(
        "Published data from Samverka, free to reuse without conditions (CC0 1.0). Please name the "
        "municipality as the source."
    ),
}
CSV_COLUMNS = [
    "municipality",
    "id",
    "title",
    "summary",
    "arena",
    "status",
    "prevention_level",
    "evidence_basis",
    "evidence_registry",
    "substance_areas",
    "target_groups",
    "organisations",
    "age_min",
    "age_max",
    "frequency",
    "reach_per_year",
    "updated_at",
]


def _published_activities(municipalities):
    return with_relations(Activity.objects.filter(municipality__in=municipalities, published=True)).order_by(
        "municipality__name", "title", "id"
    )


def municipality_data(municipality) -> dict:
    organisations = organisations_of(municipality).select_related("parent")
    return {
        "municipality": MunicipalitySerializer(municipality).data,
        "organisations": OrganisationSerializer(
            organisations.prefetch_related("municipalities"), many=True
        ).data,
        "activities": ActivitySerializer(_published_activities([municipality]), many=True).data,
        "promises": PromiseSerializer(public_promises(municipality), many=True).data,
        "readiness": AssessmentSerializer(published_assessments(municipality), many=True).data,
    }


def _licence():
    return {"name": LICENCE["name"], "url": LICENCE["url"], "note": str(LICENCE["note"])}


def _json_stream(municipalities):
    yield '{"licence": ' + json.dumps(_licence(), ensure_ascii=False)
    yield ', "generated": ' + json.dumps(timezone.now().isoformat()) + ', "municipalities": ['
    for i, m in enumerate(municipalities):
        yield ("," if i else "") + json.dumps(municipality_data(m), ensure_ascii=False, default=str)
    yield "]}"


def _json_response(municipalities, filename):
    response = StreamingHttpResponse(
        _json_stream(municipalities), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return response


def _csv_cell(a: dict, column: str):
    if column == "reach_per_year" and a["reach_per_year_suppressed"]:
        return str(FEWER_THAN_5)  # the serializer gave null; a spreadsheet says why
    value = a.get(column)
    return ", ".join(value) if isinstance(value, list) else value


def _csv_rows(municipalities):
    for m in municipalities:
        for a in ActivitySerializer(_published_activities([m]), many=True).data:
            yield [m.slug] + [_csv_cell(a, c) for c in CSV_COLUMNS[1:]]


def _csv(municipalities, filename):
    response = csv_response(filename, CSV_COLUMNS, _csv_rows(municipalities))
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return response


def municipality_download(request, slug, fmt):
    place = public_place(slug)
    if fmt == "json":
        return _json_response([place], f"samverka-{place.slug}.json")
    if fmt == "csv":
        return _csv([place], f"samverka-{place.slug}-aktiviteter.csv")
    raise Http404


BUILT = {"json": "opendata/samverka.json", "csv": "opendata/samverka-aktiviteter.csv"}


def _all_municipalities():
    return Municipality.objects.select_related("county").order_by("name")


def build_national() -> dict[str, int]:
    """Write the national JSON and CSV into the file storage (the nightly build); {name: bytes}.
    Running it again writes the same files again, so a retried or repeated build is harmless."""
    sizes = {}
    for fmt, name in BUILT.items():
        response = (_json_response if fmt == "json" else _csv)(_all_municipalities().iterator(), name)
        buffer = io.BytesIO()
        for chunk in response.streaming_content:
            buffer.write(chunk if isinstance(chunk, bytes) else chunk.encode())
        if default_storage.exists(name):
            default_storage.delete(name)  # the local disk would otherwise store a second name beside it
        default_storage.save(name, ContentFile(buffer.getvalue()))
        sizes[name] = buffer.tell()
    return sizes


def _built(fmt):
    name = BUILT.get(fmt)
    if name is None or not default_storage.exists(name):
        return None
    field = FileField(storage=default_storage)
    response = file_response(FieldFile(None, field, name), filename=name.rsplit("/", 1)[-1], public=True)
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return response


def all_download(request, fmt):
    built = _built(fmt)
    if built is not None:
        return built
    municipalities = _all_municipalities()
    if fmt == "json":
        return _json_response(municipalities.iterator(), "samverka.json")
    if fmt == "csv":
        return _csv(municipalities.iterator(), "samverka-aktiviteter.csv")
    raise Http404


def municipality_page(request, slug):
    place = public_place(slug)
    return render(request, "public/open_data.html", {"municipality": place, "licence": LICENCE})


def all_page(request):
    return render(request, "public/open_data.html", {"municipality": None, "licence": LICENCE})
