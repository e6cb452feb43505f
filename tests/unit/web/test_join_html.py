"""The light join page's markup: whatever a facilitator or a participant typed stays plain text."""

import re
from datetime import date
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitation.forum.plans import CommitmentView, PlanRow
from facilitation.forum.progress_read import ItemProgress
from facilitation.present.cards import plan_board
from facilitation.web.join_html import STYLE, FormValues, Heading, closed_page, form_page, message_page
from models import ActionItem, ProgressStatus

# Every element the join pages are made of; any other one came from someone's text.
OURS = {"html", "head", "meta", "title", "style", "body", "main", "nav", "a", "p", "h1", "h2", "form", "input",
        "label", "fieldset", "legend", "button", "link", "div"}  # fmt: skip
TYPED = st.text(alphabet=st.sampled_from(list("<>&\"'=/ ก่าscriptimgonerror()x;")), max_size=40)


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}


def elements(page: str) -> Elements:
    parsed = Elements()
    parsed.feed(page)
    return parsed


@settings(max_examples=60, deadline=None)
@given(title=TYPED, place=TYPED, name=TYPED, organisation=TYPED, sector=TYPED, message=TYPED)
def test_typed_text_never_becomes_an_element_or_an_attribute(
    title: str, place: str, name: str, organisation: str, sector: str, message: str
) -> None:
    heading = Heading(title=title, place_and_date=place, lang="th")
    values = FormValues(token="t" * 32, name=name, organisation=organisation, sector=sector)
    pages = [
        form_page(heading=heading, values=values, already=1, error=message, chosen_lang=None),
        closed_page(heading=heading, plan_html=""),
        message_page(lang="en", message=message),
    ]
    for page in pages:
        found = elements(page)
        assert found.tags <= OURS, found.tags - OURS
        assert not {attribute for attribute in found.attributes if attribute.startswith("on")}


class Classes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "class" and value:
                self.found |= set(value.split())


def test_every_class_of_a_closed_forums_plan_is_styled() -> None:
    """The light page has no app stylesheet: a plan card's progress bar and flags need its own rules."""
    commitment = CommitmentView(id=1, organisation="อบต.ศิลา", text="จัดรถ", author="สมชาย")
    bars = [
        ItemProgress(item_id=1, percent=40, status=status, last_reported=date(2025, 11, 1), spent_baht=0, reports=1)
        for status in ProgressStatus
    ]
    item = ActionItem(
        id=1, forum_id=1, activity="รถรับส่งผู้ป่วย", lead_organisation="อบต.ศิลา", budget_baht=60_000,
        start_date=date(2025, 10, 1), end_date=date(2026, 1, 31),  # long past: overdue whenever this runs
    )  # fmt: skip
    rows = [PlanRow(n, item, commitments=[commitment], progress=bar) for n, bar in enumerate(bars, 1)]
    heading = Heading(title="เวที", place_and_date="ศิลา", lang="th")
    page = closed_page(heading=heading, plan_html=plan_board(rows, "th"))
    parsed = Classes()
    parsed.feed(page)
    assert {"progress-fill", "due-flag", "overdue", *ProgressStatus} <= parsed.found  # every bar, and a flag
    unstyled = {name for name in parsed.found if not re.search(rf"\.{re.escape(name)}(?![\w-])", STYLE)}
    assert not unstyled
