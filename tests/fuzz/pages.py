"""A forum filled with hostile text through the real services, and what an AppTest page shows of it."""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import write_session
from facilitation.core.errors import ForumError
from facilitation.forum.commitments import add_commitment
from facilitation.forum.forums import create_forum, set_stage
from facilitation.forum.plans import create_action_item
from facilitation.tree import admin
from facilitation.tree.data import LABEL_KEYS
from models import (
    ActionItemCreate,
    CommitmentCreate,
    ContributionKind,
    Forum,
    ForumCreate,
    Participant,
    Sector,
    Stage,
    saved_id,
)
from tests.factories import SILA, join, post
from tests.fuzz.checks import figure_findings, html_findings, markdown_findings


@dataclass(frozen=True)
class Seeded:
    code: str
    key: str
    token: str
    forum_id: int
    duplicate_id: int  # a root cause merged into another: the tree page names where it went


def _posted(engine: Engine, who: Participant, text: str, kind: ContributionKind) -> int:
    try:
        return saved_id(post(engine, who, text, kind))
    except ForumError:  # a duplicate of an earlier text: store something else in its place
        return saved_id(post(engine, who, f"{kind.value} ก", kind))


def _stage(engine: Engine, forum_id: int, stage: Stage) -> None:
    with write_session(engine) as session:
        forum = session.get(Forum, forum_id)
        assert forum is not None
        set_stage(session=session, forum=forum, stage=stage)


def seed(engine: Engine, texts: dict[str, str], stage: Stage) -> Seeded:
    """Everything a page can show, each made of the drawn texts: people, posts, a merge, a tie, the plan, labels."""
    data = ForumCreate(title=texts["title"], venue=texts["venue"], forum_date=date(2027, 2, 18), **SILA)
    with write_session(engine) as session:
        created = create_forum(session=session, data=data)
    code, forum_id = created.forum.code, saved_id(created.forum)
    first = join(engine, code, name=texts["name"], organisation=texts["organisation"], sector=Sector.COMMUNITY)
    second = join(engine, code, name=texts["organisation"], organisation=texts["name"], sector=Sector.STATE)
    root = _posted(engine, first.participant, texts["root"], ContributionKind.ROOT_CAUSE)
    duplicate = _posted(engine, second.participant, texts["other"], ContributionKind.ROOT_CAUSE)
    fund = _posted(engine, second.participant, texts["fund"], ContributionKind.FUND)
    benefit = _posted(engine, first.participant, texts["benefit"], ContributionKind.BENEFIT)
    _posted(engine, first.participant, texts["other"], ContributionKind.OTHER)
    plan = ActionItemCreate(
        activity=texts["activity"],
        objective=texts["objective"],
        target_group=texts["target"],
        lead_organisation=texts["lead"],
        partners=texts["partners"],
        indicator=texts["indicator"],
        expected_result=texts["expected"],
        contribution_ids=[root, fund, benefit],
    )
    with write_session(engine) as session:
        admin.merge(session=session, forum_id=forum_id, keep_id=root, duplicate_ids=[duplicate])
        admin.tie(session=session, forum_id=forum_id, root_id=root, fund_id=fund, benefit_id=benefit)
        admin.set_tree_labels(session=session, forum_id=forum_id, labels=dict.fromkeys(LABEL_KEYS, texts["label"]))
        item_id = saved_id(create_action_item(session=session, forum_id=forum_id, data=plan))
    _stage(engine, forum_id, Stage.ACT)
    with write_session(engine) as session:
        pledge = CommitmentCreate(action_item_id=item_id, organisation=texts["organisation"], text=texts["pledge"])
        add_commitment(session=session, participant=first.participant, data=pledge)
    if stage != Stage.ACT:
        _stage(engine, forum_id, stage)
    return Seeded(code, created.facilitator_token, first.token, forum_id, duplicate)


# Elements whose text Streamlit reads as Markdown (labels of widgets, expanders and tabs too).
MARKDOWN_VALUES = {
    "markdown",
    "caption",
    "title",
    "header",
    "subheader",
    "error",
    "info",
    "success",
    "warning",
    "toast",
}


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def page_findings(at: AppTest, page: str) -> list[str]:
    """An exception, or markup made from input, anywhere on the page as AppTest sees it."""
    found = [f"{page}: exception {error.value}" for error in at.exception]
    for node in _nodes(at._tree):
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        texts = []
        if kind in MARKDOWN_VALUES:
            texts.append(str(node.value))
        label = getattr(node, "label", None)
        if isinstance(label, str):
            texts.append(label)
        if kind == "radio":
            texts += [str(option) for option in node.options]
        found += [f"{page} {kind}: {finding}" for text in texts for finding in markdown_findings(text)]
        if kind == "html" and proto is not None:
            body = proto.body
            if not (body.startswith("<style>") and "evil" not in body.lower()):
                found += [f"{page} html: {finding}" for finding in html_findings(body)]
        if kind == "plotly_chart" and proto is not None:
            found += [f"{page} chart: {finding}" for finding in figure_findings(json.loads(proto.spec))]
    return found
