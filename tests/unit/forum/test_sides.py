"""sector_sides: what each sector raised and committed to, for the state-and-community view."""

from sqlalchemy import Engine
from sqlmodel import col, select

from facilitation.core.db import read_session, write_session
from facilitation.core.tokens import new_token
from facilitation.forum.contributions import withdraw_contribution
from facilitation.forum.dots import add_dot
from facilitation.forum.forums import set_stage
from facilitation.forum.left_out_words import set_left_out_words
from facilitation.forum.sides import MAIN_SECTORS, sector_sides
from facilitation.forum.votes import VoteSettings, close_vote, open_vote, reveal_results
from facilitation.present.sides import sides_html
from models import ContributionKind, OptionSubject, ResultsShown, Sector, Stage, VoteOption, saved_id
from tests.factories import join, make_forum, post
from tests.unit.helpers import commit, make_item

ROOT, FUND, BENEFIT = ContributionKind.ROOT_CAUSE, ContributionKind.FUND, ContributionKind.BENEFIT


def test_each_sector_counts_its_people_posts_and_commitments(db: Engine) -> None:
    created = make_forum(db)
    forum_id = saved_id(created.forum)
    code = created.forum.code
    officer = join(db, code, name="พัฒนาการอำเภอ", sector=Sector.STATE).participant
    nurse = join(db, code, name="รพ.สต.", sector=Sector.STATE).participant
    elder = join(db, code, name="ยายมา", sector=Sector.COMMUNITY).participant
    join(db, code, name="อาจารย์", sector=Sector.ACADEMIC)
    post(db, officer, "ผู้สูงอายุติดเตียงไม่มีคนดูแล", ROOT)
    post(db, nurse, "ผู้สูงอายุไม่มีรถไปโรงพยาบาล", ROOT)
    post(db, elder, "กองทุนสวัสดิการชุมชนตำบลศิลา", FUND)
    gone = post(db, elder, "ข้อความที่ถอนแล้ว", BENEFIT)
    with write_session(db) as session:
        withdraw_contribution(session=session, participant=elder, contribution_id=saved_id(gone))
        set_stage(session=session, forum=created.forum, stage=Stage.ACT)
    item = make_item(db, forum_id)
    commit(db, officer, saved_id(item), "จัดรถรับส่ง", organisation="อบต.ศิลา")
    commit(db, nurse, saved_id(item), "เยี่ยมบ้านทุกสัปดาห์", organisation="รพ.สต.บ้านหนองไผ่")
    commit(db, officer, saved_id(item), "ประสานงบประมาณ", organisation="อบต.ศิลา")

    with read_session(db) as session:
        found = sector_sides(session=session, forum_id=forum_id, with_words=True)

    # The main three always, even with nobody; another sector only when someone joined from it.
    assert [side.sector for side in found.sides] == [*MAIN_SECTORS, Sector.ACADEMIC]
    state, local, community, academic = found.sides
    assert (state.people, local.people, community.people, academic.people) == (2, 0, 1, 1)
    assert state.posts[ROOT] == 2 and state.total_posts == 2
    assert community.posts == {ROOT: 0, FUND: 1, BENEFIT: 0, ContributionKind.OTHER: 0}  # withdrawn: gone
    assert state.commitments == 3 and community.commitments == 0
    assert state.organisations == ("อบต.ศิลา", "รพ.สต.บ้านหนองไผ่")  # most commitments first
    assert any("ผู้สูงอายุ" in words for words in state.words)

    with read_session(db) as session:
        held = sector_sides(session=session, forum_id=forum_id, with_words=False)
    assert all(side.words == () for side in held.sides)
    assert held.sides[0].posts == state.posts  # counts show while the texts are held


def test_the_view_ranks_each_sectors_words_and_leaves_out_the_facilitators_words(db: Engine) -> None:
    created = make_forum(db)
    forum_id = saved_id(created.forum)
    officer = join(db, created.forum.code, sector=Sector.STATE).participant
    post(db, officer, "ผู้สูงอายุติดเตียงไม่มีคนดูแล", ROOT)
    post(db, officer, "ผู้สูงอายุไม่มีรถไปโรงพยาบาล", ROOT)
    post(db, officer, "<b>โรงพยาบาล</b>ไกล", BENEFIT)
    with write_session(db) as session:
        set_left_out_words(session=session, forum_id=forum_id, typed="ไม่มี", version=0)
    with read_session(db) as session:
        found = sector_sides(session=session, forum_id=forum_id, with_words=True)

    shown = sides_html(found, "th", held=False)
    state = shown.split('data-sector="state"')[1].split("</section>")[0]
    words = state.split('class="side-words"')[1]
    assert words.index("ผู้สูงอายุ") < words.index("โรงพยาบาล")  # raised by more posts, first
    assert "ไม่มี" not in words
    assert "<b>" not in shown  # typed text is escaped
    # Bars share one scale across sectors: the biggest count fills its bar.
    assert 'style="width:100%' in state
    assert sides_html(found, "th", held=True).count('class="side-words"') == 0


def test_what_each_sector_voted_for_shows_once_the_results_are_the_rooms(db: Engine) -> None:
    created = make_forum(db, revealed=True)
    forum_id = saved_id(created.forum)
    officer = join(db, created.forum.code, sector=Sector.STATE).participant
    elder = join(db, created.forum.code, sector=Sector.COMMUNITY).participant
    ids = [saved_id(post(db, officer, text)) for text in ("รถรับส่งผู้ป่วย", "ศูนย์เด็กเล็ก", "<b>ตลาดนัด</b>")]
    with write_session(db) as session:
        set_stage(session=session, forum=created.forum, stage=Stage.PLAN)
    with write_session(db) as session:
        vote = open_vote(
            session=session,
            forum_id=forum_id,
            settings=VoteSettings("ทำอะไรก่อน", 3, 3, ResultsShown.HIDDEN, [(OptionSubject.POST, i) for i in ids]),
            creation_key=new_token(),
        )
    with read_session(db) as session:
        options = list(
            session.exec(select(VoteOption.id).where(VoteOption.vote_id == vote.id).order_by(col(VoteOption.position)))
        )
    taps = [(officer, options[1], 0), (officer, options[1], 1), (officer, options[0], 0), (elder, options[2], 0)]
    for person, option, seen in taps:
        with write_session(db) as session:
            add_dot(session=session, participant_id=saved_id(person), option_id=option, seen=seen)

    with read_session(db) as session:
        hidden = sector_sides(session=session, forum_id=forum_id, with_words=True)
    assert hidden.vote_question is None and all(side.dots == 0 for side in hidden.sides)
    assert 'class="side-voted"' not in sides_html(hidden, "th", held=False)

    with write_session(db) as session:
        close_vote(session=session, forum_id=forum_id, vote_id=saved_id(vote), version=vote.version)
    with write_session(db) as session:
        reveal_results(session=session, forum_id=forum_id, vote_id=saved_id(vote), version=vote.version + 1)
    with read_session(db) as session:
        shown = sector_sides(session=session, forum_id=forum_id, with_words=True)
    state, local, community = shown.sides
    assert shown.vote_question == "ทำอะไรก่อน"
    assert (state.dots, state.voted_for) == (3, ("ศูนย์เด็กเล็ก", "รถรับส่งผู้ป่วย"))
    assert (local.dots, local.voted_for, community.dots) == (0, (), 1)
    page = sides_html(shown, "th", held=False)
    assert page.count('class="side-voted"') == 3 and "&lt;b&gt;ตลาดนัด" in page and "<b>ตลาดนัด" not in page
