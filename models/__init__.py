"""SQLModel tables and their Create/Update shapes."""

from models.common import saved_id, utcnow
from models.contribution import Contribution, ContributionCreate, ContributionUpdate
from models.enums import (
    ContributionKind,
    ContributionStatus,
    FundSource,
    Language,
    Sector,
    Stage,
)
from models.forum import Forum, ForumCreate
from models.live import ChangeCounter, ScreenPresence
from models.moderation import ModerationAction, ModerationEvent, ModerationSetting, ModerationWords
from models.overlap import OverlapDecision, OverlapMark
from models.participant import Participant, ParticipantCreate
from models.plan import (
    ActionItem,
    ActionItemContribution,
    ActionItemCreate,
    Commitment,
    CommitmentCreate,
)
from models.progress import (
    CarriedItem,
    CommitmentWeight,
    ForumFollowUp,
    OwnerLink,
    ProgressReport,
    ProgressStatus,
    ProgressSubject,
)
from models.registered_person import RegisteredPerson
from models.reveal import RevealEvent, RevealEventKind, StageReveal
from models.theme import ActionItemTheme, Theme, ThemePost, ThemeRejection
from models.timer import StageTimer, TimerStatus
from models.tree import TreeTie
from models.votes import Ballot, OptionSubject, ResultsShown, Vote, VoteDot, VoteOption, VoteStatus
from models.words import LeftOutWords

__all__ = [
    "CarriedItem",
    "CommitmentWeight",
    "ForumFollowUp",
    "OwnerLink",
    "ProgressReport",
    "ProgressStatus",
    "ProgressSubject",
    "ActionItem",
    "ActionItemContribution",
    "ActionItemCreate",
    "ChangeCounter",
    "Commitment",
    "CommitmentCreate",
    "Contribution",
    "ContributionCreate",
    "ContributionKind",
    "ContributionStatus",
    "ContributionUpdate",
    "Forum",
    "ForumCreate",
    "LeftOutWords",
    "OverlapDecision",
    "OverlapMark",
    "ModerationAction",
    "ModerationEvent",
    "ModerationSetting",
    "ModerationWords",
    "FundSource",
    "Language",
    "Participant",
    "RevealEvent",
    "RevealEventKind",
    "ParticipantCreate",
    "ScreenPresence",
    "Sector",
    "Stage",
    "StageReveal",
    "StageTimer",
    "TimerStatus",
    "TreeTie",
    "Theme",
    "ThemePost",
    "ThemeRejection",
    "ActionItemTheme",
    "RegisteredPerson",
    "saved_id",
    "utcnow",
    "Ballot",
    "OptionSubject",
    "ResultsShown",
    "Vote",
    "VoteDot",
    "VoteOption",
    "VoteStatus",
]
