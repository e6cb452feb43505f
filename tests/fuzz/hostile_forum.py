"""A whole forum whose every text is generated, stored through the real services for the pages to draw.

A case holds a title, a venue, five tree labels, several people, up to twenty posts of each
kind, a few action items and commitments: about a hundred generated texts, so a few hundred
AppTest cases put tens of thousands of them in front of every page. `Seeded.texts` is what
the services stored of them (cleaned, refusals left out), which tests/fuzz/tally.py counts.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session

from facilitation.core.db import write_session
from facilitation.core.errors import ForumError
from facilitation.core.tokens import new_token
from facilitation.forum.commitments import add_commitment
from facilitation.forum.contributions import add_contribution
from facilitation.forum.forums import create_forum, set_stage
from facilitation.forum.participants import join_forum
from facilitation.forum.plans import create_action_item
from facilitation.forum.reveal import REVEAL_STAGES, reveal_stage, set_reveal_settings
from facilitation.tree import admin
from facilitation.tree.data import LABEL_KEYS
from models import (
    ActionItemCreate,
    CommitmentCreate,
    ContributionCreate,
    ContributionKind,
    Forum,
    ForumCreate,
    Participant,
    ParticipantCreate,
    Sector,
    Stage,
    saved_id,
)
from tests.factories import SILA
from tests.fuzz.strategies import storable_text

# Each field's limit, so a generated text is one the field accepts more often than not.
PLAN_LIMITS = {
    "activity": 300,
    "objective": 500,
    "target_group": 300,
    "lead_organisation": 200,
    "partners": 500,
    "indicator": 300,
    "expected_result": 500,
}
POSTS_PER_KIND = (8, 20)
SECTORS = (Sector.COMMUNITY, Sector.STATE)
forum_texts = st.fixed_dictionaries(
    {
        "title": storable_text(200),
        "venue": storable_text(200),
        "labels": st.tuples(*(storable_text(40) for _ in LABEL_KEYS)),
        "people": st.lists(st.tuples(storable_text(100), storable_text(100)), min_size=2, max_size=6),
        "posts": st.fixed_dictionaries(
            {
                kind: st.lists(storable_text(500), min_size=POSTS_PER_KIND[0], max_size=POSTS_PER_KIND[1])
                for kind in ContributionKind
            }
        ),
        "items": st.lists(
            st.fixed_dictionaries({name: storable_text(limit) for name, limit in PLAN_LIMITS.items()}),
            min_size=1,
            max_size=4,
        ),
        "pledges": st.lists(st.tuples(storable_text(100), storable_text(500)), min_size=1, max_size=4),
    }
)


def uniform(text: str, *, count: int = 2) -> dict[str, Any]:
    """A forum drawn the way forum_texts draws one, with `text` (cut to each field's limit) everywhere."""

    def cut(limit: int, index: int = 0) -> str:
        return text[: limit - 2] + "ก" + "กขคง"[index % 4]

    return {
        "title": cut(200),
        "venue": cut(200),
        "labels": tuple(cut(40, index) for index, _ in enumerate(LABEL_KEYS)),
        "people": [(cut(100, index), cut(100, index + 1)) for index in range(count)],
        "posts": {kind: [cut(500, index) for index in range(count)] for kind in ContributionKind},
        "items": [{name: cut(limit, index) for name, limit in PLAN_LIMITS.items()} for index in range(count)],
        "pledges": [(cut(100, index), cut(500, index)) for index in range(count)],
    }


@dataclass(frozen=True)
class Seeded:
    code: str
    key: str
    token: str
    forum_id: int
    duplicate_id: int  # a root cause merged into another: the tree page names where it went
    texts: frozenset[str]  # the generated texts as the services stored them


class _Store:
    """Calls services in one transaction, each in its own savepoint, keeping the texts they stored."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.texts: set[str] = set()

    def keep(self, *values: str) -> None:
        self.texts.update(value for value in values if value)

    def attempt(self, call: Callable[..., Any], **arguments: Any) -> Any:
        """`call(session=..., **arguments)`, or None when it refuses what it was given."""
        try:
            with self.session.begin_nested():
                return call(session=self.session, **arguments)
        except ForumError:  # a text the field refuses: the services' own properties cover refusals
            return None


def _people(store: _Store, code: str, pairs: list[tuple[str, str]]) -> list[tuple[Participant, str]]:
    joined: list[tuple[Participant, str]] = []
    for index, (name, organisation) in enumerate([*pairs, ("สมศรี", "อพม.")]):
        if index == len(pairs) and joined:
            break  # the fixed one only when every generated person was refused
        token = new_token()
        data = ParticipantCreate(display_name=name, organisation=organisation, sector=SECTORS[index % 2])
        member = store.attempt(join_forum, code=code, token=token, data=data, consent=True)
        if member is not None:
            store.keep(member.participant.display_name, member.participant.organisation)
            joined.append((member.participant, token))
    return joined


def _posts(store: _Store, people: list[Participant], texts: dict[ContributionKind, list[str]]) -> dict[Any, list[int]]:
    """Every generated post, people taking turns, and two fixed ones per kind so merges and ties always have theirs."""
    ids: dict[ContributionKind, list[int]] = {}
    for kind, values in texts.items():
        ids[kind] = []
        spares = [f"{kind.value} ผู้สูงอายุไม่มีรถไปโรงพยาบาล", f"{kind.value} ไม่มีคนดูแลตอนกลางวัน"]
        for index, text in enumerate([*values, *spares]):
            data = ContributionCreate(kind=kind, text=text)
            posted = store.attempt(add_contribution, participant=people[index % len(people)], data=data)
            if posted is not None and saved_id(posted.contribution) not in ids[kind]:
                if index < len(values):
                    store.keep(posted.contribution.text)
                ids[kind].append(saved_id(posted.contribution))
    return ids


def _stage(session: Session, forum_id: int, stage: Stage) -> None:
    forum = session.get(Forum, forum_id)
    assert forum is not None
    set_stage(session=session, forum=forum, stage=stage)


def _plan(store: _Store, forum_id: int, texts: list[dict[str, str]], ids: dict[Any, list[int]]) -> list[int]:
    """The generated action items: the first answers the tied path, each other one a post of every kind."""
    items: list[int] = []
    for index, fields in enumerate([*texts, {"activity": "รถรับส่ง"}]):
        if index == len(texts) and items:
            break  # the fixed one only when every generated item was refused
        linked = [posts[index % len(posts)] for posts in ids.values()]
        item = store.attempt(
            create_action_item, forum_id=forum_id, data=ActionItemCreate(**fields, contribution_ids=linked)
        )
        if item is not None:
            if index < len(texts):
                store.keep(*(getattr(item, name) for name in PLAN_LIMITS))
            items.append(saved_id(item))
    return items


def seed(engine: Engine, texts: dict[str, Any], stage: Stage) -> Seeded:
    """Everything a page can show, made of the drawn texts: people, posts, a merge, a tie, the plan, labels, pledges."""
    data = ForumCreate(title=texts["title"], venue=texts["venue"], forum_date=date(2027, 2, 18), **SILA)
    with write_session(engine) as session:
        created = create_forum(session=session, data=data)
    code, forum_id = created.forum.code, saved_id(created.forum)
    with write_session(engine) as session:
        # Revealed, phones listing others' posts too: every page that can show a post shows them.
        for where in REVEAL_STAGES:
            set_reveal_settings(
                session=session, forum_id=forum_id, stage=where, version=0,
                hold_until_revealed=True, phones_show_posts=True,
            )  # fmt: skip
            reveal_stage(session=session, forum_id=forum_id, stage=where, version=1)
    with write_session(engine) as session:
        store = _Store(session)
        store.keep(created.forum.title, created.forum.venue)
        people = _people(store, code, texts["people"])
        members = [participant for participant, _ in people]
        ids = _posts(store, members, texts["posts"])
        root, duplicate = ids[ContributionKind.ROOT_CAUSE][:2]
        fund, benefit = ids[ContributionKind.FUND][0], ids[ContributionKind.BENEFIT][0]
        admin.merge(session=session, forum_id=forum_id, keep_id=root, duplicate_ids=[duplicate])
        admin.tie(session=session, forum_id=forum_id, root_id=root, fund_id=fund, benefit_id=benefit)
        labels = dict(zip(LABEL_KEYS, texts["labels"], strict=True))
        relabelled = store.attempt(admin.set_tree_labels, forum_id=forum_id, labels=labels)
        if relabelled is not None:
            store.keep(*relabelled.tree_labels.values())
        ids[ContributionKind.ROOT_CAUSE].remove(duplicate)  # merged away: the plan links what is left
        items = _plan(store, forum_id, texts["items"], ids)
        _stage(session, forum_id, Stage.ACT)
        for index, (organisation, text) in enumerate(texts["pledges"]):
            pledge = CommitmentCreate(action_item_id=items[index % len(items)], organisation=organisation, text=text)
            made = store.attempt(add_commitment, participant=members[index % len(members)], data=pledge)
            if made is not None:
                store.keep(made.commitment.text, made.commitment.organisation)
        if stage != Stage.ACT:
            _stage(session, forum_id, stage)
    return Seeded(code, created.facilitator_token, people[0][1], forum_id, duplicate, frozenset(store.texts))
