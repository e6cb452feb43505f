"""Themes (ประเด็น): the facilitator groups the room's posts into named themes.

A post is in one theme at most (its membership row is keyed by the post). Only visible posts
are grouped, and a post withdrawn later drops out of its theme's count. Ungrouping or merging
a theme keeps its row, marked dissolved, so an action item tied to it still reads its name.
Every change bumps the theme's version; a rename, merge or ungroup carries the version its
widget was drawn from, and one drawn before another tab changed the theme is refused.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, or_, update
from sqlmodel import Session, col, select

from facilitation.core.db import insert_once
from facilitation.core.errors import (
    CannotMergeTheme,
    ContributionNotFound,
    NoPostsChosen,
    PostsAlreadyGrouped,
    StaleEdit,
    ThemeNameTaken,
    ThemeNotFound,
)
from facilitation.core.text import clean_text
from facilitation.core.versioning import update_if_current
from facilitation.forum.policy import Action, require
from facilitation.live.changes import Topic, bump
from models import (
    ActionItem,
    ActionItemTheme,
    Contribution,
    ContributionKind,
    ContributionStatus,
    Theme,
    ThemePost,
    saved_id,
    utcnow,
)

NAME_MAX = 120
# The kinds the welfare tree draws (facilitation/tree/parts.py; the tree reads this capability,
# so it is not imported from there): a theme holding such a post is a node on the tree.
TREE_KINDS = frozenset({ContributionKind.ROOT_CAUSE, ContributionKind.FUND, ContributionKind.BENEFIT})


@dataclass(frozen=True)
class ThemePostView:
    id: int
    kind: ContributionKind
    text: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class ThemeView:
    id: int
    name: str
    version: int
    posts: tuple[ThemePostView, ...]

    @property
    def count(self) -> int:
        return len(self.posts)


@dataclass(frozen=True)
class ThemeBoard:
    """The forum's themes in the order they were made, and the visible posts in none of them."""

    themes: tuple[ThemeView, ...]
    ungrouped: tuple[ThemePostView, ...]


def theme_name(typed: str) -> str:
    """The name as stored: cleaned, one line, at most NAME_MAX characters."""
    return clean_text(typed, max_length=NAME_MAX, field="themes_name")


def _live(session: Session, forum_id: int, theme_id: int) -> Theme:
    theme = session.get(Theme, theme_id, populate_existing=True)
    if theme is None or theme.forum_id != forum_id or theme.dissolved_at is not None:
        raise ThemeNotFound(id=theme_id)
    return theme


def _named(session: Session, forum_id: int, name: str) -> Theme | None:
    return session.exec(
        select(Theme).where(Theme.forum_id == forum_id, Theme.name == name, col(Theme.dissolved_at).is_(None))
    ).first()


def _post_view(contribution: Contribution) -> ThemePostView:
    return ThemePostView(
        id=saved_id(contribution),
        kind=ContributionKind(contribution.kind),
        text=contribution.text,
        words=tuple(contribution.words or ()),
    )


def _visible(session: Session, forum_id: int, ids: Collection[int]) -> list[int]:
    """The ids among `ids` of the forum's visible posts; ContributionNotFound if any is not one."""
    found = set(
        session.exec(
            select(Contribution.id).where(
                Contribution.forum_id == forum_id,
                col(Contribution.id).in_(set(ids)),
                Contribution.status == ContributionStatus.VISIBLE,
            )
        ).all()
    )
    missing = set(ids) - {cid for cid in found if cid is not None}
    if missing:
        raise ContributionNotFound(id=min(missing))
    return sorted(set(ids))


def _bump_versions(session: Session, theme_ids: Iterable[int]) -> None:
    ids = set(theme_ids)
    if ids:
        session.execute(
            update(Theme)
            .where(col(Theme.id).in_(ids))
            .values(version=Theme.version + 1, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )


def _plan_if_linked(session: Session, theme_ids: Collection[int]) -> list[Topic]:
    """PLAN when an action item on the plan answers one of these themes: its card names them."""
    linked = session.exec(
        select(ActionItemTheme.action_item_id)
        .join(ActionItem)
        .where(col(ActionItemTheme.theme_id).in_(set(theme_ids)), col(ActionItem.deleted_at).is_(None))
        .limit(1)
    ).first()
    return [Topic.PLAN] if linked is not None else []


def _on_tree(session: Session, *, theme_ids: Collection[int] = (), contribution_ids: Collection[int] = ()) -> bool:
    """Whether these themes hold, or these posts are, a visible post the tree draws.

    The tree draws a theme's posts as one node per part, labelled with its name, so a change to
    such a theme changes the tree. A post hidden from the tree, of kind OTHER, or merged into a
    post outside the theme changes nothing there; the last still moves TREE (a redraw too many).
    """
    if not theme_ids and not contribution_ids:
        return False
    posts = select(ThemePost.contribution_id).where(col(ThemePost.theme_id).in_(set(theme_ids)))
    found = session.exec(
        select(Contribution.id)
        .where(
            or_(col(Contribution.id).in_(set(contribution_ids)), col(Contribution.id).in_(posts)),
            Contribution.status == ContributionStatus.VISIBLE,
            col(Contribution.kind).in_(TREE_KINDS),
            col(Contribution.in_tree).is_(True),
        )
        .limit(1)
    ).first()
    return found is not None


def _changed(session: Session, forum_id: int, theme_ids: Collection[int], *, tree: bool | None = None) -> None:
    """Bump the themes' screens, the plan's if an item answers one, and the tree's if it draws them (or `tree`)."""
    drawn = _on_tree(session, theme_ids=theme_ids) if tree is None else tree
    topics = [Topic.THEMES, *_plan_if_linked(session, theme_ids), *([Topic.TREE] if drawn else [])]
    bump(session=session, forum_id=forum_id, topics=topics)


def create_theme(
    *, session: Session, forum_id: int, name: str, contribution_ids: Collection[int], creation_key: str | None = None
) -> Theme:
    """Group these visible, ungrouped posts into a new theme; a repeated `creation_key` returns the first one.

    Refused with ThemeNameTaken when a theme of this name exists, and PostsAlreadyGrouped
    when a chosen post was put in a theme since the list was drawn.
    """
    cleaned = theme_name(name)
    if not contribution_ids:
        raise NoPostsChosen()
    require(session=session, forum_id=forum_id, action=Action.GROUP_THEMES)

    def first_made() -> Theme | None:
        if creation_key is None:
            return None
        return session.exec(select(Theme).where(Theme.forum_id == forum_id, Theme.creation_key == creation_key)).first()

    made = first_made()
    if made is not None:  # a double tap, or the form sent again: the first tap's theme
        return made
    if _named(session, forum_id, cleaned) is not None:
        raise ThemeNameTaken(name=cleaned)
    ids = _visible(session, forum_id, contribution_ids)
    grouped = session.exec(select(func.count()).where(col(ThemePost.contribution_id).in_(ids))).one()
    if grouped:
        raise PostsAlreadyGrouped(count=grouped)
    theme = Theme(forum_id=forum_id, name=cleaned, creation_key=creation_key)
    # The forum lock serialises creates; the unique key and live name settle a race it did not.
    theme, created = insert_once(session, theme, lambda: first_made() or _named(session, forum_id, cleaned))
    if not created:
        if creation_key is not None and theme.creation_key == creation_key:
            return theme
        raise ThemeNameTaken(name=cleaned)
    theme_id = saved_id(theme)
    for cid in ids:
        session.add(ThemePost(contribution_id=cid, theme_id=theme_id))
    session.flush()
    _changed(session, forum_id, [theme_id])
    return theme


def rename_theme(*, session: Session, forum_id: int, theme_id: int, name: str, version: int) -> Theme:
    """Rename a theme if it is still at the version the form showed (StaleEdit carries it as it is now)."""
    cleaned = theme_name(name)
    require(session=session, forum_id=forum_id, action=Action.GROUP_THEMES)
    theme = _live(session, forum_id, theme_id)
    if theme.version != version:
        session.expunge(theme)
        raise StaleEdit(current=theme)
    if cleaned == theme.name:
        return theme
    other = _named(session, forum_id, cleaned)
    if other is not None and other.id != theme_id:
        raise ThemeNameTaken(name=cleaned)
    saved = update_if_current(
        session=session,
        table=Theme,
        row_id=theme_id,
        seen=version,
        values={"name": cleaned},
        missing=ThemeNotFound(id=theme_id),
    )
    _changed(session, forum_id, [theme_id])
    return saved


def move_post(*, session: Session, forum_id: int, contribution_id: int, theme_id: int | None) -> None:
    """Put a visible post in theme `theme_id`, or out of any theme (None); where it already is, nothing changes."""
    require(session=session, forum_id=forum_id, action=Action.GROUP_THEMES)
    _visible(session, forum_id, [contribution_id])
    if theme_id is not None:
        _live(session, forum_id, theme_id)
    membership = session.get(ThemePost, contribution_id, populate_existing=True)
    was = membership.theme_id if membership is not None else None
    if was == theme_id:
        return
    if membership is not None:
        session.delete(membership)
        session.flush()
    if theme_id is not None:
        session.add(ThemePost(contribution_id=contribution_id, theme_id=theme_id))
        session.flush()
    changed = [tid for tid in (was, theme_id) if tid is not None]
    _bump_versions(session, changed)
    # Only the moved post changes node on the tree: the rest of either theme stays where it was.
    _changed(session, forum_id, changed, tree=_on_tree(session, contribution_ids=[contribution_id]))


def _dissolve(session: Session, forum_id: int, theme_id: int, version: int) -> Theme:
    theme = _live(session, forum_id, theme_id)
    if theme.version != version:
        session.expunge(theme)
        raise StaleEdit(current=theme)
    return update_if_current(
        session=session,
        table=Theme,
        row_id=theme_id,
        seen=version,
        # Its creation key goes with it: the same suggestion accepted again makes a new theme.
        values={"dissolved_at": utcnow(), "creation_key": None},
        missing=ThemeNotFound(id=theme_id),
    )


def merge_themes(*, session: Session, forum_id: int, theme_id: int, version: int, into_id: int) -> Theme:
    """Move every post of theme `theme_id` (at `version`) into theme `into_id`; the first is dissolved.

    An action item tied to the merged theme is tied to the theme it went into.
    """
    if theme_id == into_id:
        raise CannotMergeTheme()
    require(session=session, forum_id=forum_id, action=Action.GROUP_THEMES)
    target = _live(session, forum_id, into_id)
    _dissolve(session, forum_id, theme_id, version)
    # The tree changes when the merged theme's posts join the other's node: read before they move.
    drawn = _on_tree(session, theme_ids=[theme_id])
    session.execute(
        update(ThemePost)
        .where(col(ThemePost.theme_id) == theme_id)
        .values(theme_id=into_id)
        .execution_options(synchronize_session=False)
    )
    already = set(session.exec(select(ActionItemTheme.action_item_id).where(ActionItemTheme.theme_id == into_id)).all())
    links = session.exec(select(ActionItemTheme).where(ActionItemTheme.theme_id == theme_id)).all()
    for link in links:
        session.delete(link)
    session.flush()
    for link in links:
        if link.action_item_id not in already:
            session.add(ActionItemTheme(action_item_id=link.action_item_id, theme_id=into_id, linked_name=target.name))
    session.flush()
    _bump_versions(session, [into_id])
    _changed(session, forum_id, [into_id], tree=drawn)  # the links moved with it: the plan redraws if any
    return _live(session, forum_id, into_id)


def ungroup_theme(*, session: Session, forum_id: int, theme_id: int, version: int) -> Theme:
    """Dissolve a theme (at `version`): its posts become ungrouped; an action item tied to it keeps its name."""
    require(session=session, forum_id=forum_id, action=Action.GROUP_THEMES)
    saved = _dissolve(session, forum_id, theme_id, version)
    drawn = _on_tree(session, theme_ids=[theme_id])  # read before its posts leave it
    session.execute(delete(ThemePost).where(col(ThemePost.theme_id) == theme_id))
    _changed(session, forum_id, [theme_id], tree=drawn)
    return saved


def in_a_theme(*, session: Session, contribution_ids: Collection[int]) -> bool:
    """Whether any of these posts is in a theme (a change to it changes the themes' screens)."""
    if not contribution_ids:
        return False
    found = session.exec(
        select(ThemePost.contribution_id).where(col(ThemePost.contribution_id).in_(set(contribution_ids))).limit(1)
    ).first()
    return found is not None


def _visible_posts(session: Session, forum_id: int) -> list[tuple[Contribution, int | None]]:
    return [
        (contribution, theme_id)
        for contribution, theme_id in session.exec(
            select(Contribution, ThemePost.theme_id)
            .join(ThemePost, col(ThemePost.contribution_id) == Contribution.id, isouter=True)
            .where(Contribution.forum_id == forum_id, Contribution.status == ContributionStatus.VISIBLE)
            .order_by(col(Contribution.id))
        ).all()
    ]


def live_themes(*, session: Session, forum_id: int) -> list[Theme]:
    """The forum's themes not ungrouped or merged, in the order they were made."""
    return list(
        session.exec(
            select(Theme).where(Theme.forum_id == forum_id, col(Theme.dissolved_at).is_(None)).order_by(col(Theme.id))
        ).all()
    )


def theme_board(*, session: Session, forum_id: int) -> ThemeBoard:
    """Every live theme with its visible posts (oldest post first), and the visible posts in no theme."""
    themes = live_themes(session=session, forum_id=forum_id)
    posts: dict[int, list[ThemePostView]] = {saved_id(theme): [] for theme in themes}
    ungrouped: list[ThemePostView] = []
    for contribution, theme_id in _visible_posts(session, forum_id):
        if theme_id is None:
            ungrouped.append(_post_view(contribution))
        elif theme_id in posts:
            posts[theme_id].append(_post_view(contribution))
    return ThemeBoard(
        themes=tuple(
            ThemeView(saved_id(theme), theme.name, theme.version, tuple(posts[saved_id(theme)])) for theme in themes
        ),
        ungrouped=tuple(ungrouped),
    )


def visible_post_counts(*, session: Session, forum_id: int) -> dict[int, int]:
    """How many posts the room can see in each theme (one query)."""
    return dict(
        session.exec(
            select(ThemePost.theme_id, func.count())
            .join(Contribution, col(Contribution.id) == ThemePost.contribution_id)
            .where(Contribution.forum_id == forum_id, Contribution.status == ContributionStatus.VISIBLE)
            .group_by(col(ThemePost.theme_id))
        ).all()
    )


def theme_options(*, session: Session, forum_id: int) -> list[tuple[int, str, int]]:
    """(theme id, name, visible post count) of each live theme, in the order they were made: what a vote runs over."""
    counts = visible_post_counts(session=session, forum_id=forum_id)
    return [
        (saved_id(theme), theme.name, int(counts.get(saved_id(theme), 0)))
        for theme in live_themes(session=session, forum_id=forum_id)
    ]
