"""cards: the HTML for the projector and phones never lets typed text become markup."""

from dataclasses import replace
from datetime import date

import pytest

from facilitation.core.i18n import t
from facilitation.forum.contributions import FeedItem
from facilitation.forum.plans import Answer, CommitmentView, PlanRow
from facilitation.forum.progress_read import ItemProgress
from facilitation.present.cards import feed_board, feed_column, plan_board, plan_card, sector_badge, text_card
from models import ActionItem, ContributionKind, FundSource, ProgressStatus, Sector

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'


def _feed_item(text: str = "ผู้สูงอายุอยู่คนเดียว", n: int = 1, **overrides: object) -> FeedItem:
    values: dict[str, object] = {
        "id": n,
        "kind": ContributionKind.ROOT_CAUSE,
        "text": text,
        "sector": Sector.COMMUNITY,
        "author": "หนูเพียร",
        "organisation": "ชมรมผู้สูงอายุ",
    }
    values.update(overrides)
    return FeedItem(**values)  # type: ignore[arg-type]


def _row(activity: str = "รถรับส่งผู้ป่วย", text: str = "ไม่มีรถ", number: int = 1) -> PlanRow:
    item = ActionItem(
        id=7,
        forum_id=1,
        activity=activity,
        objective=f"วัตถุประสงค์ {text}",
        target_group=text,
        lead_organisation=text,
        partners=text,
        budget_baht=60_000,
        fund_source=FundSource.TAO,
        start_date=date(2027, 3, 1),
        end_date=date(2027, 9, 30),
    )
    answer = Answer(id=3, kind=ContributionKind.FUND, text=text, edited=False, withdrawn=False)
    commitment = CommitmentView(id=1, organisation=text, text=text, author=text)
    return PlanRow(number, item, [answer], [commitment])


def _assert_escaped(html: str) -> None:
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_feed_card_escapes_text_author_and_organisation() -> None:
    """A FeedItem's text, author and organisation are HTML-escaped."""
    html = feed_column(ContributionKind.ROOT_CAUSE, [_feed_item(SCRIPT, author=SCRIPT, organisation=ATTRIBUTE)], "th")
    _assert_escaped(html)
    assert html.count("&lt;script&gt;") == 2
    assert "<img" not in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


def test_feed_board_escapes_and_has_all_four_kind_headings() -> None:
    """feed_board shows a column with its heading for every kind, escaped."""
    board = {kind: [] for kind in ContributionKind}
    board[ContributionKind.OTHER] = [_feed_item(SCRIPT, kind=ContributionKind.OTHER)]
    for lang in ("th", "en"):
        html = feed_board(board, lang)
        _assert_escaped(html)
        assert html.count('class="feed-column"') == 4
        for kind in ContributionKind:
            assert t(f"kind_{kind.value}", lang) in html


def test_feed_board_tolerates_missing_kinds() -> None:
    """A feed dict without some kinds still draws all four columns."""
    html = feed_board({ContributionKind.FUND: [_feed_item(kind=ContributionKind.FUND)]}, "th")
    assert html.count('class="feed-column"') == 4
    assert html.count(t("feed_empty", "th")) == 3


def test_feed_column_shows_count_and_newest_up_to_the_limit() -> None:
    """Beyond the limit only the first cards show, with "and N more"."""
    items = [_feed_item(f"ข้อที่ {n}", n) for n in range(15)]
    html = feed_column(ContributionKind.ROOT_CAUSE, items, "th", limit=12)
    assert html.count('class="card"') == 12
    assert "ข้อที่ 11" in html and "ข้อที่ 12" not in html
    assert t("feed_more", "th", count=3) in html
    assert "และอีก 3 ข้อความ" in html
    assert '<span class="count">15</span>' in html
    assert "and 3 more" in feed_column(ContributionKind.ROOT_CAUSE, items, "en", limit=12)


def test_feed_column_at_the_limit_has_no_more_note() -> None:
    """Exactly `limit` items show no "more" note."""
    items = [_feed_item(f"ข้อที่ {n}", n) for n in range(3)]
    html = feed_column(ContributionKind.ROOT_CAUSE, items, "th", limit=3)
    assert 'class="card-more"' not in html
    assert html.count('class="card"') == 3


def test_empty_feed_column_says_so() -> None:
    """No items shows the empty note."""
    html = feed_column(ContributionKind.BENEFIT, [], "en")
    assert t("feed_empty", "en") in html
    assert '<span class="count">0</span>' in html


def test_feed_card_without_sector_has_no_meta() -> None:
    """An entry with no author (no sector) has no badge line."""
    html = feed_column(ContributionKind.OTHER, [_feed_item(sector=None, author="", organisation="")], "th")
    assert 'class="card-meta"' not in html


def test_sector_badge() -> None:
    """A sector badge names the sector; no sector gives ''."""
    assert t("sector_state", "en") in sector_badge(Sector.STATE, "en")
    assert sector_badge(None, "th") == ""


def test_plan_card_escapes_every_typed_field() -> None:
    """Activity, facts, answers and commitments of an ActionItem are escaped."""
    html = plan_card(_row(activity=SCRIPT, text=SCRIPT), "th")
    _assert_escaped(html)
    assert html.count("&lt;script&gt;") >= 8
    assert "60,000 บาท" in html
    assert "1 มี.ค. 2570 – 30 ก.ย. 2570" in html


def test_plan_card_shows_number_answers_and_commitments() -> None:
    """The card has its number and activity, and commitments unless asked not to."""
    row = _row(activity="ซ่อมบ้านคนพิการ", text="ไม่มีราวจับ", number=3)
    html = plan_card(row, "th")
    assert "3. ซ่อมบ้านคนพิการ" in html
    assert 'data-item="7"' in html
    assert "<li" in html and 'class="commitments"' in html
    assert 'class="commitments"' not in plan_card(row, "th", with_commitments=False)


def test_plan_board_escapes_and_lists_every_card() -> None:
    """plan_board draws one card per row, escaped."""
    html = plan_board([_row(SCRIPT, number=1), _row("ข้อสอง", number=2)], "en")
    _assert_escaped(html)
    assert html.count('class="plan-card"') == 2


@pytest.mark.parametrize("lang", ["th", "en"])
def test_empty_plan_board_shows_the_empty_message(lang: str) -> None:
    """With no action items the board says the plan is empty."""
    html = plan_board([], lang)
    assert t("plan_empty", lang) in html
    assert 'class="plan-card"' not in html


def test_text_card_escapes_text_and_meta() -> None:
    """A phone's own card escapes its text and meta line."""
    html = text_card(SCRIPT, kind=ContributionKind.FUND, meta=ATTRIBUTE)
    _assert_escaped(html)
    assert "<img" not in html
    assert text_card("ข้อความ").count("#999") == 1


def _progress(status: ProgressStatus, last: date | None, reports: int = 1) -> ItemProgress:
    return ItemProgress(item_id=7, percent=40, status=status, last_reported=last, spent_baht=0, reports=reports)


@pytest.mark.parametrize(
    ("progress", "today", "flag"),
    [
        (None, date(2027, 12, 1), None),  # nothing to say about an item nobody follows yet
        (_progress(ProgressStatus.IN_PROGRESS, date(2027, 9, 1)), date(2027, 9, 30), None),  # on its last day
        (_progress(ProgressStatus.IN_PROGRESS, date(2027, 9, 1)), date(2027, 10, 1), "overdue"),
        (_progress(ProgressStatus.DONE, date(2027, 9, 1)), date(2028, 1, 1), None),
        (_progress(ProgressStatus.DROPPED, date(2027, 5, 1)), date(2028, 1, 1), None),
        (_progress(ProgressStatus.IN_PROGRESS, date(2027, 5, 1)), date(2027, 6, 13), "stalled"),  # 6 weeks + 1 day
        (_progress(ProgressStatus.IN_PROGRESS, date(2027, 5, 1)), date(2027, 6, 12), None),
        (_progress(ProgressStatus.NOT_STARTED, None, reports=0), date(2027, 4, 13), "stalled"),  # since its start
        (_progress(ProgressStatus.NOT_STARTED, None, reports=0), date(2027, 2, 1), None),  # not started yet
    ],
)
def test_an_item_past_its_end_or_silent_for_weeks_is_flagged(
    progress: ItemProgress | None, today: date, flag: str | None
) -> None:
    row = replace(_row(), progress=progress)
    html = plan_card(row, "th", today=today)
    if flag is None:
        assert 'data-testid="due-flag"' not in html
    else:
        assert f'data-flag="{flag}"' in html and t(f"progress_flag_{flag}", "th") in html
