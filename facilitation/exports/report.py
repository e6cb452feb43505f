"""What every filed export holds (PDF, Word, Excel): the summary, themes and votes, optionally anonymised."""

from dataclasses import dataclass, replace

from sqlmodel import Session, col, select

from facilitation.core.i18n import t
from facilitation.exports.summary import ForumSummary, build_summary
from facilitation.forum.contributions import FeedItem
from facilitation.forum.plans import PlanRow
from facilitation.forum.themes import live_themes, visible_post_counts
from facilitation.forum.votes import OptionResult, results
from models import Contribution, ContributionStatus, OptionSubject, Sector, Vote, VoteOption, saved_id


@dataclass(frozen=True)
class ThemeLine:
    name: str
    posts: int  # visible posts in it now


@dataclass(frozen=True)
class VoteResult:
    """One dot vote the forum held, with every option ranked."""

    question: str
    dots_per_person: int
    options: list[OptionResult]


@dataclass(frozen=True)
class ForumReport:
    summary: ForumSummary
    themes: list[ThemeLine]
    votes: list[VoteResult]  # in the order they were opened
    lang: str
    anonymised: bool  # participants' names and organisations replaced by their sector

    @property
    def used_themes(self) -> bool:
        return bool(self.themes)

    @property
    def used_votes(self) -> bool:
        return bool(self.votes)


def _sector_name(sector: Sector | None, lang: str) -> str:
    return t(f"sector_{sector.value}", lang) if sector else t("export_anonymous", lang)


def anonymised(summary: ForumSummary, lang: str) -> ForumSummary:
    """`summary` with each participant's name and organisation replaced by their sector.

    Action items' lead organisations and commitments' organisations stay: they are public commitments.
    """

    def post(item: FeedItem) -> FeedItem:
        return replace(item, author=_sector_name(item.sector, lang), organisation="")

    def row(plan_row: PlanRow) -> PlanRow:
        return replace(
            plan_row,
            commitments=[replace(c, author=_sector_name(c.sector, lang)) for c in plan_row.commitments],
        )

    return replace(
        summary,
        contributions={kind: [post(item) for item in items] for kind, items in summary.contributions.items()},
        plan=[row(plan_row) for plan_row in summary.plan],
    )


def _hidden_options(session: Session, forum_id: int) -> set[int]:
    """Options that stand for a post the facilitator has hidden since the vote opened."""
    found = session.exec(
        select(VoteOption.id)
        .join(Vote, col(Vote.id) == VoteOption.vote_id)
        .join(Contribution, col(Contribution.id) == VoteOption.subject_id)
        .where(
            Vote.forum_id == forum_id,
            VoteOption.subject_kind == OptionSubject.POST,
            Contribution.status == ContributionStatus.HIDDEN,
        )
    )
    return {option_id for option_id in found if option_id is not None}


def _unquoted(options: list[OptionResult], hidden: set[int], lang: str) -> list[OptionResult]:
    # An option copies its post's words when the vote opens: a post hidden since is not quoted.
    return [replace(o, label=t("plan_answer_hidden", lang)) if o.option_id in hidden else o for o in options]


def build_report(*, session: Session, forum_id: int, lang: str, anonymise: bool = False) -> ForumReport:
    """Everything a filed export shows, read in one snapshot."""
    summary = build_summary(session=session, forum_id=forum_id)
    # Names and counts only: the theme board would also read every post's words.
    counts = visible_post_counts(session=session, forum_id=forum_id)
    themes = live_themes(session=session, forum_id=forum_id)
    votes = session.exec(select(Vote).where(Vote.forum_id == forum_id).order_by(col(Vote.id))).all()
    hidden = _hidden_options(session, forum_id) if votes else set()
    return ForumReport(
        summary=anonymised(summary, lang) if anonymise else summary,
        themes=[ThemeLine(theme.name, counts.get(saved_id(theme), 0)) for theme in themes],
        votes=[
            VoteResult(
                vote.question,
                vote.dots_per_person,
                _unquoted(results(session=session, vote_id=saved_id(vote)), hidden, lang),
            )
            for vote in votes
        ],
        lang=lang,
        anonymised=anonymise,
    )


def sector_label(sector: Sector | None, lang: str) -> str:
    """What an anonymised export shows in place of a participant's name or organisation: their sector."""
    return _sector_name(sector, lang)
