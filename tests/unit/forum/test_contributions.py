"""contributions: posting, deduplicating, editing, withdrawing and the live feed."""

import unicodedata

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ContributionNotFound, DuplicateContribution, TextEmpty, TextTooLong
from facilitation.forum.contributions import (
    Posted,
    add_contribution,
    edit_contribution,
    feed,
    my_contributions,
    same_kept,
    withdraw_contribution,
)
from models import (
    Contribution,
    ContributionCreate,
    ContributionKind,
    ContributionStatus,
    ContributionUpdate,
    Participant,
    Sector,
    saved_id,
)
from tests.factories import join, make_forum, post
from tests.unit.helpers import count

ROOT, FUND, BENEFIT, OTHER = (
    ContributionKind.ROOT_CAUSE,
    ContributionKind.FUND,
    ContributionKind.BENEFIT,
    ContributionKind.OTHER,
)


def _add(engine: Engine, participant: Participant, text: str, kind: ContributionKind = ROOT) -> Posted:
    with write_session(engine) as session:
        return add_contribution(session=session, participant=participant, data=ContributionCreate(kind=kind, text=text))


def _version(engine: Engine, contribution_id: int) -> int:
    with read_session(engine) as session:
        row = session.get(Contribution, contribution_id)
        return row.version if row is not None else 1


def _edit(
    engine: Engine, participant: Participant, contribution_id: int, *, version: int | None = None, **changes: object
) -> Contribution:
    """Save an edit drawn from `version` (the current one unless given)."""
    seen = _version(engine, contribution_id) if version is None else version
    with write_session(engine) as session:
        return edit_contribution(
            session=session,
            participant=participant,
            contribution_id=contribution_id,
            version=seen,
            data=ContributionUpdate(**changes),
        )


def _withdraw(engine: Engine, participant: Participant, contribution_id: int) -> Contribution:
    with write_session(engine) as session:
        return withdraw_contribution(session=session, participant=participant, contribution_id=contribution_id)


def _mine(engine: Engine, participant: Participant) -> list[str]:
    with read_session(engine) as session:
        return [c.text for c in my_contributions(session=session, participant=participant)]


@pytest.fixture
def member(engine: Engine) -> Participant:
    forum = make_forum(engine).forum
    return join(engine, forum.code).participant


def test_add_creates_a_visible_row(engine: Engine, member: Participant) -> None:
    """A new contribution is created, visible, in the participant's forum."""
    posted = _add(engine, member, "หนี้นอกระบบ", FUND)
    assert posted.created is True
    with read_session(engine) as session:
        stored = session.exec(select(Contribution)).one()
    assert stored.id == posted.contribution.id
    assert (stored.kind, stored.text, stored.status) == ("fund", "หนี้นอกระบบ", ContributionStatus.VISIBLE)
    assert (stored.forum_id, stored.participant_id) == (member.forum_id, member.id)


@pytest.mark.parametrize(
    "again",
    [
        "หนี้นอกระบบ ดอกร้อยละ 20",
        "  หนี้นอกระบบ   ดอกร้อยละ 20 \n",
        "หนี้นอกระบบ\u200b ดอกร้อยละ 20",
        "หนี้นอกระบบ\tดอกร้อยละ\n20",
    ],
)
def test_same_kind_and_text_again_returns_the_first(engine: Engine, member: Participant, again: str) -> None:
    """Posting the same kind and (cleaned) text again returns the first row: created False, one row."""
    first = _add(engine, member, "หนี้นอกระบบ ดอกร้อยละ 20")
    second = _add(engine, member, again)
    assert second.created is False
    assert second.contribution.id == first.contribution.id
    assert count(engine, Contribution) == 1


def test_same_text_in_another_normalisation_is_a_duplicate(engine: Engine, member: Participant) -> None:
    """NFD vs NFC, and Thai tone-before-vowel order, are the same text."""
    first = _add(engine, member, "café ผู้สูงอายุ")
    decomposed = unicodedata.normalize("NFD", "café") + " ผ\u0e49\u0e39สูงอายุ"
    assert decomposed != "café ผู้สูงอายุ"
    second = _add(engine, member, decomposed)
    assert second.created is False
    assert second.contribution.id == first.contribution.id
    assert count(engine, Contribution) == 1


def test_same_text_different_kind_is_separate(engine: Engine, member: Participant) -> None:
    """The same words under another kind are a new row."""
    first = _add(engine, member, "รถรับส่งผู้ป่วย", ROOT)
    second = _add(engine, member, "รถรับส่งผู้ป่วย", BENEFIT)
    assert second.created is True
    assert second.contribution.id != first.contribution.id
    assert count(engine, Contribution) == 2


def test_different_participants_may_post_the_same_text(engine: Engine) -> None:
    """Two people raising the same point are two rows."""
    forum = make_forum(engine).forum
    first, second = join(engine, forum.code).participant, join(engine, forum.code, name="คนที่สอง").participant
    a = _add(engine, first, "ไม่มีทางลาด")
    b = _add(engine, second, "ไม่มีทางลาด")
    assert a.created and b.created
    assert a.contribution.id != b.contribution.id
    assert count(engine, Contribution) == 2


@pytest.mark.parametrize("text", ["", "  ", "\u200b"])
def test_blank_text_is_refused(engine: Engine, member: Participant, text: str) -> None:
    """Blank contributions raise TextEmpty."""
    with pytest.raises(TextEmpty):
        _add(engine, member, text)
    assert count(engine, Contribution) == 0


def test_overlong_text_is_refused(engine: Engine, member: Participant) -> None:
    """A 501-character contribution raises TextTooLong."""
    with pytest.raises(TextTooLong):
        _add(engine, member, "ก" * 501)
    assert count(engine, Contribution) == 0


def test_thai_text_round_trips_exactly(engine: Engine, member: Participant) -> None:
    """Thai with tone marks, Thai digits and emoji is read back byte for byte."""
    text = "ผู้สูงอายุติดเตียง ๔๕ คน น้ำท่วมไร่อ้อย ปั๊มน้ำ 🌾 ฯลฯ"
    posted = _add(engine, member, text)
    with read_session(engine) as session:
        stored = session.get(Contribution, posted.contribution.id)
        assert stored is not None
        assert stored.text == text
        assert stored.text.encode("utf-8") == text.encode("utf-8")
        assert feed(session=session, forum_id=member.forum_id)[ROOT][0].text == text


def test_edit_own_kind_and_text(engine: Engine, member: Participant) -> None:
    """One's own contribution can change kind and text."""
    posted = _add(engine, member, "ร่างแรก", ROOT)
    edited = _edit(engine, member, posted.contribution.id, kind=FUND, text="  ฉบับแก้\n")
    assert (edited.kind, edited.text) == (FUND, "ฉบับแก้")
    with read_session(engine) as session:
        stored = session.get(Contribution, posted.contribution.id)
    assert stored is not None and (stored.kind, stored.text) == ("fund", "ฉบับแก้")
    assert stored.updated_at >= stored.created_at


def test_edit_text_only_keeps_kind(engine: Engine, member: Participant) -> None:
    """Editing only the text leaves the kind as it was."""
    posted = _add(engine, member, "ร่างแรก", BENEFIT)
    edited = _edit(engine, member, posted.contribution.id, text="ร่างสอง")
    assert (edited.kind, edited.text) == (BENEFIT, "ร่างสอง")


def test_edit_to_the_same_text_is_allowed(engine: Engine, member: Participant) -> None:
    """Saving without a change does not clash with itself."""
    posted = _add(engine, member, "ไม่เปลี่ยน")
    assert _edit(engine, member, posted.contribution.id, text="ไม่เปลี่ยน").text == "ไม่เปลี่ยน"


def test_edit_into_a_twin_of_another_own_item_is_refused(engine: Engine, member: Participant) -> None:
    """Editing to the kind and text of another own visible item raises DuplicateContribution."""
    _add(engine, member, "ข้อหนึ่ง", ROOT)
    second = _add(engine, member, "ข้อสอง", ROOT)
    with pytest.raises(DuplicateContribution):
        _edit(engine, member, second.contribution.id, text=" ข้อหนึ่ง ")
    third = _add(engine, member, "ข้อหนึ่ง", FUND)
    with pytest.raises(DuplicateContribution):
        _edit(engine, member, third.contribution.id, kind=ROOT)
    assert sorted(_mine(engine, member)) == sorted(["ข้อหนึ่ง", "ข้อสอง", "ข้อหนึ่ง"])


def test_edit_into_the_text_of_a_withdrawn_item_is_allowed(engine: Engine, member: Participant) -> None:
    """A withdrawn item does not block an edit to its text."""
    gone = _add(engine, member, "ถอนแล้ว")
    _withdraw(engine, member, gone.contribution.id)
    other = _add(engine, member, "อีกข้อ")
    assert _edit(engine, member, other.contribution.id, text="ถอนแล้ว").text == "ถอนแล้ว"


def test_someone_elses_contribution_cannot_be_edited_or_withdrawn(engine: Engine) -> None:
    """Editing or withdrawing another person's item raises ContributionNotFound and changes nothing."""
    forum = make_forum(engine).forum
    owner, intruder = join(engine, forum.code).participant, join(engine, forum.code, name="คนอื่น").participant
    posted = _add(engine, owner, "ของเจ้าของ")
    with pytest.raises(ContributionNotFound):
        _edit(engine, intruder, posted.contribution.id, text="แก้ของคนอื่น")
    with pytest.raises(ContributionNotFound):
        _withdraw(engine, intruder, posted.contribution.id)
    with read_session(engine) as session:
        stored = session.get(Contribution, posted.contribution.id)
    assert stored is not None
    assert (stored.text, stored.status) == ("ของเจ้าของ", ContributionStatus.VISIBLE)


def test_unknown_contribution_id(engine: Engine, member: Participant) -> None:
    """An id that does not exist raises ContributionNotFound."""
    with pytest.raises(ContributionNotFound):
        _edit(engine, member, 999, text="x")
    with pytest.raises(ContributionNotFound):
        _withdraw(engine, member, 999)


def test_withdrawn_item_vanishes_but_stays_in_the_table(engine: Engine, member: Participant) -> None:
    """Withdrawing hides it from my list and the feed; the row stays, marked withdrawn."""
    kept = _add(engine, member, "เก็บไว้")
    gone = _add(engine, member, "ถอนออก")
    _withdraw(engine, member, gone.contribution.id)
    assert _mine(engine, member) == ["เก็บไว้"]
    with read_session(engine) as session:
        board = feed(session=session, forum_id=member.forum_id)
        stored = session.get(Contribution, gone.contribution.id)
    assert [item.id for item in board[ROOT]] == [kept.contribution.id]
    assert stored is not None and stored.status == ContributionStatus.WITHDRAWN
    assert count(engine, Contribution) == 2


def test_withdrawn_item_cannot_be_edited_or_withdrawn_again(engine: Engine, member: Participant) -> None:
    """After withdrawing, the item is not one's own visible item any more."""
    gone = _add(engine, member, "ถอนออก")
    _withdraw(engine, member, gone.contribution.id)
    with pytest.raises(ContributionNotFound):
        _withdraw(engine, member, gone.contribution.id)
    with pytest.raises(ContributionNotFound):
        _edit(engine, member, gone.contribution.id, text="กลับมา")


def test_posting_again_after_withdrawing_creates_a_new_row(engine: Engine, member: Participant) -> None:
    """The same text after a withdrawal is a new, visible contribution."""
    first = _add(engine, member, "พูดใหม่")
    _withdraw(engine, member, first.contribution.id)
    again = _add(engine, member, "พูดใหม่")
    assert again.created is True
    assert again.contribution.id != first.contribution.id
    assert _mine(engine, member) == ["พูดใหม่"]
    assert count(engine, Contribution) == 2


def test_same_kept_matches_author_kind_text_and_visibility_only(engine: Engine) -> None:
    """The one query behind "already posted" (sharing) and "would clash" (moving on the tree)."""
    forum = make_forum(engine).forum
    me, other = join(engine, forum.code).participant, join(engine, forum.code, name="คนอื่น").participant
    mine = _add(engine, me, "ไม่มีรถ").contribution
    _add(engine, other, "ไม่มีรถ", FUND)
    gone = _add(engine, me, "ถอนแล้ว").contribution
    _withdraw(engine, me, saved_id(gone))

    def found(participant: Participant, kind: ContributionKind, text: str) -> int | None:
        with read_session(engine) as session:
            row = same_kept(session=session, participant_id=saved_id(participant), kind=kind, text=text)
            return row.id if row is not None else None

    assert found(me, ROOT, "ไม่มีรถ") == mine.id
    assert found(me, FUND, "ไม่มีรถ") is None  # same text, another kind
    assert found(other, ROOT, "ไม่มีรถ") is None  # same text and kind, another author
    assert found(me, ROOT, "ไม่มีรถ ") is None  # exact text, as stored after cleaning
    assert found(me, ROOT, "ถอนแล้ว") is None  # withdrawn


def test_my_contributions_newest_first_and_only_mine(engine: Engine) -> None:
    """my_contributions lists one's own visible items, newest first."""
    forum = make_forum(engine).forum
    me, other = join(engine, forum.code).participant, join(engine, forum.code, name="อีกคน").participant
    for text in ("หนึ่ง", "สอง", "สาม"):
        _add(engine, me, text)
    _add(engine, other, "ของคนอื่น")
    assert _mine(engine, me) == ["สาม", "สอง", "หนึ่ง"]


def test_feed_groups_by_every_kind_newest_first_with_authors(engine: Engine) -> None:
    """The feed has all four kinds (empty lists too), newest first, with sector, author and organisation."""
    forum = make_forum(engine).forum
    state = join(engine, forum.code, name="วิไลวรรณ", organisation="พมจ.ขอนแก่น", sector=Sector.STATE).participant
    elder = join(engine, forum.code, name="หนูเพียร", organisation="ชมรมผู้สูงอายุ", sector=Sector.COMMUNITY).participant
    post(engine, state, "ข้อมูลไม่ตรงกัน", ROOT)
    post(engine, elder, "อยู่คนเดียว", ROOT)
    post(engine, elder, "กองทุนสัจจะ", FUND)
    other_forum = make_forum(engine).forum
    post(engine, join(engine, other_forum.code).participant, "เวทีอื่น", ROOT)
    with read_session(engine) as session:
        board = feed(session=session, forum_id=saved_id(forum))
    assert list(board) == [ROOT, FUND, BENEFIT, OTHER]
    assert [item.text for item in board[ROOT]] == ["อยู่คนเดียว", "ข้อมูลไม่ตรงกัน"]
    assert [item.text for item in board[FUND]] == ["กองทุนสัจจะ"]
    assert board[BENEFIT] == [] and board[OTHER] == []
    newest = board[ROOT][0]
    assert (newest.kind, newest.sector, newest.author, newest.organisation) == (
        ROOT,
        Sector.COMMUNITY,
        "หนูเพียร",
        "ชมรมผู้สูงอายุ",
    )
    assert (board[ROOT][1].sector, board[ROOT][1].author) == (Sector.STATE, "วิไลวรรณ")


def test_feed_of_an_empty_forum(engine: Engine) -> None:
    """A forum with no contributions gives four empty lists."""
    forum = make_forum(engine).forum
    with read_session(engine) as session:
        assert feed(session=session, forum_id=saved_id(forum)) == {kind: [] for kind in ContributionKind}
