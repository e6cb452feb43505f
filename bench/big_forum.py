"""A big forum in seconds, for the export benchmarks: rows inserted in bulk, shaped as the services shape them.

The forum itself, its reveals and its stage go through the services; people, posts, themes, the
vote, the plan, commitments and the moderation log are inserted many rows per statement, with
what the services would have written: statuses and versions as moderation leaves them, each
post's words cut as `add_contribution` cuts them, a closed vote whose ballots add up and keep
to the budget and cap, plan links that keep the words they were made with. Seeded: the same
arguments make the same forum.
"""

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session

from bench import big_forum_texts as words
from facilitation.core.i18n import THAI_TIME
from facilitation.core.tokens import hash_token, new_token
from facilitation.core.words import words_of
from facilitation.forum.forums import create_forum, set_stage
from facilitation.forum.moderation_log import BY_FILTER, FACILITATOR
from facilitation.forum.reveal import REVEAL_STAGES, reveal_stage
from facilitation.sample import data
from models import (
    ActionItem,
    ActionItemContribution,
    ActionItemTheme,
    Ballot,
    Commitment,
    Contribution,
    ContributionKind,
    ContributionStatus,
    ForumCreate,
    FundSource,
    ModerationAction,
    ModerationEvent,
    ModerationWords,
    OptionSubject,
    Participant,
    RegisteredPerson,
    Sector,
    Stage,
    Theme,
    ThemePost,
    Vote,
    VoteDot,
    VoteOption,
    VoteStatus,
    saved_id,
)

FORUM_DAY = data.FORUM_DATE  # 18 February 2570 B.E.
REGISTERED = 5  # people without phones, whose posts the facilitator typed
HIDDEN, REJECTED, APPROVED, WAITING = 6, 2, 5, 3
DOTS, CAP = 5, 2
FILTER_WORDS = ["หวย", "พนันบอล"]


def _at(hour: float) -> datetime:
    """A moment of the forum's day, `hour` hours after midnight in Thailand, in UTC."""
    start = datetime(FORUM_DAY.year, FORUM_DAY.month, FORUM_DAY.day, tzinfo=THAI_TIME)
    return (start + timedelta(hours=hour)).astimezone(UTC)


def _insert(session: Session, table: type[Any], rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert `rows` in one statement per batch; the new ids in the rows' order (none for tables without one)."""
    if not rows:
        return []
    if "id" not in table.__table__.c:
        session.execute(insert(table), list(rows))
        return []
    statement = insert(table).returning(table.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, list(rows)))


def _participants(session: Session, rng: random.Random, forum_id: int, count: int) -> list[dict[str, Any]]:
    sectors = list(words.SECTOR_WEIGHTS)
    rows = []
    for index in range(count):
        sector = rng.choices(sectors, weights=list(words.SECTOR_WEIGHTS.values()))[0]
        moment = _at(8.5 + 0.5 * index / max(count, 1))
        rows.append(
            {
                "forum_id": forum_id,
                "display_name": f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}",
                "organisation": rng.choice(words.ORGANISATIONS[sector]) if rng.random() < 0.85 else "",
                "sector": Sector(sector),
                # The last few registered at the console: no phone, so no token.
                "token_hash": hash_token(new_token()) if index < count - REGISTERED else None,
                "consented_at": moment,
                "created_at": moment,
                "updated_at": moment,
            }
        )
    for row, new_id in zip(rows, _insert(session, Participant, rows), strict=True):
        row["id"] = new_id
    registered = [
        {"participant_id": row["id"], "forum_id": forum_id, "form_key": new_token(), "created_at": row["created_at"]}
        for row in rows
        if row["token_hash"] is None
    ]
    _insert(session, RegisteredPerson, registered)
    return rows


def _post_text(rng: random.Random, kind: str) -> str:
    roll = rng.random()
    if roll < 0.12:
        return rng.choice(words.SHORT_POSTS)
    if roll < 0.14:
        return rng.choice(words.FORMULA_LIKE)
    village, moo = rng.choice(words.VILLAGES), rng.randint(1, 12)
    opener = rng.choice(words.OPENERS).format(village=village, moo=moo)
    tail = rng.choice(words.TAILS).format(village=village, moo=moo)
    text = opener + rng.choice(words.STEMS[kind]) + tail
    if roll > 0.88:  # a long one: the person went on about a second thing
        text += " อีกเรื่องคือ " + rng.choice(words.STEMS[rng.choice(list(words.STEMS))])
    return text[:500]


def _contributions(
    session: Session, rng: random.Random, forum_id: int, people: list[dict[str, Any]], count: int
) -> list[dict[str, Any]]:
    kinds = list(words.KIND_WEIGHTS)
    taken: set[tuple[int, str, str]] = set()
    rows: list[dict[str, Any]] = []
    while len(rows) < count:
        kind = rng.choices(kinds, weights=list(words.KIND_WEIGHTS.values()))[0]
        author = rng.choice(people)["id"]
        text = _post_text(rng, kind)
        if (author, kind, text) in taken:  # the kept-text index allows one copy per author and kind
            text = f"{text} (หมู่ {rng.randint(1, 12)})"
            if (author, kind, text) in taken:
                continue
        taken.add((author, kind, text))
        moment = _at(9 + 3 * len(rows) / count)
        rows.append(
            {
                "forum_id": forum_id,
                "participant_id": author,
                "kind": ContributionKind(kind),
                "text": text,
                "words": list(words_of(text)),
                "status": ContributionStatus.VISIBLE,
                "in_tree": True,
                "version": 1,
                "created_at": moment,
                "updated_at": moment,
            }
        )
    # Moderation leaves its marks: each decision bumps the post's version.
    picked = rng.sample(range(count), HIDDEN + REJECTED + APPROVED + WAITING + count // 100)
    for position, index in enumerate(picked):
        row = rows[index]
        if position < HIDDEN + REJECTED:
            row.update(status=ContributionStatus.HIDDEN, version=2)
        elif position < HIDDEN + REJECTED + APPROVED:
            row.update(version=2)
        elif position < HIDDEN + REJECTED + APPROVED + WAITING:
            row.update(status=ContributionStatus.PENDING)
        else:
            row.update(status=ContributionStatus.WITHDRAWN, version=2)  # the author's own withdrawal
        row["moderation"] = position
    for row, new_id in zip(rows, _insert(session, Contribution, [_columns(r) for r in rows]), strict=True):
        row["id"] = new_id
    return rows


def _columns(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key != "moderation"}


def _moderation_log(session: Session, rng: random.Random, forum_id: int, posts: list[dict[str, Any]]) -> None:
    events: list[dict[str, Any]] = []

    def event(action: ModerationAction, post: dict[str, Any] | None, hour: float, **values: str) -> None:
        line: dict[str, Any] = {
            "forum_id": forum_id,
            "action": action,
            "at": _at(hour),
            "by_role": FACILITATOR,
            "reason": "",
        }
        line |= {"detail": "", "contribution_id": None, "participant_id": None} | values
        if post is not None:
            line |= {"contribution_id": post["id"], "participant_id": post["participant_id"]}
        events.append(line)

    event(ModerationAction.WORDS_CHANGED, None, 8.8, detail=", ".join(FILTER_WORDS))
    moderated = sorted((row for row in posts if "moderation" in row), key=lambda row: row["moderation"])
    for row in moderated:
        position, hour = row["moderation"], row["created_at"].astimezone(THAI_TIME).hour + 0.2
        if position < HIDDEN:
            event(ModerationAction.HIDDEN, row, hour, reason=rng.choice(words.HIDE_REASONS))
        elif position < HIDDEN + REJECTED + APPROVED + WAITING:
            event(ModerationAction.HELD, row, hour - 0.1, by_role=BY_FILTER, detail=FILTER_WORDS[position % 2])
            if position < HIDDEN + REJECTED:
                event(ModerationAction.REJECTED, row, hour, reason=rng.choice(words.HIDE_REASONS))
            elif position < HIDDEN + REJECTED + APPROVED:
                event(ModerationAction.APPROVED, row, hour)
    _insert(session, ModerationEvent, events)
    _insert(session, ModerationWords, [{"forum_id": forum_id, "words": FILTER_WORDS, "updated_at": _at(8.8)}])


def _themes(
    session: Session, rng: random.Random, forum_id: int, posts: list[dict[str, Any]], count: int
) -> list[dict[str, Any]]:
    names = [words.THEME_NAMES[i % len(words.THEME_NAMES)] for i in range(count)]
    names = [name if i < len(words.THEME_NAMES) else f"{name} ({i + 1})" for i, name in enumerate(names)]
    rows: list[dict[str, Any]] = [
        {"forum_id": forum_id, "name": name, "version": 2, "created_at": _at(12.2), "updated_at": _at(12.3)}
        for name in names
    ]
    for row, new_id in zip(rows, _insert(session, Theme, rows), strict=True):
        row["id"] = new_id
        row["posts"] = []
    # About a third of the showing posts are grouped, each in one theme at most.
    showing = [row for row in posts if row["status"] == ContributionStatus.VISIBLE]
    for post in rng.sample(showing, len(showing) // 3):
        rng.choice(rows)["posts"].append(post["id"])
    links = [
        {"contribution_id": post_id, "theme_id": theme["id"], "added_at": _at(12.3)}
        for theme in rows
        for post_id in theme["posts"]
    ]
    _insert(session, ThemePost, links)
    return [theme for theme in rows if theme["posts"]]


def _vote(
    session: Session, rng: random.Random, forum_id: int, themes: list[dict[str, Any]], people: list[dict[str, Any]]
) -> None:
    """One closed, revealed vote over the themes (at most 40 options, as the console allows)."""
    vote_id = _insert(
        session,
        Vote,
        [
            {
                "forum_id": forum_id,
                "question": "ประเด็นใดควรทำก่อน",
                "dots_per_person": DOTS,
                "cap_per_option": CAP,
                "status": VoteStatus.CLOSED,
                "revealed": True,
                "creation_key": new_token(),
                "version": 3,  # opened, closed, revealed
                "opened_at": _at(12.5),
                "closed_at": _at(12.9),
                "revealed_at": _at(12.95),
                "updated_at": _at(12.95),
            }
        ],
    )[0]
    chosen = themes[:40]
    option_rows = [
        {"vote_id": vote_id, "subject_kind": OptionSubject.THEME, "subject_id": t["id"], "label": t["name"]}
        | {"position": n}
        for n, t in enumerate(chosen)
    ]
    options = _insert(session, VoteOption, option_rows)
    # Popular themes draw more dots: a weight per option, so the ranking has a clear top.
    weights = [1 / (n + 1) for n in range(len(options))]
    ballots, dots = [], []
    for person in people:
        if person["token_hash"] is None or rng.random() < 0.2:
            continue  # people without phones do not vote, and some never do
        spent: dict[int, int] = {}
        for _ in range(rng.randint(1, DOTS)):
            option = rng.choices(options, weights=weights)[0]
            if spent.get(option, 0) < CAP:
                spent[option] = spent.get(option, 0) + 1
        ballots.append(
            {"vote_id": vote_id, "participant_id": person["id"], "budget": DOTS, "used": sum(spent.values())}
        )
        dots += [
            {"option_id": option, "participant_id": person["id"], "vote_id": vote_id, "cap": CAP, "dots": count}
            for option, count in spent.items()
        ]
    _insert(session, Ballot, ballots)
    _insert(session, VoteDot, dots)


def _plan(
    session: Session,
    rng: random.Random,
    forum_id: int,
    count: int,
    posts: list[dict[str, Any]],
    themes: list[dict[str, Any]],
) -> list[int]:
    """`count` action items over two Buddhist-era years, each tied to a few posts and a theme or two."""
    organisations = [name for names in words.ORGANISATIONS.values() for name in names]
    rows = []
    for index in range(count):
        start = date(FORUM_DAY.year, 3, 1) + timedelta(days=rng.randint(0, 270))
        end = start + timedelta(days=rng.randint(60, 420))  # many run into the next year (2571)
        lead = rng.choice(organisations)
        village, n = rng.choice(words.VILLAGES), rng.randint(10, 300)
        rows.append(
            {
                "forum_id": forum_id,
                "activity": f"{words.ACTIVITIES[index % len(words.ACTIVITIES)]} {village}",
                "objective": rng.choice(words.OBJECTIVES),
                "target_group": rng.choice(words.TARGETS).format(n=n),
                "area": rng.choice(("", f"หมู่ {rng.randint(1, 12)}", village)),
                "lead_organisation": lead,
                "partners": ", ".join(rng.sample([o for o in organisations if o != lead], rng.randint(1, 4))),
                "budget_baht": rng.randint(5, 500) * 1000,
                "fund_source": rng.choice(list(FundSource)),
                "start_date": start,
                "end_date": end,
                "indicator": rng.choice(words.INDICATORS).format(p=rng.choice((70, 80, 90)), n=n),
                "expected_result": rng.choice(words.RESULTS),
                "version": 1,
                "created_at": _at(13 + index / max(count, 1)),
                "updated_at": _at(13 + index / max(count, 1)),
            }
        )
    ids = _insert(session, ActionItem, rows)
    showing = [row for row in posts if row["status"] == ContributionStatus.VISIBLE]
    answers = [
        {"action_item_id": item_id, "contribution_id": post["id"], "linked_kind": post["kind"].value}
        | {"linked_text": post["text"], "linked_version": post["version"]}
        for item_id in ids
        for post in rng.sample(showing, min(len(showing), rng.randint(2, 5)))
    ]
    _insert(session, ActionItemContribution, answers)
    tied = [
        {"action_item_id": item_id, "theme_id": theme["id"], "linked_name": theme["name"]}
        for item_id in ids
        for theme in rng.sample(themes, min(len(themes), rng.randint(1, 2)))
    ]
    _insert(session, ActionItemTheme, tied)
    return ids


def _commitments(
    session: Session, rng: random.Random, forum_id: int, items: list[int], people: list[dict[str, Any]]
) -> None:
    phones = [person for person in people if person["token_hash"] is not None]
    rows = []
    for index, item_id in enumerate(items):
        for person in rng.sample(phones, min(len(phones), rng.randint(2, 4))):
            template = rng.choice(words.COMMITMENTS)
            text = template.format(baht=rng.randint(1, 50) * 1000, n=rng.randint(1, 10), moo=rng.randint(1, 12))
            moment = _at(14 + 1.5 * index / max(len(items), 1))
            rows.append(
                {
                    "forum_id": forum_id,
                    "action_item_id": item_id,
                    "participant_id": person["id"],
                    "organisation": person["organisation"],
                    "text": text,
                    "created_at": moment,
                    "updated_at": moment,
                }
            )
    _insert(session, Commitment, rows)


def make_big_forum(
    session: Session,
    *,
    contributions: int = 5000,
    action_items: int = 50,
    participants: int = 500,
    themes: int = 40,
    seed: int = 1,
) -> int:
    """Create a forum of this size in `session` (the caller commits); returns its id."""
    rng = random.Random(seed)
    created = create_forum(
        session=session,
        data=ForumCreate(
            title=f"{data.TITLE_TH} (เวทีใหญ่ {contributions:,} ข้อความ)",
            province_code=data.PROVINCE_CODE,
            district_code=data.DISTRICT_CODE,
            tambon_code=data.TAMBON_CODE,
            forum_date=FORUM_DAY,
            venue=data.VENUE,
        ),
    )
    session.flush()
    forum_id = saved_id(created.forum)
    for stage in REVEAL_STAGES:
        reveal_stage(session=session, forum_id=forum_id, stage=stage, version=0)
    people = _participants(session, rng, forum_id, max(participants, REGISTERED + 2))
    posts = _contributions(session, rng, forum_id, people, contributions)
    _moderation_log(session, rng, forum_id, posts)
    grouped = _themes(session, rng, forum_id, posts, themes)
    if len(grouped) >= 2:
        _vote(session, rng, forum_id, grouped, people)
    items = _plan(session, rng, forum_id, action_items, posts, grouped)
    _commitments(session, rng, forum_id, items, people)
    set_stage(session=session, forum=created.forum, stage=Stage.ACT)
    return forum_id
