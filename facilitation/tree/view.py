"""Everything a page needs to show a forum's welfare tree, built in one call."""

from dataclasses import dataclass

import plotly.graph_objects as go
from sqlmodel import Session, col, select

from facilitation.core.i18n import t
from facilitation.tree.categories import CATEGORY_KEYS, category_label
from facilitation.tree.data import TreeData, tree_data
from facilitation.tree.figure import sankey_figure, tree_figure
from facilitation.tree.layout import CAP_PER_PART, TreeLayout, layout_tree
from models import Contribution, ContributionKind, ContributionStatus, TreeTie, saved_id


@dataclass(frozen=True)
class TreeView:
    data: TreeData
    layout: TreeLayout
    tree: go.Figure
    min_font: int | None = None  # what the tree was drawn for: the Sankey keeps to it too

    def sankey(self, lang: str, *, width: float | None = None, height: float | None = None) -> go.Figure:
        """The paths as a Sankey; given a `height`, fitted to `width`×`height` pixels."""
        return sankey_figure(
            self.data, labels=self.data.labels, lang=lang, width=width, height=height, min_font=self.min_font
        )


def draw_tree(
    data: TreeData, *, lang: str, width: float = 1400, height: float = 1000, min_font: int | None = None
) -> TreeView:
    """Lay out and draw `data` (pure: no database); `min_font` keeps the canvas and folds what does not fit."""
    layout = layout_tree(
        data,
        category_labels={key: category_label(key, lang) for key in CATEGORY_KEYS},
        more_label=lambda count: t("tree_more", lang, count=count),
        width=width,
        height=height,
        min_font=min_font,
        theme_note=lambda item: t("tree_theme_posts", lang, count=item.posts),
    )
    return TreeView(data, layout, tree_figure(layout, labels=data.labels, lang=lang, min_font=min_font), min_font)


def forum_tree(
    *,
    session: Session,
    forum_id: int,
    lang: str,
    width: float = 1400,
    height: float = 1000,
    min_font: int | None = None,
) -> TreeView:
    """The forum's tree as it stands now."""
    # The layout draws at most CAP_PER_PART items a part, the newest first among equals when it
    # folds to fit a screen: the read leaves the rest in the database and brings back their sums.
    data = tree_data(
        session=session, forum_id=forum_id, lang=lang, keep=CAP_PER_PART, newest_first=min_font is not None
    )
    return draw_tree(data, lang=lang, width=width, height=height, min_font=min_font)


@dataclass(frozen=True)
class TreeEntry:
    """A contribution as the facilitator's tree tools see it."""

    id: int
    kind: ContributionKind
    text: str
    category: str | None
    in_tree: bool
    merged_into_id: int | None
    version: int  # the tools' widgets and saves carry it: a change made since is never overwritten


def tree_entries(*, session: Session, forum_id: int) -> list[TreeEntry]:
    """Every visible contribution of the forum with its place on the tree, oldest first."""
    rows = session.exec(
        select(Contribution)
        .where(Contribution.forum_id == forum_id, Contribution.status == ContributionStatus.VISIBLE)
        .order_by(col(Contribution.id))
    )
    return [
        TreeEntry(
            saved_id(row),
            ContributionKind(row.kind),
            row.text,
            row.category,
            row.in_tree,
            row.merged_into_id,
            row.version,
        )
        for row in rows
    ]


def tree_ties(*, session: Session, forum_id: int) -> list[TreeTie]:
    """The paths the facilitator tied by hand, in the order they were made."""
    return list(session.exec(select(TreeTie).where(TreeTie.forum_id == forum_id).order_by(col(TreeTie.id))))
