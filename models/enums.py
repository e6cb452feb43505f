"""The fixed vocabularies of a forum: stages, contribution kinds, sectors, fund sources."""

from enum import StrEnum


class Stage(StrEnum):
    # In the forum's order. Review comes first in a follow-up forum only: the room looks at what the
    # earlier forum in its area promised before it shares again (facilitation/forum/forums.py).
    REVIEW = "review"
    SHARE = "share"
    PLAN = "plan"
    ACT = "act"
    CLOSED = "closed"


class ContributionKind(StrEnum):
    ROOT_CAUSE = "root_cause"
    FUND = "fund"
    BENEFIT = "benefit"
    OTHER = "other"


class ContributionStatus(StrEnum):
    VISIBLE = "visible"
    WITHDRAWN = "withdrawn"
    PENDING = "pending"  # waits in the moderation queue for the facilitator (pre-approval or the word filter)
    HIDDEN = "hidden"  # hidden by the facilitator: shown only to its author, marked, with the reason


class Sector(StrEnum):
    STATE = "state"
    LOCAL_GOVERNMENT = "local_government"
    COMMUNITY = "community"
    PUBLIC_BENEFIT = "public_benefit"
    ACADEMIC = "academic"
    OTHER = "other"


class FundSource(StrEnum):
    OWN_FUND = "own_fund"
    TAO = "tao"
    SWPF = "swpf"
    CODI = "codi"
    OTHER = "other"


class Language(StrEnum):
    TH = "th"
    EN = "en"
