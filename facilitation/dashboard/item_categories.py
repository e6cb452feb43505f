"""An action item's welfare category: the branch of the tree most of the benefits it answers hang on."""

import threading
from collections import Counter
from typing import Any

from sqlalchemy import Select, union_all
from sqlalchemy import select as select_columns
from sqlmodel import Session, col

from facilitation.tree.categories import CATEGORY_KEYS, suggest_category
from models import ActionItemContribution, ActionItemTheme, Contribution, ContributionKind, ThemePost

UNCATEGORISED = "uncategorised"
# Suggesting a benefit's category matches its words against every rule (about 0.1 ms a text), and a
# province's plans answer more benefits than the tree's own memory of texts holds (8,192): each
# suggestion is remembered here by the post and a hash of its words (not the words themselves),
# so a changed text is suggested anew. Bounded: the oldest are forgotten first.
REMEMBERED = 65_536
_suggested: dict[tuple[int, int], str] = {}
_remembering = threading.Lock()


def _suggestion(contribution_id: int, text: str) -> str:
    key = (contribution_id, hash(text))
    found = _suggested.get(key)
    if found is None:
        found = suggest_category(text)
        with _remembering:
            _suggested[key] = found
            while len(_suggested) > REMEMBERED:
                del _suggested[next(iter(_suggested))]
    return found


def _benefits(item_ids: Select[Any], *, through_themes: bool) -> Select[Any]:
    """Each item of `item_ids` with the benefits it answers directly, or through its themes."""
    link: Any = ActionItemTheme if through_themes else ActionItemContribution
    query = select_columns(
        col(link.action_item_id), col(Contribution.id), col(Contribution.category), col(Contribution.text)
    ).select_from(link)
    if through_themes:
        query = query.join(ThemePost, col(ThemePost.theme_id) == ActionItemTheme.theme_id).join(
            Contribution, col(Contribution.id) == ThemePost.contribution_id
        )
    else:
        query = query.join(Contribution, col(Contribution.id) == ActionItemContribution.contribution_id)
    return query.where(col(link.action_item_id).in_(item_ids), col(Contribution.kind) == ContributionKind.BENEFIT)


def item_categories(*, session: Session, item_ids: Select[Any]) -> dict[int, str]:
    """The category of each item of `item_ids` (a query of ids) that answers a benefit; one query.

    A benefit counts once per item, whether the item answers it directly or through a theme; its
    category is the facilitator's choice or else the tree's suggestion from its words. A tie goes
    to the category the tree draws first, as a theme's grouped benefits do.
    """
    both = union_all(_benefits(item_ids, through_themes=False), _benefits(item_ids, through_themes=True))
    seen: dict[int, dict[int, str]] = {}
    for item_id, contribution_id, chosen, text in session.execute(both).all():
        seen.setdefault(item_id, {})[contribution_id] = (
            chosen if chosen in CATEGORY_KEYS else _suggestion(contribution_id, text)
        )
    found = {}
    for item_id, benefits in seen.items():
        votes = Counter(benefits.values())
        top = max(votes.values())
        found[item_id] = next(key for key in CATEGORY_KEYS if votes[key] == top)
    return found
