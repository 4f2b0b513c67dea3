"""Every existing lägesbild, promise, action plan and readiness assessment joins a work period of its place.

The years of a place's records are joined where they share a year (a plan for 2025–2026 and a promise for
2026–2027 make one period 2025–2027), so the periods made here never overlap; each record joins the period
that holds its first year. Records whose years cannot be told (a lägesbild with no year in its period text)
are left without one.
"""

import re

from django.db import migrations


def _merge(spans):
    merged = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return merged


def _report_years(report):
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", report.period or "")]
    if years:
        return min(years), max(years)
    if report.adopted_at:
        return report.adopted_at.year, report.adopted_at.year
    return None


def attach(apps, schema_editor):
    Period = apps.get_model("core", "Period")
    records = []  # (record, (first, last))
    for report in apps.get_model("situation", "SituationReport").objects.filter(work_period__isnull=True):
        years = _report_years(report)
        if years:
            records.append((report, years))
    for model in ("Promise", "ActionPlan"):
        for item in apps.get_model("promises", model).objects.filter(work_period__isnull=True):
            records.append((item, (item.start.year, max(item.start.year, item.end.year))))
    for assessment in apps.get_model("readiness", "Assessment").objects.filter(work_period__isnull=True):
        year = assessment.created_at.year
        records.append((assessment, (year, year)))

    by_owner = {}
    for record, span in records:
        by_owner.setdefault((record.municipality_id, record.collaboration_id), []).append((record, span))
    for (municipality_id, collaboration_id), items in by_owner.items():
        existing = list(Period.objects.filter(municipality_id=municipality_id, collaboration_id=collaboration_id))
        spans = [s for _, s in items if not any(p.first_year <= s[0] <= p.last_year for p in existing)]
        for first, last in _merge(spans):
            # never across an existing period: cut the new one short of it
            for p in existing:
                if first <= p.last_year and p.first_year <= last:
                    last = p.first_year - 1 if p.first_year > first else last
            existing.append(
                Period.objects.create(
                    municipality_id=municipality_id,
                    collaboration_id=collaboration_id,
                    first_year=first,
                    last_year=max(first, last),
                )
            )
        for record, (first, _last) in items:
            period = next((p for p in existing if p.first_year <= first <= p.last_year), None)
            if period is not None:
                type(record).objects.filter(pk=record.pk).update(work_period=period)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_period"),
        ("situation", "0004_work_period"),
        ("promises", "0006_work_period"),
        ("readiness", "0005_work_period"),
    ]

    operations = [migrations.RunPython(attach, migrations.RunPython.noop)]
