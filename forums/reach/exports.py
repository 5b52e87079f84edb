"""The reach report's downloads: the summary (totals, breakdowns, trend) and the outreach list,
each as a CSV and as an XLSX with the same rows. Both files are built by `core.exports`
(a byte-order mark on the CSV so Excel reads "£" right; every cell safe to open)."""

from core.exports import csv_response, xlsx_response
from forums.reach.breakdowns import NO_FIGURE

FORMATS = {"csv": csv_response, "xlsx": xlsx_response}

OUTREACH_HEADER = [
    "Organisation",
    "Email",
    "Phone",
    "Website",
    "Annual income",
    "Relationship to HMPPS commissioning",
    "Commissioning relationship confirmed",
    "Led by and for",
    "Works nationally",
    "Last engaged",
]

NOT_LED_BY_AND_FOR = "Not led by and for a group"


def outreach_rows(rows):
    """The outreach list (`forums.reach.report.outreach_list`) as rows under OUTREACH_HEADER."""
    for row in rows:
        yield [
            row["name"],
            row["email"],
            row["phone"],
            row["website"],
            row["income"],
            "; ".join(row["commissioning"]) or "Outside commissioning",
            "yes" if row["commissioning_confirmed"] else "no (declared by the organisation)",
            "; ".join(row["led_by_and_for"]) or NOT_LED_BY_AND_FOR,
            "yes" if row["national"] else "no",
            row["last_engaged"].isoformat() if row["last_engaged"] else "",
        ]


SUMMARY_HEADER = ["Breakdown", "Group", "Listed", "Engaged", "Not engaged", "Engaged (%)"]


def _percent(row):
    return NO_FIGURE if row.percent is None else row.percent


def summary_rows(report):
    """The report's total, every breakdown's groups and the trend, under SUMMARY_HEADER. A
    group nobody is listed in has NO_FIGURE as its percentage."""

    def cells(title, row):
        return [title, row.label, row.listed, row.engaged, row.not_engaged, _percent(row)]

    yield cells("Total", report.total)
    for breakdown in report.breakdowns:
        for row in breakdown.rows:
            yield cells(breakdown.title, row)
    for _quarter, row in report.trend:
        yield cells("Trend by quarter", row)


def download(fmt, filename, header, rows):
    """A CSV or XLSX (`fmt`) download of `rows` under `header`, named `filename.<fmt>`."""
    return FORMATS[fmt](f"{filename}.{fmt}", header, rows)
