"""Issue 12: the public lägesbild's figures (siffror.csv) as Swedish Excel reads them: UTF-8 with BOM, `;`
between cells and a decimal comma, every cell still through exports.neutralise."""

import csv
import io
import re


def test_the_figures_csv_has_a_bom_semicolons_and_decimal_commas(situation_demo, client):
    report = situation_demo["report"]
    response = client.get(f"/p/arjeplog/lagesbild/{report.pk}/siffror.csv")
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    header = "Indikator-id;Källa;Indikatornamn;Enhet;Kommunkod;Plats;Period;Årskurs;Grupp;Värde;Antal;"
    assert data.startswith(b"\xef\xbb\xbf" + (header + "Antal svarande;Status\r\n").encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))[1:]
    values = [row[9] for row in rows if row[9]]
    assert values, "the demo lägesbild has values"
    assert not [v for v in values if "." in v]
    assert any("," in v for v in values)
    numbers = [v for v in values if v != "färre än 5"]  # a count below 5 is text (core/smallnumbers.py)
    assert [v for v in numbers if not re.fullmatch(r"-?\d+(,\d+)?", v)] == []
