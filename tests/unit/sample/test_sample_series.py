"""The sample's follow-up forum: the same area a few months on, with owners' reports and one carried item."""

from sqlalchemy import Engine
from sqlmodel import col, func, select

from facilitation.core.db import read_session, write_session
from facilitation.forum.follow_up import forum_series, review_board
from facilitation.forum.forums import authorise_facilitator
from facilitation.sample import data as sample_data
from facilitation.sample.follow_up import load_sample_series
from models import CarriedItem, Forum, Participant, ProgressReport, ProgressStatus, Stage, saved_id


def test_the_sample_series_fills_the_review_stage(engine: Engine) -> None:
    """Two forums in one area; the follow-up at Review shows every sample item with what was reported."""
    with write_session(engine) as session:
        created = load_sample_series(session=session, creation_key="sample-tap")
    with read_session(engine) as session:
        series = forum_series(session=session, forum_id=saved_id(created.forum), key=created.facilitator_token)
        follow_up = series[1].forum_id
        board = review_board(session=session, forum_id=follow_up)
        reports = session.exec(select(func.count()).select_from(ProgressReport)).one()
        carried = session.exec(select(CarriedItem)).all()
        joined = session.exec(select(func.count()).select_from(Participant).where(Participant.forum_id == follow_up))
        forums = session.exec(select(Forum).order_by(col(Forum.id))).all()
        for forum in forums:  # the sample's one key opens both consoles
            authorise_facilitator(session=session, code=forum.code, key=created.facilitator_token)
    assert [(row.title, row.forum_date, row.stage) for row in series] == [
        (sample_data.TITLE_TH, sample_data.FORUM_DATE, Stage.ACT),
        (sample_data.FOLLOW_UP_TITLE_TH, sample_data.FOLLOW_UP_DATE, Stage.REVIEW),
    ]
    assert all(row.key_opens for row in series)
    assert forums[1].area_name_th == forums[0].area_name_th and forums[1].tambon_code == sample_data.TAMBON_CODE
    assert reports == len(sample_data.REPORTS)
    assert joined.one() == len(sample_data.FOLLOW_UP_PEOPLE)
    assert [row.item.activity for row in board.items] == [action.activity for action in sample_data.ACTION_ITEMS]
    statuses = {row.progress.status for row in board.items}
    assert {ProgressStatus.IN_PROGRESS, ProgressStatus.DONE, ProgressStatus.BLOCKED} <= statuses
    assert [row.number for row in board.items if row.carried_into is not None] == [sample_data.CARRIED_INDEX + 1]
    assert len(carried) == 1 and (series[0].done, series[1].items, series[1].carried) == (1, 1, 1)

    with write_session(engine) as session:  # a double tap on "load the sample"
        again = load_sample_series(session=session, creation_key="sample-tap")
    assert again.forum.id == created.forum.id
    with read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(Forum)).one() == 2
