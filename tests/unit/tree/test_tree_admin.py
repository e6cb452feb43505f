"""tree_admin: the facilitator's changes to the welfare tree, each one transaction on an open forum."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from facilitation.core.db import read_session
from facilitation.core.errors import (
    CannotMerge,
    CannotTie,
    ContributionNotFound,
    DuplicateContribution,
    ForumClosed,
    TextTooLong,
    UnknownCategory,
    UnknownTreeLabel,
)
from facilitation.core.i18n import t
from facilitation.tree.admin import (
    merge,
    recategorise,
    set_category,
    set_in_tree,
    set_tree_labels,
    tie,
    unmerge,
    untie,
)
from models import Contribution, ContributionKind, ContributionStatus, Forum, Sector, Stage, TreeTie, saved_id
from tests.factories import join, make_forum, post
from tests.unit.helpers import admin, count, move, post_anonymous, revision, set_status, tree

ROOT, FUND, BENEFIT, OTHER = (
    ContributionKind.ROOT_CAUSE,
    ContributionKind.FUND,
    ContributionKind.BENEFIT,
    ContributionKind.OTHER,
)


@dataclass(frozen=True)
class World:
    """One forum with an item of every kind from two people, and a second forum with one item."""

    forum: Forum
    root: int
    fund: int
    benefit: int
    other: int
    root_b: int  # a second root cause, by another person
    foreign: int  # a root cause in another forum
    tie: int

    @property
    def id(self) -> int:
        return saved_id(self.forum)


@pytest.fixture
def world(engine: Engine) -> World:
    forum = make_forum(engine).forum
    a = join(engine, forum.code, name="ก", sector=Sector.COMMUNITY).participant
    b = join(engine, forum.code, name="ข", sector=Sector.STATE).participant
    root, fund = post(engine, a, "ไม่มีรถไปหาหมอ", ROOT), post(engine, a, "งบ อบต.", FUND)
    benefit, other = post(engine, a, "รถรับส่งผู้ป่วย", BENEFIT), post(engine, a, "ทำปฏิทินร่วม", OTHER)
    root_b = post(engine, b, "ไม่มีรถโดยสาร", ROOT)
    elsewhere = make_forum(engine).forum
    foreign = post(engine, join(engine, elsewhere.code).participant, "เวทีอื่น", ROOT)
    made = admin(engine, tie, saved_id(forum), root_id=root.id, fund_id=fund.id, benefit_id=None)
    return World(
        forum,
        saved_id(root),
        saved_id(fund),
        saved_id(benefit),
        saved_id(other),
        saved_id(root_b),
        saved_id(foreign),
        saved_id(made),
    )


def _row(engine: Engine, contribution_id: int) -> Contribution:
    with read_session(engine) as session:
        row = session.get(Contribution, contribution_id)
    assert row is not None
    return row


def _forum(engine: Engine, forum_id: int) -> Forum:
    with read_session(engine) as session:
        forum = session.get(Forum, forum_id)
    assert forum is not None
    return forum


def _parts(engine: Engine, forum_id: int) -> dict[int, str]:
    return {item.id: item.part for item in tree(engine, forum_id).items}


# Every facilitator action, as (name, action, arguments built from the world).
Action = tuple[str, Callable[..., Any], Callable[[World], dict[str, object]]]
ACTIONS: list[Action] = [
    ("recategorise", recategorise, lambda w: {"contribution_id": w.benefit, "kind": FUND}),
    ("set_category", set_category, lambda w: {"contribution_id": w.benefit, "category": "old_age"}),
    ("merge", merge, lambda w: {"keep_id": w.root, "duplicate_ids": [w.root_b]}),
    ("unmerge", unmerge, lambda w: {"contribution_id": w.root_b, "version": 1}),
    ("set_in_tree", set_in_tree, lambda w: {"contribution_id": w.root, "shown": False}),
    ("tie", tie, lambda w: {"root_id": w.root, "fund_id": None, "benefit_id": w.benefit}),
    ("untie", untie, lambda w: {"tie_id": w.tie}),
    ("set_tree_labels", set_tree_labels, lambda w: {"labels": {"roots": "ราก"}}),
]
# The actions that name a contribution, with the argument to point at another forum's.
ON_A_CONTRIBUTION = [
    ("recategorise", recategorise, lambda w: {"contribution_id": w.foreign, "kind": FUND}),
    ("set_category", set_category, lambda w: {"contribution_id": w.foreign, "category": "old_age"}),
    ("merge", merge, lambda w: {"keep_id": w.foreign, "duplicate_ids": [w.root]}),
    ("unmerge", unmerge, lambda w: {"contribution_id": w.foreign, "version": 1}),
    ("set_in_tree", set_in_tree, lambda w: {"contribution_id": w.foreign, "shown": False}),
    ("tie", tie, lambda w: {"root_id": w.foreign, "fund_id": w.fund, "benefit_id": None}),
]


@pytest.mark.parametrize(("name", "action", "arguments"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_every_action_bumps_the_revision(
    engine: Engine, world: World, name: str, action: Callable[..., Any], arguments: Callable[[World], dict[str, object]]
) -> None:
    """Phones and the projector redraw after each change to the tree."""
    before = revision(engine, world.id)
    admin(engine, action, world.id, **arguments(world))
    assert revision(engine, world.id) == before + 1, name


@pytest.mark.parametrize(("name", "action", "arguments"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_a_closed_forum_refuses_every_action(
    engine: Engine, world: World, name: str, action: Callable[..., Any], arguments: Callable[[World], dict[str, object]]
) -> None:
    """After Closed, nothing about the tree changes and the revision stays put."""
    move(engine, world.forum, Stage.CLOSED)
    before_revision, before_tree = revision(engine, world.id), tree(engine, world.id)
    with pytest.raises(ForumClosed):
        admin(engine, action, world.id, **arguments(world))
    assert (revision(engine, world.id), tree(engine, world.id)) == (before_revision, before_tree), name


@pytest.mark.parametrize(("name", "action", "arguments"), ON_A_CONTRIBUTION, ids=[a[0] for a in ON_A_CONTRIBUTION])
def test_another_forums_contribution_is_not_found(
    engine: Engine, world: World, name: str, action: Callable[..., Any], arguments: Callable[[World], dict[str, object]]
) -> None:
    """A contribution id from another forum is refused as not found, and nothing changes."""
    before = revision(engine, world.id)
    with pytest.raises(ContributionNotFound):
        admin(engine, action, world.id, **arguments(world))
    assert revision(engine, world.id) == before, name
    assert _row(engine, world.foreign).kind == ROOT


def test_a_withdrawn_contribution_is_not_found(engine: Engine, world: World) -> None:
    """Facilitators act on what is shown: a withdrawn item is not found."""
    set_status(engine, world.benefit, ContributionStatus.WITHDRAWN)
    with pytest.raises(ContributionNotFound):
        admin(engine, set_category, world.id, contribution_id=world.benefit, category="birth")
    with pytest.raises(ContributionNotFound):
        admin(engine, set_category, world.id, contribution_id=9999, category="birth")


# recategorise


def test_recategorise_moves_an_item_to_another_part(engine: Engine, world: World) -> None:
    """A "benefit" that is really a fund moves to the trunk; OTHER takes it off the tree."""
    moved = admin(engine, recategorise, world.id, contribution_id=world.benefit, kind=FUND)
    assert (moved.kind, _row(engine, world.benefit).kind) == (FUND, FUND)
    assert _parts(engine, world.id)[world.benefit] == "trunk"
    admin(engine, recategorise, world.id, contribution_id=world.benefit, kind=OTHER)
    assert world.benefit not in _parts(engine, world.id)


def test_recategorise_refuses_a_clash_with_the_authors_own_item(engine: Engine, world: World) -> None:
    """The author already has the same text as a visible fund: DuplicateContribution, nothing changes."""
    author = join(engine, world.forum.code).participant
    benefit = post(engine, author, "ออมวันละบาท", BENEFIT)
    post(engine, author, "ออมวันละบาท", FUND)
    with pytest.raises(DuplicateContribution):
        admin(engine, recategorise, world.id, contribution_id=benefit.id, kind=FUND)
    assert _row(engine, saved_id(benefit)).kind == BENEFIT


def test_recategorise_clashes_only_with_visible_items(engine: Engine, world: World) -> None:
    """A withdrawn twin, or an entry with no author, is no clash."""
    author = join(engine, world.forum.code).participant
    benefit = post(engine, author, "ออมวันละบาท", BENEFIT)
    twin = post(engine, author, "ออมวันละบาท", FUND)
    set_status(engine, saved_id(twin), ContributionStatus.WITHDRAWN)
    admin(engine, recategorise, world.id, contribution_id=benefit.id, kind=FUND)
    anonymous = post_anonymous(engine, world.id, "ออมวันละบาท", BENEFIT)
    post_anonymous(engine, world.id, "ออมวันละบาท", FUND)
    assert admin(engine, recategorise, world.id, contribution_id=anonymous.id, kind=FUND).kind == FUND


def test_recategorise_takes_merged_duplicates_along(engine: Engine, world: World) -> None:
    """A node moved to another part keeps its duplicates and its weight."""
    admin(engine, merge, world.id, keep_id=world.root, duplicate_ids=[world.root_b])
    admin(engine, recategorise, world.id, contribution_id=world.root, kind=BENEFIT)
    assert _row(engine, world.root_b).kind == BENEFIT
    node = next(item for item in tree(engine, world.id).items if item.id == world.root)
    assert (node.part, node.weight, node.merged_ids) == ("fruit", 2, (world.root_b,))


def test_recategorising_a_duplicate_alone_splits_it_out(engine: Engine, world: World) -> None:
    """A merged duplicate moved to another part leaves its node and stands on its own."""
    admin(engine, merge, world.id, keep_id=world.root, duplicate_ids=[world.root_b])
    admin(engine, recategorise, world.id, contribution_id=world.root_b, kind=FUND)
    assert _row(engine, world.root_b).merged_into_id is None
    assert _row(engine, world.root).kind == ROOT
    assert _parts(engine, world.id)[world.root_b] == "trunk"


def test_recategorise_to_the_same_kind_changes_nothing(engine: Engine, world: World) -> None:
    """No change, no redraw."""
    before = revision(engine, world.id)
    admin(engine, recategorise, world.id, contribution_id=world.root, kind=ROOT)
    assert revision(engine, world.id) == before


# set_category


def test_set_category_stores_a_preset_key_and_none_clears_it(engine: Engine, world: World) -> None:
    """The facilitator's choice is stored; None goes back to the suggestion."""
    admin(engine, set_category, world.id, contribution_id=world.benefit, category="disability")
    assert _row(engine, world.benefit).category == "disability"
    admin(engine, set_category, world.id, contribution_id=world.benefit, category=None)
    assert _row(engine, world.benefit).category is None


def test_set_category_refuses_an_unknown_key(engine: Engine, world: World) -> None:
    """A key outside the presets raises UnknownCategory and stores nothing."""
    before = revision(engine, world.id)
    with pytest.raises(UnknownCategory):
        admin(engine, set_category, world.id, contribution_id=world.benefit, category="pets")
    assert _row(engine, world.benefit).category is None
    assert revision(engine, world.id) == before


# merge and unmerge


def test_merge_points_duplicates_at_the_kept_item(engine: Engine, world: World) -> None:
    """Each duplicate's merged_into_id is the kept id; the kept item is returned unchanged."""
    third = post(engine, join(engine, world.forum.code).participant, "รถไม่มี", ROOT)
    kept = admin(engine, merge, world.id, keep_id=world.root, duplicate_ids=[world.root_b, third.id, world.root])
    assert (kept.id, kept.merged_into_id) == (world.root, None)
    assert _row(engine, world.root_b).merged_into_id == world.root
    assert _row(engine, saved_id(third)).merged_into_id == world.root
    assert _row(engine, world.root).merged_into_id is None  # keep_id among the duplicates is ignored


def test_merging_into_a_merged_item_uses_its_node(engine: Engine, world: World) -> None:
    """keep_id that was itself merged: the duplicates go to the node it was merged into."""
    third = post(engine, join(engine, world.forum.code).participant, "รถไม่มี", ROOT)
    admin(engine, merge, world.id, keep_id=world.root, duplicate_ids=[world.root_b])
    kept = admin(engine, merge, world.id, keep_id=world.root_b, duplicate_ids=[third.id])
    assert kept.id == world.root
    assert _row(engine, saved_id(third)).merged_into_id == world.root


def test_merging_a_node_re_points_its_duplicates(engine: Engine, world: World) -> None:
    """Merging X (which has duplicates) into Y moves X's duplicates to Y: every node is one hop away."""
    third = post(engine, join(engine, world.forum.code).participant, "รถไม่มี", ROOT)
    admin(engine, merge, world.id, keep_id=world.root_b, duplicate_ids=[third.id])
    admin(engine, merge, world.id, keep_id=world.root, duplicate_ids=[world.root_b])
    assert _row(engine, saved_id(third)).merged_into_id == world.root
    assert _row(engine, world.root_b).merged_into_id == world.root
    node = next(item for item in tree(engine, world.id).items if item.id == world.root)
    assert (node.weight, node.merged_ids) == (3, tuple(sorted([world.root_b, saved_id(third)])))


def test_merge_refuses_items_of_another_part_or_forum(engine: Engine, world: World) -> None:
    """Different part, another forum, or OTHER: CannotMerge, and no duplicate is merged (one transaction)."""
    for keep_id, duplicate_ids in (
        (world.root, [world.root_b, world.fund]),
        (world.root, [world.root_b, world.foreign]),
        (world.other, [world.root]),
    ):
        with pytest.raises(CannotMerge):
            admin(engine, merge, world.id, keep_id=keep_id, duplicate_ids=duplicate_ids)
    assert _row(engine, world.root_b).merged_into_id is None


def test_merge_refuses_an_unknown_duplicate(engine: Engine, world: World) -> None:
    """A duplicate id that does not exist is not found."""
    with pytest.raises(ContributionNotFound):
        admin(engine, merge, world.id, keep_id=world.root, duplicate_ids=[9999])


def test_a_node_whose_own_node_was_withdrawn_stands_alone_when_kept(engine: Engine, world: World) -> None:
    """keep_id merged into an item since withdrawn: it is kept itself and freed."""
    third = post(engine, join(engine, world.forum.code).participant, "รถไม่มี", ROOT)
    admin(engine, merge, world.id, keep_id=world.root, duplicate_ids=[world.root_b])
    set_status(engine, world.root, ContributionStatus.WITHDRAWN)
    kept = admin(engine, merge, world.id, keep_id=world.root_b, duplicate_ids=[third.id])
    assert (kept.id, kept.merged_into_id) == (world.root_b, None)
    assert _row(engine, saved_id(third)).merged_into_id == world.root_b


def test_unmerge_splits_a_duplicate_back_out(engine: Engine, world: World) -> None:
    """After unmerge the duplicate is an item again and the node loses its weight."""
    admin(engine, merge, world.id, keep_id=world.root, duplicate_ids=[world.root_b])
    freed = admin(engine, unmerge, world.id, contribution_id=world.root_b, version=_row(engine, world.root_b).version)
    assert freed.merged_into_id is None
    weights = {item.id: item.weight for item in tree(engine, world.id).items}
    assert (weights[world.root], weights[world.root_b]) == (1, 1)


# set_in_tree


def test_set_in_tree_hides_and_shows_without_withdrawing(engine: Engine, world: World) -> None:
    """Hidden from the tree, the item stays visible (feed, summary); shown again, it is back."""
    admin(engine, set_in_tree, world.id, contribution_id=world.root, shown=False)
    row = _row(engine, world.root)
    assert (row.in_tree, row.status) == (False, ContributionStatus.VISIBLE)
    assert world.root not in _parts(engine, world.id)
    admin(engine, set_in_tree, world.id, contribution_id=world.root, shown=True)
    assert world.root in _parts(engine, world.id)


# tie and untie


def test_tie_stores_a_path_and_tying_it_again_returns_it(engine: Engine, world: World) -> None:
    """A tie of root, fund and benefit is stored once; the same tie again is the same row, no redraw."""
    made = admin(engine, tie, world.id, root_id=world.root, fund_id=world.fund, benefit_id=world.benefit)
    assert (made.forum_id, made.root_id, made.fund_id, made.benefit_id) == (
        world.id,
        world.root,
        world.fund,
        world.benefit,
    )
    before = (revision(engine, world.id), count(engine, TreeTie))
    again = admin(engine, tie, world.id, root_id=world.root, fund_id=world.fund, benefit_id=world.benefit)
    assert again.id == made.id
    assert (revision(engine, world.id), count(engine, TreeTie)) == before


@pytest.mark.parametrize(
    "slots",
    [
        {"root_id": "root", "fund_id": None, "benefit_id": None},
        {"root_id": None, "fund_id": None, "benefit_id": None},
        {"root_id": "fund", "fund_id": "fund", "benefit_id": None},  # a fund in the root slot
        {"root_id": "root", "fund_id": None, "benefit_id": "other"},  # OTHER is not a benefit
    ],
)
def test_tie_refuses_fewer_than_two_parts_or_a_wrong_kind(
    engine: Engine, world: World, slots: dict[str, str | None]
) -> None:
    """CannotTie, and nothing stored."""
    before = count(engine, TreeTie)
    arguments = {slot: getattr(world, name) if name else None for slot, name in slots.items()}
    with pytest.raises(CannotTie):
        admin(engine, tie, world.id, **arguments)
    assert count(engine, TreeTie) == before


def test_the_tree_table_refuses_a_tie_of_one_part(engine: Engine, world: World) -> None:
    """The database itself holds the two-part rule."""
    with pytest.raises(IntegrityError), Session(engine) as session:
        session.add(TreeTie(forum_id=world.id, root_id=world.root))
        session.commit()


def test_untie_removes_a_tie_and_is_idempotent(engine: Engine, world: World) -> None:
    """The tie goes; untie again (a double tap) changes nothing and raises nothing."""
    admin(engine, untie, world.id, tie_id=world.tie)
    assert count(engine, TreeTie) == 0
    before = revision(engine, world.id)
    assert admin(engine, untie, world.id, tie_id=world.tie) is None
    assert revision(engine, world.id) == before


def test_untie_leaves_another_forums_tie_alone(engine: Engine, world: World) -> None:
    """A tie id of another forum is not removed."""
    other = make_forum(engine).forum
    author = join(engine, other.code).participant
    root, fund = post(engine, author, "ก", ROOT), post(engine, author, "ข", FUND)
    theirs = admin(engine, tie, saved_id(other), root_id=root.id, fund_id=fund.id, benefit_id=None)
    admin(engine, untie, world.id, tie_id=theirs.id)
    with read_session(engine) as session:
        assert session.get(TreeTie, theirs.id) is not None


# set_tree_labels


def test_set_tree_labels_cleans_merges_and_removes_overrides(engine: Engine, world: World) -> None:
    """Values are cleaned; other keys stay; an empty value goes back to the default."""
    admin(engine, set_tree_labels, world.id, labels={"roots": "  ราก\nของปัญหา\u200b ", "leaves": "ภาคี"})
    admin(engine, set_tree_labels, world.id, labels={"trunk": "ทุน", "leaves": "  "})
    assert _forum(engine, world.id).tree_labels == {"roots": "ราก ของปัญหา", "trunk": "ทุน"}
    assert tree(engine, world.id).labels["leaves"] == "ใบ (ภาคีหนุนเสริม)"


def test_set_tree_labels_refuses_long_labels_and_unknown_parts(engine: Engine, world: World) -> None:
    """Over 40 characters is TextTooLong; a key outside the five parts is UnknownTreeLabel, and nothing is kept."""
    with pytest.raises(TextTooLong) as too_long:
        admin(engine, set_tree_labels, world.id, labels={"roots": "ก" * 41})
    # The message names the part whose label is too long, in the reader's language.
    assert t("tree_part_roots", "th") in too_long.value.message("th")
    assert t("tree_part_roots", "en") in too_long.value.message("en")
    with pytest.raises(UnknownTreeLabel) as caught:
        admin(engine, set_tree_labels, world.id, labels={"stem": "ลำต้น", "roots": "ราก"})
    assert caught.value.details == {"keys": ["stem"]}
    assert _forum(engine, world.id).tree_labels == {}
    admin(engine, set_tree_labels, world.id, labels={"roots": "ก" * 40})
    assert _forum(engine, world.id).tree_labels == {"roots": "ก" * 40}
