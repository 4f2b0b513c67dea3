"""core.tabular guesses a CSV file's delimiter from whole records: a quoted cell with line breaks in it
(as Excel and Python's csv module write one) is never cut in half, however the file's records fall."""

import csv
import io

import pytest

from samverka.core.tabular import SAMPLE, iter_table, read_table, whole_records

HEADERS = ["id", "titel", "sammanfattning", "beskrivning", "arena", "målgrupper", "status", "publicerad"]
# commas in every line of the description: half a record looks like a comma-separated file
DESCRIPTION = "Vi träffas, fikar, pratar.\nFörsta gången i augusti, sedan varje vecka, utom på lov."


def _csv(records: list[dict], delimiter: str, line_end: str) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, HEADERS, delimiter=delimiter, lineterminator=line_end)
    writer.writeheader()
    writer.writerows({h: "" for h in HEADERS} | record for record in records)
    return ("\ufeff" + out.getvalue()).encode()


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("line_end", ["\r\n", "\n"])
def test_one_record_with_a_line_break_in_a_cell_is_read_with_its_delimiter(delimiter, line_end):
    data = _csv(
        [{"titel": "Föräldraträffar", "beskrivning": DESCRIPTION, "arena": "Familj"}], delimiter, line_end
    )

    table = read_table(data)

    assert table.headers == HEADERS
    assert [(number, row["titel"], row["beskrivning"], row["arena"]) for number, row in table.rows] == [
        (3, "Föräldraträffar", DESCRIPTION, "Familj")  # the row number of the line the record ends on
    ]


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("line_end", ["\r\n", "\n"])
def test_a_multi_line_first_record_with_records_after_it(delimiter, line_end):
    records = [{"titel": "Föräldraträffar", "beskrivning": DESCRIPTION, "arena": "Familj"}] + [
        {"titel": f"Läxhjälp {n}", "beskrivning": "Måndagar, onsdagar.", "arena": "Skola"} for n in range(3)
    ]

    table = read_table(_csv(records, delimiter, line_end))

    assert [(number, row["titel"], row["beskrivning"]) for number, row in table.rows] == [
        (3, "Föräldraträffar", DESCRIPTION),
        (4, "Läxhjälp 0", "Måndagar, onsdagar."),
        (5, "Läxhjälp 1", "Måndagar, onsdagar."),
        (6, "Läxhjälp 2", "Måndagar, onsdagar."),
    ]


@pytest.mark.parametrize("delimiter", [";", ","])
def test_a_first_record_longer_than_the_sample_is_not_guessed_from_its_first_half(delimiter, tmp_path):
    # the sample ends inside the first record's description: only the header is a whole record in it
    long_description = "\n".join(f"Punkt {n}, med komma, och mer text." for n in range(200))
    records = [{"titel": "Lång", "beskrivning": long_description, "arena": "Familj"}] + [
        {"titel": f"Kort {n}", "arena": "Skola"} for n in range(500)
    ]
    path = tmp_path / "aktiviteter.csv"
    path.write_bytes(_csv(records, delimiter, "\r\n"))
    assert path.stat().st_size > 2 * SAMPLE

    with path.open("rb") as stream:  # streamed, as an upload is read
        headers, rows = iter_table(stream)
        read = [(number, row["titel"], row["beskrivning"]) for number, row in rows]

    assert headers == HEADERS
    assert read[0] == (201, "Lång", long_description)  # header on line 1, the description on 200
    assert read[1:3] == [(202, "Kort 0", ""), (203, "Kort 1", "")]
    assert len(read) == 501


def test_the_sample_is_cut_at_the_last_line_break_outside_quotes():
    # the last record may be cut at the sample's end; the ones before it are whole, quoted line breaks too
    assert whole_records('a;b\r\n1;"x\r\ny ""z""\n"\r\n2;"half\nof a') == 'a;b\r\n1;"x\r\ny ""z""\n"'
    assert whole_records('a;b\r\n1;"x\ny"\r\n') == "a;b"  # a file's last record is left out as well
    assert whole_records('a;b\n1;"x\ny"') == "a;b"
    assert whole_records('a;"b\nc"\n') == 'a;"b\nc"'  # one record: all of it
    # no line break outside quotes (a stray quote in the header): the whole lines, as before
    assert whole_records('a";b\nc;d\ne') == 'a";b\nc;d'
