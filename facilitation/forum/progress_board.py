"""What the console's Progress tab shows: every action item and commitment, their newest reports, links and weights."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from facilitation.forum.plans import CommitmentView, plan
from facilitation.forum.progress import link_made_at, weights
from facilitation.forum.progress_read import ItemProgress, latest_reports
from models import ActionItem, ProgressReport, ProgressSubject, saved_id


@dataclass(frozen=True)
class CommitmentLine:
    commitment: CommitmentView
    latest: ProgressReport | None
    weight: int  # 1 when never set
    weight_version: int  # 0 when never set: the weight editor carries it
    link_made: datetime | None  # when its live progress link was made; None: it has none


@dataclass(frozen=True)
class ItemLine:
    number: int
    item: ActionItem
    progress: ItemProgress | None
    latest: ProgressReport | None  # the item's own newest report (its lead's, or the facilitator's)
    link_made: datetime | None
    commitments: list[CommitmentLine] = field(default_factory=list)


def progress_board(*, session: Session, forum_id: int) -> list[ItemLine]:
    """Every live action item of the forum with its rolled-up progress and each commitment's, in the plan's order."""
    rows = plan(session=session, forum_id=forum_id)
    item_ids = [saved_id(row.item) for row in rows]
    commitment_ids = [commitment.id for row in rows for commitment in row.commitments]
    item_kind, commitment_kind = ProgressSubject.ACTION_ITEM, ProgressSubject.COMMITMENT
    own = latest_reports(session=session, subject_kind=item_kind, subject_ids=item_ids)
    theirs = latest_reports(session=session, subject_kind=commitment_kind, subject_ids=commitment_ids)
    set_weights = weights(session=session, commitment_ids=commitment_ids)
    item_links = link_made_at(session=session, forum_id=forum_id, subject_kind=item_kind, subject_ids=item_ids)
    commitment_links = link_made_at(
        session=session, forum_id=forum_id, subject_kind=commitment_kind, subject_ids=commitment_ids
    )
    lines = []
    for row in rows:
        item_id = saved_id(row.item)
        commitments = []
        for commitment in row.commitments:
            weight = set_weights.get(commitment.id)
            commitments.append(
                CommitmentLine(
                    commitment=commitment,
                    latest=theirs.get(commitment.id),
                    weight=1 if weight is None else weight.weight,
                    weight_version=0 if weight is None else weight.version,
                    link_made=commitment_links.get(commitment.id),
                )
            )
        lines.append(
            ItemLine(
                number=row.number,
                item=row.item,
                progress=row.progress,
                latest=own.get(item_id),
                link_made=item_links.get(item_id),
                commitments=commitments,
            )
        )
    return lines
