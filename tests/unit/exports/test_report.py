"""report: what every filed export takes: the summary, themes and votes, and its anonymised form."""

from dataclasses import replace

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session
from facilitation.core.errors import ForumNotFound
from facilitation.exports.report import ForumReport, ThemeLine, anonymised, build_report, sector_label
from facilitation.forum.votes import OptionResult
from models import ContributionKind, saved_id
from tests.factories import make_forum
from tests.unit.exports.table_forum import (
    COMMITTED_BY,
    HIDDEN_WORDS,
    LEAD,
    PEOPLE,
    THEME,
    VOLUNTEERS,
    TableForum,
    make_table_forum,
)

SECTOR_NAMES = {"หน่วยงานรัฐ", "องค์กรชุมชน"}


def _report(engine: Engine, forum_id: int, lang: str = "th", *, anonymise: bool = False) -> ForumReport:
    with read_session(engine) as session:
        return build_report(session=session, forum_id=forum_id, lang=lang, anonymise=anonymise)


@pytest.fixture
def room(engine: Engine) -> TableForum:
    return make_table_forum(engine)


def test_the_report_holds_the_summary_themes_and_every_vote_ranked(engine: Engine, room: TableForum) -> None:
    report = _report(engine, room.id)
    assert (report.lang, report.anonymised, report.used_themes, report.used_votes) == ("th", False, True, True)
    assert report.themes == [ThemeLine(THEME, 2)]
    assert [(vote.question, vote.dots_per_person) for vote in report.votes] == [("เรื่องไหนควรทำก่อน", 3), ("", 3)]
    second = [(o.label, o.dots, o.people, o.rank) for o in report.votes[1].options]
    assert second == [(THEME, 2, 2, 1), ("ไม่มีรถไปโรงพยาบาล", 1, 1, 2)]
    assert all(isinstance(option, OptionResult) for vote in report.votes for option in vote.options)
    assert report.summary.forum.id == room.id and report.summary.participant_total == 3


def test_a_forum_without_themes_or_votes_says_so(engine: Engine) -> None:
    report = _report(engine, saved_id(make_forum(engine).forum), "en")
    assert (report.themes, report.votes, report.used_themes, report.used_votes) == ([], [], False, False)
    assert report.lang == "en"


def test_an_unknown_forum_is_refused(engine: Engine) -> None:
    with pytest.raises(ForumNotFound):
        _report(engine, 999_999)


def test_anonymised_posts_and_commitments_read_as_the_authors_sector(engine: Engine, room: TableForum) -> None:
    """Names and organisations of participants go; organisations committing and leading items stay."""
    report = _report(engine, room.id, anonymise=True)
    assert report.anonymised
    items = [item for items in report.summary.contributions.values() for item in items]
    assert items and {item.author for item in items} <= SECTOR_NAMES
    assert all(item.organisation == "" for item in items)
    assert all(item.author == sector_label(item.sector, "th") for item in items)
    commitments = [c for row in report.summary.plan for c in row.commitments]
    assert [(c.organisation, c.author) for c in commitments] == [
        (COMMITTED_BY, "หน่วยงานรัฐ"),
        (VOLUNTEERS, "องค์กรชุมชน"),
    ]
    assert report.summary.plan[0].item.lead_organisation == LEAD
    shown = repr([items, commitments])
    assert not any(name in shown or organisation in shown for name, organisation in PEOPLE)
    assert report.summary.participants_by_sector == _report(engine, room.id).summary.participants_by_sector


def test_anonymised_leaves_the_summary_it_was_given_alone_and_speaks_the_language(
    engine: Engine, room: TableForum
) -> None:
    summary = _report(engine, room.id).summary
    english = anonymised(summary, "en")
    authors = {item.author for item in english.contributions[ContributionKind.ROOT_CAUSE]}
    assert authors == {"State agency", "Community organisation"}
    assert {item.author for item in summary.contributions[ContributionKind.ROOT_CAUSE]} == {PEOPLE[0][0], PEOPLE[1][0]}


def test_a_post_with_no_author_reads_as_a_participant(engine: Engine, room: TableForum) -> None:
    summary = _report(engine, room.id).summary
    first = summary.contributions[ContributionKind.FUND][0]
    orphaned = replace(summary, contributions={ContributionKind.FUND: [replace(first, sector=None)]})
    assert anonymised(orphaned, "th").contributions[ContributionKind.FUND][0].author == "ผู้เข้าร่วม"
    assert anonymised(orphaned, "en").contributions[ContributionKind.FUND][0].author == "Participant"
    assert sector_label(None, "th") == "ผู้เข้าร่วม"


def test_hidden_words_are_not_among_the_posts_the_report_lists(engine: Engine, room: TableForum) -> None:
    summary = _report(engine, room.id).summary
    assert all(HIDDEN_WORDS not in item.text for items in summary.contributions.values() for item in items)
    assert summary.moderation.hidden == 1 and summary.moderation.pending == 1


def test_a_vote_option_of_a_post_hidden_since_is_not_quoted(engine: Engine, room: TableForum) -> None:
    report = _report(engine, room.id)
    assert all(HIDDEN_WORDS not in option.label for vote in report.votes for option in vote.options)
