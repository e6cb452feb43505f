"""The tree's read gives what a plain reading of every contribution gives, on the sample forum and a large one.

`reference_tree` below reads every contribution as an ORM row and works the tree out in
Python, the obvious way. The service reads columns and lets the database group and rank;
for the sample forum and a generated forum of 2,000 items (merges, chains, hidden items,
withdrawn nodes, anonymous entries, chosen and odd categories, plan links and ties), its
data, layouts and figures must be the same.
"""

import random
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import closing
from itertools import product
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, update
from sqlmodel import Session, col, select

from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.migrate import upgrade
from facilitation.forum.contributions import add_contribution, withdraw_contribution
from facilitation.forum.participants import join_forum
from facilitation.forum.plans import create_action_item, delete_action_item
from facilitation.forum.themes import create_theme, merge_themes, ungroup_theme
from facilitation.sample import data as sample_data
from facilitation.sample.load import load_sample_forum
from facilitation.tree.admin import merge, recategorise, set_category, set_in_tree, set_tree_labels, tie
from facilitation.tree.categories import CATEGORY_KEYS, suggest_category
from facilitation.tree.data import (
    PART_OF_KIND,
    PART_ORDER,
    TreeData,
    TreeItem,
    TreePath,
    Triple,
    part_labels,
    tree_data,
)
from facilitation.tree.view import TreeView, draw_tree, forum_tree
from models import (
    ActionItem,
    ActionItemContribution,
    Contribution,
    ContributionCreate,
    ContributionKind,
    ContributionStatus,
    Forum,
    Participant,
    ParticipantCreate,
    Sector,
    Theme,
    ThemePost,
    TreeTie,
    saved_id,
)
from tests.factories import make_forum
from tests.postgres import temporary_postgres, unavailable
from tests.unit.helpers import item_data

KINDS = (ContributionKind.ROOT_CAUSE, ContributionKind.FUND, ContributionKind.BENEFIT, ContributionKind.OTHER)
PROJECTOR: dict[str, Any] = {"width": 1440, "height": 780, "min_font": 20}
VIEWS: tuple[dict[str, Any], ...] = ({}, {"width": 1000}, PROJECTOR)  # the tree page, the phone, the projector


def reference_tree(session: Session, forum_id: int, lang: str) -> TreeData:
    """The tree worked out from every visible contribution of the forum, one ORM row at a time."""
    forum = session.get(Forum, forum_id)
    assert forum is not None
    query = (
        select(Contribution, Participant.sector)
        .join(Participant, isouter=True)
        .where(Contribution.forum_id == forum_id, Contribution.status == ContributionStatus.VISIBLE)
    )
    rows = {saved_id(c): (c, sector) for c, sector in session.exec(query) if c.kind in PART_OF_KIND}

    def node(c: Contribution) -> Contribution:
        target = rows.get(c.merged_into_id) if c.merged_into_id is not None else None
        if target is None or target[0].kind != c.kind or target[0].merged_into_id is not None:
            return c
        return target[0]

    groups: dict[int, list[Contribution]] = {}
    for contribution_id in sorted(rows):
        top = node(rows[contribution_id][0])
        if top.in_tree:
            groups.setdefault(saved_id(top), [top])
            if saved_id(top) != contribution_id:
                groups[saved_id(top)].append(rows[contribution_id][0])
    live = select(ThemePost.contribution_id, Theme).join(Theme)
    theme_of = {
        post: theme for post, theme in session.exec(live) if theme.forum_id == forum_id and theme.dissolved_at is None
    }

    def category_of(head: Contribution) -> str:
        return head.category if head.category in CATEGORY_KEYS else suggest_category(head.text)

    # A node in a theme is drawn in its theme's node for its part; the rest stand on their own.
    bundles: dict[object, list[int]] = {}
    for node_id in groups:
        theme = theme_of.get(node_id)
        key = node_id if theme is None else (theme.id, PART_OF_KIND[ContributionKind(groups[node_id][0].kind)])
        bundles.setdefault(key, []).append(node_id)
    items = []
    members_of: dict[int, list[Contribution]] = {}
    for node_ids in bundles.values():
        head = groups[min(node_ids)][0]  # a theme's node takes the id of its oldest node
        members = sorted((c for node_id in node_ids for c in groups[node_id]), key=saved_id)
        people = {c.participant_id: rows[saved_id(c)][1] for c in members if c.participant_id is not None}
        weight = len(people) + sum(1 for c in members if c.participant_id is None)
        counts = Counter(Sector(s) for s in people.values() if s is not None)
        sectors = {s: counts[s] for s in Sector if counts[s]}
        top_count = max(sectors.values(), default=0)
        part = PART_OF_KIND[ContributionKind(head.kind)]
        theme = theme_of.get(saved_id(head))
        category = None
        if part == "fruit" and theme is None:
            category = category_of(head)
        elif part == "fruit":
            votes = Counter(category_of(groups[node_id][0]) for node_id in node_ids for _ in groups[node_id])
            category = max(CATEGORY_KEYS, key=lambda key: (votes[key], -CATEGORY_KEYS.index(key)))
        items.append(
            TreeItem(
                id=saved_id(head),
                part=part,
                kind=ContributionKind(head.kind),
                text=head.text if theme is None else theme.name,
                weight=weight,
                sector=next((s for s, n in sectors.items() if n == top_count), None),
                sectors=sectors,
                category=category,
                merged_ids=tuple(saved_id(c) for c in members if saved_id(c) != saved_id(head)),
                theme_id=None if theme is None else theme.id,
            )
        )
        members_of[saved_id(head)] = members
    items.sort(key=lambda i: (PART_ORDER[i.part], -i.weight, i.id))
    node_of = {saved_id(c): item for item in items for c in members_of[item.id]}
    answers: dict[int, dict[str, set[int]]] = defaultdict(lambda: {"root": set(), "trunk": set(), "fruit": set()})
    for link, action in session.exec(select(ActionItemContribution, ActionItem).join(ActionItem)):
        if action.forum_id == forum_id and action.deleted_at is None and link.contribution_id in node_of:
            found = node_of[link.contribution_id]
            answers[link.action_item_id][found.part].add(found.id)
    from_actions: set[Triple] = set()
    for parts in answers.values():
        if sum(1 for ids in parts.values() if ids) >= 2:
            roots, funds, benefits = (sorted(ids) if ids else [None] for ids in parts.values())
            from_actions.update(product(roots, funds, benefits))
    from_ties: set[Triple] = set()
    for made in session.exec(select(TreeTie).where(TreeTie.forum_id == forum_id)):
        ends = (("root", made.root_id), ("trunk", made.fund_id), ("fruit", made.benefit_id))
        on_tree = [(part, node_of.get(end) if end is not None else None) for part, end in ends]
        root, fund, benefit = (item.id if item is not None and item.part == part else None for part, item in on_tree)
        if sum(1 for end in (root, fund, benefit) if end is not None) >= 2:
            from_ties.add((root, fund, benefit))
    paths = [TreePath(*ends, source="action") for ends in from_actions]
    paths += [TreePath(*ends, source="tie") for ends in from_ties - from_actions]
    paths.sort(
        key=lambda p: (*(-1 if v is None else v for v in (p.root_id, p.fund_id, p.benefit_id)), p.source == "tie")
    )
    return TreeData(items=tuple(items), paths=tuple(paths), labels=part_labels(forum.tree_labels or {}, lang))


def _people(session: Session, forum: Forum, count: int, rng: random.Random) -> list[Participant]:
    people = []
    for index in range(count):
        member = join_forum(
            session=session,
            code=forum.code,
            token=f"token-{index:04d}-{rng.random()}",
            data=ParticipantCreate(display_name=f"คนที่ {index}", organisation="", sector=rng.choice(list(Sector))),
            consent=True,
        )
        people.append(member.participant)
    return people


def build_large_forum(engine: Engine, items: int = 2000, seed: int = 7) -> int:
    """A forum of `items` contributions tidied the many ways a facilitator and the room leave one."""
    rng = random.Random(seed)
    forum = make_forum(engine).forum
    forum_id = saved_id(forum)
    texts = [c.text for c in sample_data.CONTRIBUTIONS]
    with write_session(engine) as session:
        people = _people(session, forum, 150, rng)
        made: list[Contribution] = []
        for index in range(items):
            kind = rng.choice(KINDS)
            # Some texts repeat across people; a number keeps one person's posts apart.
            text = rng.choice(texts) if rng.random() < 0.3 else f"{rng.choice(texts)} ({index})"
            data = ContributionCreate(kind=kind, text=text)
            made.append(add_contribution(session=session, participant=rng.choice(people), data=data).contribution)
        for index in range(60):  # entries typed for people without a phone
            row = Contribution(forum_id=forum_id, kind=rng.choice(KINDS), text=f"{rng.choice(texts)} [{index}]")
            session.add(row)
            made.append(row)
    ids = {kind: [saved_id(c) for c in made if c.kind == kind] for kind in KINDS}
    with write_session(engine) as session:
        for _ in range(250):  # duplicates, some merged twice over (merge re-points them)
            kind = rng.choice(KINDS[:3])
            keep, *duplicates = rng.sample(ids[kind], rng.randint(2, 6))
            merge(session=session, forum_id=forum_id, keep_id=keep, duplicate_ids=duplicates)
        for contribution_id in rng.sample(ids[ContributionKind.BENEFIT], 80):
            category = rng.choice([*CATEGORY_KEYS, None])
            set_category(session=session, forum_id=forum_id, contribution_id=contribution_id, category=category)
        for contribution_id in rng.sample([i for kind in KINDS[:3] for i in ids[kind]], 60):
            set_in_tree(session=session, forum_id=forum_id, contribution_id=contribution_id, shown=False)
        for contribution_id in rng.sample(ids[ContributionKind.OTHER], 40):
            kind = rng.choice(KINDS[:3])
            recategorise(session=session, forum_id=forum_id, contribution_id=contribution_id, kind=kind)
        set_tree_labels(session=session, forum_id=forum_id, labels={"roots": "ต้นเหตุ", "fruits": "ดอกผล"})
    every = [saved_id(c) for c in made]
    with write_session(engine) as session:
        authored = [c for c in made if c.participant_id is not None]
        for row in rng.sample(authored, 40):  # withdrawn by the author: duplicates are handed on
            author = session.get(Participant, row.participant_id)
            assert author is not None
            current = session.get(Contribution, saved_id(row))
            if current is not None and current.status == ContributionStatus.VISIBLE:
                withdraw_contribution(session=session, participant=author, contribution_id=saved_id(row))
        # States only a race or older data leave: a node withdrawn or moved behind its duplicates'
        # back, a chain of two merges, a category no longer in the list.
        chosen = rng.sample(every, 90)
        session.exec(
            update(Contribution)
            .where(col(Contribution.id).in_(chosen[:30]))
            .values(status=ContributionStatus.WITHDRAWN)
        )
        session.exec(
            update(Contribution).where(col(Contribution.id).in_(chosen[30:45])).values(kind=ContributionKind.FUND)
        )
        for duplicate, node in zip(chosen[45:60], chosen[60:75], strict=True):
            session.exec(update(Contribution).where(col(Contribution.id) == duplicate).values(merged_into_id=node))
        session.exec(update(Contribution).where(col(Contribution.id).in_(chosen[75:])).values(category="ghost"))
    with write_session(engine) as session:
        visible = {
            kind: list(
                session.exec(
                    select(Contribution.id).where(
                        Contribution.forum_id == forum_id,
                        Contribution.kind == kind,
                        Contribution.status == ContributionStatus.VISIBLE,
                    )
                )
            )
            for kind in KINDS[:3]
        }
        for index in range(20):
            linked = [i for kind in KINDS[:3] for i in rng.sample(visible[kind], rng.randint(0, 3))]
            item = create_action_item(
                session=session, forum_id=forum_id, data=item_data(f"งาน {index}", contribution_ids=linked)
            )
            if index % 7 == 6:
                delete_action_item(session=session, forum_id=forum_id, item_id=saved_id(item))
        # An item set aside shares its answers with live ones: only the live ones draw paths.
        root, fund, benefit = (visible[kind][0] for kind in KINDS[:3])
        for activity, answers in (("งานหนึ่ง", [root, fund]), ("งานสอง", [fund, benefit])):
            create_action_item(session=session, forum_id=forum_id, data=item_data(activity, contribution_ids=answers))
        aside = create_action_item(
            session=session, forum_id=forum_id, data=item_data("งานที่พักไว้", contribution_ids=[root, benefit])
        )
        delete_action_item(session=session, forum_id=forum_id, item_id=saved_id(aside))
        for _ in range(40):
            slots = [rng.choice(visible[kind]) if rng.random() < 0.75 else None for kind in KINDS[:3]]
            if sum(1 for slot in slots if slot is not None) >= 2:
                root, fund, benefit = slots
                tie(session=session, forum_id=forum_id, root_id=root, fund_id=fund, benefit_id=benefit)
    _group_into_themes(engine, forum_id, rng)
    return forum_id


def _group_into_themes(engine: Engine, forum_id: int, rng: random.Random) -> None:
    """Themes of every sort: mixed kinds, duplicates and their nodes, posts on paths, hidden ones, merged, ungrouped."""
    with write_session(engine) as session:
        visible = list(
            session.exec(
                select(Contribution.id).where(
                    Contribution.forum_id == forum_id, Contribution.status == ContributionStatus.VISIBLE
                )
            )
        )
        paths = tree_data(session=session, forum_id=forum_id, lang="th").paths
        on_paths = [end for path in paths for end in (path.root_id, path.fund_id, path.benefit_id)]
        hidden = list(
            session.exec(
                select(Contribution.id).where(
                    Contribution.forum_id == forum_id,
                    Contribution.status == ContributionStatus.VISIBLE,
                    col(Contribution.in_tree).is_(False),
                )
            )
        )
        free = set(visible) - set(hidden)
        made = []
        for index in range(30):
            chosen = set(rng.sample(sorted(free), rng.randint(2, 9)))
            if index % 3 == 0:  # a post on a path: its line now runs to the theme's node
                chosen |= {end for end in rng.sample(on_paths, 2) if end is not None and end in free}
            free -= chosen
            made.append(
                create_theme(session=session, forum_id=forum_id, name=f"ประเด็น {index}", contribution_ids=chosen)
            )
        create_theme(session=session, forum_id=forum_id, name="ซ่อนทั้งหมด", contribution_ids=hidden[:3])
        for merged, into in zip(made[:4], made[4:8], strict=True):
            merge_themes(
                session=session, forum_id=forum_id, theme_id=saved_id(merged), version=1, into_id=saved_id(into)
            )
        ungroup_theme(session=session, forum_id=forum_id, theme_id=saved_id(made[-1]), version=1)
    with write_session(engine) as session:  # posts in a theme withdrawn behind its back
        grouped = list(session.exec(select(ThemePost.contribution_id).order_by(col(ThemePost.contribution_id))))
        session.exec(
            update(Contribution)
            .where(col(Contribution.id).in_(rng.sample(grouped, 10)))
            .values(status=ContributionStatus.WITHDRAWN)
        )


@pytest.fixture(scope="module")
def forums(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[tuple[Engine, list[int]]]:
    """One database holding the sample forum and a generated forum of 2,000 items, built once."""
    path = tmp_path_factory.mktemp("reference") / "forum.db"
    with closing(sqlite3.connect(migrated_template)) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    engine = make_engine(f"sqlite:///{path}")
    with write_session(engine) as session:
        sample_id = saved_id(load_sample_forum(session=session).forum)
    yield engine, [sample_id, build_large_forum(engine)]
    engine.dispose()


def _figures(view: TreeView) -> tuple[str, str]:
    return view.tree.to_json(), view.sankey("th").to_json()


def assert_data_is_the_reference(engine: Engine, forum_ids: list[int], lang: str) -> None:
    for forum_id in forum_ids:
        with read_session(engine) as session:
            assert tree_data(session=session, forum_id=forum_id, lang=lang) == reference_tree(session, forum_id, lang)


def assert_views_are_the_reference(engine: Engine, forum_ids: list[int], size: dict[str, Any]) -> None:
    for forum_id in forum_ids:
        with read_session(engine) as session:
            view = forum_tree(session=session, forum_id=forum_id, lang="th", **size)
            expected = draw_tree(reference_tree(session, forum_id, "th"), lang="th", **size)
        assert view.layout == expected.layout
        assert _figures(view) == _figures(expected)


def statements_per_read(engine: Engine, forum_ids: list[int]) -> list[int]:
    """How many statements reading each forum's tree takes, for each screen."""
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    counts = []
    event.listen(engine, "before_cursor_execute", count)
    try:
        for forum_id in forum_ids:
            for size in VIEWS:
                statements.clear()
                with read_session(engine) as session:
                    forum_tree(session=session, forum_id=forum_id, lang="th", **size)
                counts.append(sum(1 for statement in statements if not statement.startswith("BEGIN")))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return counts


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_tree_data_is_the_reference(forums: tuple[Engine, list[int]], lang: str) -> None:
    """Items, weights, sectors, categories, merged ids, paths and labels match the plain reading."""
    assert_data_is_the_reference(*forums, lang)


def test_the_large_forum_has_every_case(forums: tuple[Engine, list[int]]) -> None:
    """The generated forum draws folds, merged nodes, both path sources and guessed and chosen categories."""
    engine, (_, forum_id) = forums
    with read_session(engine) as session:
        data = reference_tree(session, forum_id, "th")
        view = forum_tree(session=session, forum_id=forum_id, lang="th", **PROJECTOR)
    assert len(data.items) > 800
    assert {path.source for path in data.paths} == {"action", "tie"}
    assert max(item.weight for item in data.items) >= 5
    assert sum(1 for item in data.items if item.merged_ids) > 100
    assert {item.category for item in data.items if item.part == "fruit"} >= set(CATEGORY_KEYS) - {"death"}
    assert {node.part for node in view.layout.nodes if node.hidden_count} == {"root", "trunk", "fruit"}
    themed = {item.id: item for item in data.items if item.theme_id is not None}
    assert {item.part for item in themed.values()} == {"root", "trunk", "fruit"}
    assert len({item.theme_id for item in themed.values()}) < len(themed)  # a theme on several parts
    assert any(end in themed for path in data.paths for end in (path.root_id, path.fund_id, path.benefit_id))


@pytest.mark.parametrize("size", VIEWS, ids=["page", "phone", "projector"])
def test_every_view_draws_what_the_reference_draws(forums: tuple[Engine, list[int]], size: dict[str, Any]) -> None:
    """The layout, the tree's figure and the Sankey are the ones the plain reading gives, for every screen size."""
    assert_views_are_the_reference(*forums, size)


def test_the_tree_is_read_in_a_fixed_number_of_statements(forums: tuple[Engine, list[int]]) -> None:
    """The sample forum and the 2,000-item forum take the same few statements, on every screen."""
    counts = statements_per_read(*forums)
    assert counts == [5] * len(counts)  # the forum's labels, plan links, ties, weights, the kept nodes


@pytest.fixture(scope="module")
def pg_forums() -> Iterator[tuple[Engine, list[int]]]:
    """The sample forum and a generated forum of 400 items on a throwaway PostgreSQL."""
    with temporary_postgres() as url:
        if url is None:
            unavailable("no PostgreSQL server binaries here and TEST_POSTGRES_URL unset")
        engine = make_engine(url)
        upgrade(engine)
        with write_session(engine) as session:
            sample_id = saved_id(load_sample_forum(session=session).forum)
        yield engine, [sample_id, build_large_forum(engine, items=400)]
        engine.dispose()


def test_postgresql_reads_the_same_tree(pg_forums: tuple[Engine, list[int]]) -> None:
    """On PostgreSQL too, the data and every view match the plain reading, in the same few statements."""
    assert_data_is_the_reference(*pg_forums, "th")
    for size in VIEWS:
        assert_views_are_the_reference(*pg_forums, size)
    counts = statements_per_read(*pg_forums)
    assert counts == [5] * len(counts)  # the forum's labels, plan links, ties, weights, the kept nodes
