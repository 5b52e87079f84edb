"""The reach report read at a glance: the headline (engaged, share of listed, change on the
period before), a bar chart beside every table (an image with a title and a description, the
table its equivalent), numbers right-aligned, "–" for a group nobody is listed in, and every
download as a CSV with a byte-order mark and an XLSX with the same rows. On the hand-counted
fixture of test_reach_report."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from forums.reach.breakdowns import Breakdown, Row
from forums.reach.charts import (
    LABEL_CHARACTERS,
    MIN_BAR_PERCENT,
    bar_chart,
    bar_width,
    breakdown_chart,
    label_lines,
)
from forums.reach.headline import headline
from forums.reach.periods import previous_period, trend_quarters
from forums.reach.report import financial_quarter, reach_report
from tests.factories import OrganisationPageFactory
from tests.forums.test_reach_report import NOW, Q3, YEAR, Fixture, manager_of, rows_of, term_region

URL = "/admin/forums/reach/"
PARAMS = {"region": "north-east", "period": Q3.slug}


@pytest.fixture
def fixture(tree):
    return Fixture(tree)


@pytest.fixture
def north_east(db):
    return term_region("north-east")


class TestPeriodsCompared:
    def test_a_quarter_is_compared_with_the_one_before_and_a_year_with_the_year_before(self):
        assert previous_period(Q3) == financial_quarter(2026, 2)
        assert previous_period(financial_quarter(2026, 1)) == financial_quarter(2025, 4)
        assert previous_period(YEAR).slug == "2025-26"

    def test_a_quarters_trend_is_the_six_quarters_ending_with_it(self):
        slugs = [q.slug for q in trend_quarters(Q3, datetime.date(2027, 2, 10))]
        assert slugs == [
            "2025-26-q2",
            "2025-26-q3",
            "2025-26-q4",
            "2026-27-q1",
            "2026-27-q2",
            "2026-27-q3",
        ]


@pytest.mark.django_db
class TestHeadline:
    def test_a_quarter_says_how_many_engaged_the_share_and_the_change(self, fixture, north_east):
        report = reach_report(north_east, Q3, now=NOW)
        figures = headline(report)
        # Q2: the forum member and Earlier Engagers; Q3: four.
        assert (report.previous_engaged, report.change) == (2, 2)
        assert figures.sentence == (
            "4 organisations engaged, 50% of 8 listed; up 2 on last quarter (2)."
        )
        assert [(f.label, f.value) for f in figures.figures] == [
            ("Organisations engaged", "4"),
            ("Share of listed organisations", "50%"),
            ("Change on last quarter", "+2"),
        ]

    def test_a_year_is_compared_with_the_year_before(self, fixture, north_east):
        figures = headline(reach_report(north_east, YEAR, now=NOW))
        assert (
            figures.sentence == "6 organisations engaged, 75% of 8 listed; up 6 on last year (0)."
        )

    def test_fewer_than_before_is_down(self, fixture, north_east):
        q4 = financial_quarter(2026, 4)
        report = reach_report(north_east, q4, now=NOW)
        assert headline(report).sentence == (
            "2 organisations engaged, 25% of 8 listed; down 2 on last quarter (4)."
        )
        assert headline(report).figures[2].value == "\u22122"

    def test_a_region_nobody_lists_shows_a_dash_not_zero_percent(self, fixture):
        report = reach_report(term_region("wales"), Q3, now=NOW)
        assert report.total.listed == 1  # National Voice covers every region
        empty = [row for b in report.breakdowns for row in b.rows if not row.listed]
        assert empty and all(row.percent_text == "–" for row in empty)


class TestChartGeometry:
    def test_the_largest_value_fills_the_width_and_zero_gets_no_bar(self):
        assert bar_width(8, 8) == 100
        assert bar_width(2, 8) == 25
        assert bar_width(0, 8) is None
        assert bar_width(None, 8) is None
        assert bar_width(0, 0) is None

    def test_a_real_value_never_gets_a_bar_a_few_pixels_long(self):
        assert bar_width(1, 1000) == MIN_BAR_PERCENT

    def test_bars_follow_one_another_down_the_chart(self):
        chart = bar_chart(
            "c", "Title", "Description", [("A", 8, "8"), ("B", 0, "0"), ("C", None, "–")]
        )
        assert [bar.width for bar in chart.bars] == ["100.00", "", ""]
        tops = [int(bar.y) for bar in chart.bars]
        assert tops == sorted(tops) and len(set(tops)) == 3
        assert int(chart.height) > tops[-1]
        # Every label line sits above its own bar.
        for bar in chart.bars:
            assert all(int(line.y) < int(bar.y) for line in bar.lines)

    def test_long_labels_wrap_and_the_value_follows_them(self):
        label = "Qualified for the Dynamic Framework, not currently contracted: declared only"
        lines = label_lines(label, "50% (1 of 2)")
        assert all(len(text) <= LABEL_CHARACTERS for text, _value in lines)
        assert " ".join(text for text, _value in lines).strip() == label
        assert [value for _text, value in lines if value] == ["50% (1 of 2)"]
        assert label_lines("Short", "3") == [("Short", "3")]

    def test_a_breakdown_chart_describes_its_largest_share(self):
        breakdown = Breakdown("Annual income", [Row("Small", 4, 1), Row("None", 0, 0)])
        chart = breakdown_chart(breakdown, "income")
        assert chart.title == "Annual income: share engaged"
        assert "The largest share is 25%: Small." in chart.description
        assert [bar.value_text for bar in chart.bars] == ["25% (1 of 4)", "– (none listed)"]
        assert [bar.width for bar in chart.bars] == ["100.00", ""]


@pytest.mark.django_db
class TestThePage:
    def page(self, client, fixture):
        client.force_login(manager_of(fixture.ne_forum))
        response = client.get(URL, PARAMS)
        assert response.status_code == 200
        return BeautifulSoup(response.content, "html.parser")

    def test_the_headline_comes_first(self, client, fixture):
        html = self.page(client, fixture)
        sentence = html.select_one(".cg-headline__sentence")
        assert sentence.get_text(strip=True) == (
            "4 organisations engaged, 50% of 8 listed; up 2 on last quarter (2)."
        )
        assert html.select_one("h2").find_next("div")["class"] == ["cg-headline"]

    def test_every_chart_is_an_image_with_a_title_and_description_and_a_table(
        self, client, fixture
    ):
        html = self.page(client, fixture)
        charts = html.select("svg[role=img]")
        assert len(charts) == 5  # four breakdowns and the trend
        for svg in charts:
            title_id, desc_id = svg["aria-labelledby"].split()
            assert svg.find("title", id=title_id).get_text(strip=True)
            assert "table after the chart" in svg.find("desc", id=desc_id).get_text()
            table = svg.find_next("table")
            assert table.caption.get_text(strip=True)
            assert svg.find_parent("section") is table.find_parent("section")
        income = html.find("h3", string="Annual income").find_parent("section")
        labels = [t.get_text(" ", strip=True) for t in income.select("svg text")]
        assert "Under £10,000 100% (2 of 2)" in labels
        # £10,000 to £100,000: one listed, none engaged, so no bar; three bars for the rest.
        assert len(income.select("svg rect")) == 3

    def test_numbers_are_right_aligned_and_an_empty_group_shows_a_dash(self, client, fixture):
        html = self.page(client, fixture)
        income = html.find("h3", string="Annual income").find_parent("section").table
        headings = [th.get_text(strip=True) for th in income.select("thead th.cg-num")]
        assert headings == ["Listed", "Engaged", "Not engaged", "Engaged (%)"]
        rows = {
            tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")]
            for tr in income.select("tbody tr")
        }
        assert rows["Under £10,000"] == ["2", "2", "0", "100%"]
        assert rows["£500,000 to £1m"] == ["0", "0", "0", "–"]
        assert all("cg-num" in td["class"] for td in income.select("tbody td"))
        link = html.find("link", href=lambda href: href and "reach_report.css" in href)
        assert link is not None

    def test_the_outreach_list_says_who_is_led_by_and_for_a_community(self, client, fixture):
        OrganisationPageFactory(
            title="Lived Voices", regions=["north-east"], led_by_and_for=["lived-experience"]
        )
        html = self.page(client, fixture)
        table = html.find("table", class_="cg-outreach")
        headings = [th.get_text(strip=True) for th in table.thead.select("th")]
        assert "Led by and for" in headings
        column = headings.index("Led by and for")
        cells = {
            tr.th.get_text(strip=True): tr.select("th, td")[column].get_text(strip=True)
            for tr in table.tbody.select("tr")
        }
        assert cells["Lived Voices"] == "Led by people with lived experience of the justice system"
        assert cells["Waiting Room"] == "No"


def workbook_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [
        ["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)
    ]


@pytest.mark.django_db
class TestDownloads:
    @pytest.mark.parametrize("what", ["summary", "outreach"])
    def test_each_csv_starts_with_a_bom_and_its_xlsx_has_the_same_rows(self, client, fixture, what):
        OrganisationPageFactory(
            title="Lived Voices",
            regions=["north-east"],
            led_by_and_for=["lived-experience"],
            income_band="10k-100k",
        )
        client.force_login(manager_of(fixture.ne_forum))
        csv_file = client.get(f"{URL}{what}.csv", PARAMS)
        xlsx_file = client.get(f"{URL}{what}.xlsx", PARAMS)
        assert csv_file.content.startswith("\ufeff".encode())
        assert xlsx_file["Content-Disposition"] == (
            f'attachment; filename="reach-north-east-2026-27-q3-{what}.xlsx"'
        )
        assert workbook_rows(xlsx_file) == rows_of(csv_file)
        assert len(rows_of(csv_file)) > 2

    def test_the_outreach_download_has_led_by_and_for_and_excel_reads_the_pound_sign(
        self, client, fixture
    ):
        OrganisationPageFactory(
            title="Lived Voices",
            regions=["north-east"],
            led_by_and_for=["lived-experience"],
            income_band="10k-100k",
        )
        client.force_login(manager_of(fixture.ne_forum))
        rows = rows_of(client.get(URL + "outreach.csv", PARAMS))  # decoded as utf-8-sig
        header = rows[0]
        by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
        assert by_name["Lived Voices"]["Led by and for"] == (
            "Led by people with lived experience of the justice system"
        )
        assert by_name["Lived Voices"]["Annual income"] == "£10,000 to £100,000"
        assert by_name["Waiting Room"]["Led by and for"] == "Not led by and for a group"

    def test_the_summary_has_a_dash_for_a_group_nobody_is_listed_in(self, client, fixture):
        client.force_login(manager_of(fixture.ne_forum))
        rows = rows_of(client.get(URL + "summary.csv", PARAMS))
        assert ["Annual income", "£500,000 to £1m", "0", "0", "0", "–"] in rows
        trend = [row for row in rows if row[0] == "Trend by quarter"]
        assert [row[3] for row in trend] == ["0", "0", "0", "1", "2", "4"]

    def test_downloads_keep_the_access_rules(self, client, fixture):
        client.force_login(manager_of(fixture.london_forum))
        for what in ("summary.xlsx", "outreach.xlsx"):
            response = client.get(URL + what, PARAMS)
            assert response.status_code in (302, 403)
            assert not response.content.startswith(b"PK")
