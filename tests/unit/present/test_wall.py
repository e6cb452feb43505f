"""wall: an Act card shows the newest commitments that fit it, whole, and says how many more there are."""

from facilitation.core.i18n import t
from facilitation.forum.plans import CommitmentView, PlanRow
from facilitation.present.thai_wrap import wrap_label
from facilitation.present.wall import (
    COMMITMENT_COLUMNS,
    COMMITMENT_LINES,
    COMMITMENT_MAX_LINES,
    COMMITMENTS_PER_CARD,
    newest_commitments,
    plan_card,
)
from facilitation.sample import data as sample_data
from models import ActionItem

LONG_NAME = next(p.organisation for p in sample_data.PARTICIPANTS if p.key == "elder_ctr")
LONG_PROMISE = max((c.text for c in sample_data.COMMITMENTS), key=len)


def _row(*commitments: tuple[str, str]) -> PlanRow:
    item = ActionItem(id=7, forum_id=1, activity="รถรับส่งผู้ป่วยไปตามนัด")
    views = [CommitmentView(id=i, organisation=who, text=text, author="") for i, (who, text) in enumerate(commitments)]
    return PlanRow(1, item, [], views)


def _lines(commitment: CommitmentView) -> int:
    return len(wrap_label(f"{commitment.organisation}: {commitment.text}", COMMITMENT_COLUMNS, COMMITMENT_MAX_LINES))


def test_short_commitments_show_the_newest_few() -> None:
    row = _row(*((f"หน่วยงาน {i}", f"สมทบ {i}") for i in range(5)))
    assert [c.text for c in newest_commitments(row)] == ["สมทบ 4", "สมทบ 3", "สมทบ 2"][:COMMITMENTS_PER_CARD]


def test_long_commitments_show_fewer_so_each_is_whole() -> None:
    row = _row(*((LONG_NAME, LONG_PROMISE) for _ in range(5)))
    shown = newest_commitments(row)
    assert 1 <= len(shown) < COMMITMENTS_PER_CARD
    assert sum(_lines(c) for c in shown) <= COMMITMENT_LINES


def test_one_commitment_is_always_shown_however_long() -> None:
    row = _row(("ก" * 400, "ข" * 400))
    assert len(newest_commitments(row)) == 1


def test_the_card_says_who_first_and_how_many_more_beside_the_count() -> None:
    row = _row(*((LONG_NAME, LONG_PROMISE) for _ in range(5)))
    html = plan_card(row, "th", with_commitments=True)
    shown = len(newest_commitments(row))
    assert html.count(f"<li><b>{LONG_NAME}</b>: ") == shown
    more = f'<span class="card-more" data-testid="more">{t("feed_more", "th", count=5 - shown)}</span>'
    assert f'data-testid="count">5</span>{more}</div>' in html
