"""The forum archive: one JSON file holding a whole forum, so another installation can recreate it.

The file (UTF-8 JSON, one value per line, keys in the order below and fields in their type's order)::

    {
      "format": "welfare-forum-archive",
      "version": 2,
      "exported_at": "2027-02-18T10:30:00+00:00",
      "forum": { ...one record... },
      "participants": [ ...records... ],
      "contributions": [ ... ],
      ...one list per record type below, in RECORD_TYPES' order...
    }

Rules of version 2 (version 1 had no progress reports and no commitment weights; files of
version 1 are still read, as forums without either):
- Every record type below has its key, always present (an empty list when the forum has none);
  a file of an earlier version may leave out the types added since (each type's `since`).
  `forum` is one object; every other key is a list of records sorted by their primary key.
- A record has exactly the fields listed for its type: none missing, none extra.
- Every record belongs to the archived forum, so no record carries a `forum_id`.
- Ids are the exporting installation's. A record of a type with an `id` field is pointed at by
  that id (`participant_id`, `contribution_ids`, `"item:12"`); the importing installation gives
  every record a new id and rewrites every reference to it.
- Timestamps are ISO 8601 with their UTC offset, dates ISO 8601 (`2027-02-18`, Common Era);
  enum fields hold the value (`"root_cause"`), never a translation.
- Secrets of the exporting installation are never in the file (each type's `left_out` says
  which columns stay home and why): the join code and facilitator key (the import draws new
  ones), the projector link, participants' phone tokens and device tokens. People imported
  cannot reopen the forum from their old phones.
- Counters of the live screens (`changecounter`) and reports of connected screens
  (`screenpresence`) are state of the running installation, not of the forum: not archived.
- A progress report names its subject by `subject_kind` and `subject_id`, as a vote option does:
  a commitment or an action item of the file. Owners' progress links are secrets: not archived.

A reader refuses a file whose `format` is not ARCHIVE_FORMAT or whose `version` is newer than
ARCHIVE_VERSION. A version that changes the meaning of a field or adds a required one is a
new version; `describe()` gives the schema of this version as JSON-Schema-like data.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from sqlmodel import SQLModel

from models import (
    ActionItem,
    ActionItemContribution,
    ActionItemTheme,
    Ballot,
    Commitment,
    CommitmentWeight,
    Contribution,
    ContributionKind,
    ContributionStatus,
    Forum,
    FundSource,
    Language,
    LeftOutWords,
    ModerationAction,
    ModerationEvent,
    ModerationSetting,
    ModerationWords,
    OptionSubject,
    OverlapDecision,
    OverlapMark,
    Participant,
    ProgressReport,
    ProgressStatus,
    ProgressSubject,
    RegisteredPerson,
    ResultsShown,
    RevealEvent,
    RevealEventKind,
    Sector,
    Stage,
    StageReveal,
    StageTimer,
    Theme,
    ThemePost,
    ThemeRejection,
    TimerStatus,
    TreeTie,
    Vote,
    VoteDot,
    VoteOption,
    VoteStatus,
)

ARCHIVE_FORMAT = "welfare-forum-archive"
ARCHIVE_VERSION = 2
# A forum of 5,000 posts archives to about 2 MB: fifty leaves room for any real forum
# and refuses a wrong file before it is parsed.
ARCHIVE_MAX_MB = 50
ARCHIVE_MAX_BYTES = ARCHIVE_MAX_MB * 1024 * 1024
# Tables with a forum_id that are not part of a forum's record (see the module's docstring).
NOT_ARCHIVED = MappingProxyType(
    {
        "changecounter": "counters the live screens compare; a new forum's start at zero",
        "screenpresence": "which screens are connected to this installation now",
        "ownerlink": "owners' progress links are secrets of this installation; the new console hands out new ones",
        "forumfollowup": "a link between two forums of this installation; the imported forum starts its own series",
        "carrieditem": "a link to an item of another forum of this installation",
    }
)
KINDS = tuple(kind.value for kind in ContributionKind)
FREE_TEXT_MAX = 5000  # fields the forms bound only loosely (objective, partners, log detail)
WORDS_MAX = 1000  # words of one list (a post's words, the words held or left out)


class FieldKind(StrEnum):
    """How a field is written in the file."""

    ID = "id"  # the record's own id in the exporting installation (an integer)
    REF = "ref"  # the id of a record of `target` in this file
    REFS = "refs"  # a list of ids of records of `target`
    SUBJECT = "subject"  # the id of a record of the type the record's `subject_kind` names (SUBJECT_TARGETS)
    SIDE = "side"  # "item:<id of an action item>" or "commitment:<id of a commitment>"
    TEXT = "text"  # a string of at most `max_length` characters
    INT = "int"
    BOOL = "bool"
    ENUM = "enum"  # one of `choices`' values
    DATE = "date"  # "YYYY-MM-DD"
    DATETIME = "datetime"  # ISO 8601 with its UTC offset
    WORDS = "words"  # a list of strings
    LABELS = "labels"  # an object whose values are strings


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: FieldKind
    nullable: bool = False
    target: str = ""  # REF, REFS: the key of the record type pointed at
    choices: type[StrEnum] | None = None  # ENUM
    max_length: int = 0  # TEXT
    allowed: tuple[str, ...] = ()  # TEXT: its only values, when the column keeps an enum's value as plain text


@dataclass(frozen=True)
class RecordType:
    key: str  # its key in the file
    model: type[SQLModel]
    doc: str
    fields: tuple[FieldSpec, ...]
    left_out: Mapping[str, str] = field(default_factory=dict)  # a column not in the file: why
    since: int = 1  # the archive version that added it: an earlier file may leave its key out

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)

    @property
    def has_id(self) -> bool:
        return any(spec.kind == FieldKind.ID for spec in self.fields)


def _id() -> FieldSpec:
    return FieldSpec("id", FieldKind.ID)


def _ref(name: str, target: str, *, nullable: bool = False) -> FieldSpec:
    return FieldSpec(name, FieldKind.REF, nullable=nullable, target=target)


def _text(name: str, max_length: int, *, nullable: bool = False) -> FieldSpec:
    return FieldSpec(name, FieldKind.TEXT, nullable=nullable, max_length=max_length)


def _enum(name: str, choices: type[StrEnum]) -> FieldSpec:
    return FieldSpec(name, FieldKind.ENUM, choices=choices)


def _int(name: str) -> FieldSpec:
    return FieldSpec(name, FieldKind.INT)


def _bool(name: str) -> FieldSpec:
    return FieldSpec(name, FieldKind.BOOL)


def _at(name: str, *, nullable: bool = False) -> FieldSpec:
    return FieldSpec(name, FieldKind.DATETIME, nullable=nullable)


def _words(name: str, *, nullable: bool = False) -> FieldSpec:
    return FieldSpec(name, FieldKind.WORDS, nullable=nullable)


_VERSION = _int("version")
_FORUM_ID = {"forum_id": "every record belongs to the archived forum"}
_KEY = 64  # creation and form keys: opaque double-tap keys, copied as they are

# In the order an import writes them: a record comes after every type it points at.
RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType(
        "forum", Forum, "The forum itself: one object, not a list.",
        (
            _text("title", 200), _text("province_code", 2), _text("district_code", 4), _text("tambon_code", 6),
            FieldSpec("forum_date", FieldKind.DATE), _text("venue", 200), _enum("language", Language),
            _enum("stage", Stage), _int("revision"), _VERSION, _text("area_name_th", 300),
            _text("area_name_en", 300), FieldSpec("tree_labels", FieldKind.LABELS), _at("created_at"),
            _at("updated_at"),
        ),
        {
            "id": "the forum is the file; the import gives it a new id",
            "code": "the join code: the import draws a new one",
            "facilitator_token_hash": "a secret: the import draws a new facilitator key",
            "projector_token_hash": "a secret: the new console opens a new projector link",
            "creation_key": "the hash of the facilitator key the forum was created with (a secret)",
        },
    ),
    RecordType(
        "participants", Participant, "Everyone who joined, and people without a phone the facilitator registered.",
        (_id(), _text("display_name", 100), _text("organisation", 200), _enum("sector", Sector),
         _at("consented_at"), _at("created_at"), _at("updated_at")),
        {**_FORUM_ID, "token_hash": "a secret of the person's phone link", "device_hash": "a secret of the phone"},
    ),
    RecordType(
        "registered_people", RegisteredPerson, "Participants registered at the console, who have no phone link.",
        (_ref("participant_id", "participants"), _text("form_key", _KEY), _at("created_at")),
        _FORUM_ID,
    ),
    RecordType(
        "contributions", Contribution, "Posts: root causes, funds, benefits and other points.",
        (
            _id(), _ref("participant_id", "participants", nullable=True), _enum("kind", ContributionKind),
            _text("text", 500), _enum("status", ContributionStatus), _text("category", 40, nullable=True),
            _ref("merged_into_id", "contributions", nullable=True), _bool("in_tree"),
            _words("words", nullable=True), _VERSION, _at("created_at"), _at("updated_at"),
        ),
        _FORUM_ID,
    ),
    RecordType(
        "themes", Theme, "Named groups of posts (ประเด็น); a dissolved theme is kept for the plan's links.",
        (_id(), _text("name", 120), _text("creation_key", _KEY, nullable=True), _VERSION,
         _at("dissolved_at", nullable=True), _at("created_at"), _at("updated_at")),
        _FORUM_ID,
    ),
    RecordType(
        "theme_posts", ThemePost, "Which theme a post is in (one at most).",
        (_ref("contribution_id", "contributions"), _ref("theme_id", "themes"), _at("added_at")),
    ),
    RecordType(
        "theme_rejections", ThemeRejection, "Suggested groups of posts the facilitator turned down.",
        (_id(), FieldSpec("contribution_ids", FieldKind.REFS, target="contributions"), _at("created_at")),
        {**_FORUM_ID, "posts_key": "a digest of the posts' ids: worked out again from their new ids"},
    ),
    RecordType(
        "action_items", ActionItem, "The action plan's activities, deleted ones too (a delete can be undone).",
        (
            _id(), _text("activity", 300), _text("objective", FREE_TEXT_MAX), _text("target_group", 300),
            _text("area", 200), _text("lead_organisation", 200), _text("partners", FREE_TEXT_MAX),
            _int("budget_baht"), _enum("fund_source", FundSource),
            FieldSpec("start_date", FieldKind.DATE, nullable=True),
            FieldSpec("end_date", FieldKind.DATE, nullable=True),
            _text("indicator", 300), _text("expected_result", FREE_TEXT_MAX), _VERSION,
            _text("creation_key", _KEY, nullable=True), _at("deleted_at", nullable=True), _at("created_at"),
            _at("updated_at"),
        ),
        _FORUM_ID,
    ),
    RecordType(
        "action_item_contributions", ActionItemContribution, "The posts an activity answers, as they were when tied.",
        (_ref("action_item_id", "action_items"), _ref("contribution_id", "contributions"),
         FieldSpec("linked_kind", FieldKind.TEXT, max_length=32, allowed=KINDS),
         _text("linked_text", 500), _int("linked_version")),
    ),
    RecordType(
        "action_item_themes", ActionItemTheme, "The themes an activity answers, with the theme's name when tied.",
        (_ref("action_item_id", "action_items"), _ref("theme_id", "themes"), _text("linked_name", 120)),
    ),
    RecordType(
        "commitments", Commitment, "What organisations committed to do for an activity.",
        (_id(), _ref("action_item_id", "action_items"), _ref("participant_id", "participants", nullable=True),
         _text("organisation", 200), _text("text", 500), _at("created_at"), _at("updated_at")),
        _FORUM_ID,
    ),
    RecordType(
        "overlap_marks", OverlapMark, "The facilitator's word on two plans that overlap.",
        (_id(), FieldSpec("first", FieldKind.SIDE), FieldSpec("second", FieldKind.SIDE),
         _enum("decision", OverlapDecision), _VERSION, _at("updated_at")),
        _FORUM_ID,
    ),
    RecordType(
        "tree_ties", TreeTie, "Paths tied across the welfare tree: root cause → fund → benefit.",
        (_id(), _ref("root_id", "contributions", nullable=True), _ref("fund_id", "contributions", nullable=True),
         _ref("benefit_id", "contributions", nullable=True), _at("created_at")),
        _FORUM_ID,
    ),
    RecordType(
        "votes", Vote, "Dot votes.",
        (
            _id(), _text("question", 300), _int("dots_per_person"), _int("cap_per_option"),
            _enum("results_shown", ResultsShown), _enum("status", VoteStatus), _bool("revealed"),
            _text("creation_key", _KEY), _VERSION, _at("opened_at"), _at("closed_at", nullable=True),
            _at("revealed_at", nullable=True), _at("updated_at"),
        ),
        _FORUM_ID,
    ),
    RecordType(
        "vote_options", VoteOption, "A vote's options: a post or a theme, with its words as they were at opening.",
        (_id(), _ref("vote_id", "votes"), _enum("subject_kind", OptionSubject),
         FieldSpec("subject_id", FieldKind.SUBJECT), _text("label", 500), _int("position")),
    ),
    RecordType(
        "ballots", Ballot, "How many of their dots each person spent in each vote.",
        (_ref("vote_id", "votes"), _ref("participant_id", "participants"), _int("budget"), _int("used")),
    ),
    RecordType(
        "vote_dots", VoteDot, "Each person's dots on each option.",
        (_ref("option_id", "vote_options"), _ref("participant_id", "participants"), _ref("vote_id", "votes"),
         _int("cap"), _int("dots")),
    ),
    RecordType(
        "stage_reveals", StageReveal, "Per stage: whether screens show the posts yet.",
        (_enum("stage", Stage), _bool("hold_until_revealed"), _bool("phones_show_posts"), _bool("revealed"),
         _at("revealed_at", nullable=True), _VERSION, _at("updated_at")),
        _FORUM_ID,
    ),
    RecordType(
        "reveal_events", RevealEvent, "Each reveal or hide of a stage's posts.",
        (_id(), _enum("stage", Stage), _enum("kind", RevealEventKind), _text("by_role", 32), _at("at")),
        _FORUM_ID,
    ),
    RecordType(
        "stage_timer", StageTimer, "The stage timer (at most one record).",
        (_enum("status", TimerStatus), _at("ends_at", nullable=True), _int("remaining_seconds"),
         _int("total_seconds"), _VERSION, _at("updated_at")),
        _FORUM_ID,
    ),
    RecordType(
        "left_out_words", LeftOutWords, "Words the word cloud leaves out (at most one record).",
        (_words("words"), _VERSION, _at("updated_at")),
        _FORUM_ID,
    ),
    RecordType(
        "moderation_settings", ModerationSetting, "Whether posts wait for approval (at most one record).",
        (_bool("pre_approval"), _VERSION, _at("updated_at")),
        _FORUM_ID,
    ),
    RecordType(
        "moderation_words", ModerationWords, "The forum's own words that hold a post (at most one record).",
        (_words("words"), _VERSION, _at("updated_at")),
        _FORUM_ID,
    ),
    RecordType(
        "moderation_events", ModerationEvent, "The moderation log.",
        (_id(), _enum("action", ModerationAction), _ref("contribution_id", "contributions", nullable=True),
         _ref("participant_id", "participants", nullable=True), _text("by_role", 32),
         _text("reason", FREE_TEXT_MAX), _text("detail", FREE_TEXT_MAX * 4), _at("at")),
        _FORUM_ID,
    ),
    RecordType(
        "progress_reports", ProgressReport,
        "Progress reports on commitments and action items, by owners or the facilitator; each a new one.",
        (
            _id(), _enum("subject_kind", ProgressSubject), FieldSpec("subject_id", FieldKind.SUBJECT),
            _enum("status", ProgressStatus), _int("percent"), _text("note", 1000), _int("spent_baht"),
            FieldSpec("reported_on", FieldKind.DATE),
            FieldSpec("reported_by", FieldKind.TEXT, max_length=32, allowed=("owner", "facilitator")),
            _text("creation_key", _KEY), _at("created_at"),
        ),
        _FORUM_ID,
        since=2,
    ),
    RecordType(
        "commitment_weights", CommitmentWeight, "How much a commitment counts in its activity's progress (1 if none).",
        (_ref("commitment_id", "commitments"), _int("weight"), _VERSION, _at("updated_at")),
        since=2,
    ),
)  # fmt: skip
BY_KEY: Mapping[str, RecordType] = MappingProxyType({record.key: record for record in RECORD_TYPES})
# "item:12" points at an action item, "commitment:40" at a commitment.
SIDE_TARGETS = MappingProxyType({"item": "action_items", "commitment": "commitments"})
# A subject_kind's value → the record type its subject_id points at (a vote option's, a progress report's).
SUBJECT_TARGETS = MappingProxyType(
    {
        OptionSubject.POST: "contributions",
        OptionSubject.THEME: "themes",
        ProgressSubject.COMMITMENT: "commitments",
        ProgressSubject.ACTION_ITEM: "action_items",
    }
)


def _describe_field(spec: FieldSpec) -> dict[str, Any]:
    shapes: dict[FieldKind, dict[str, Any]] = {
        FieldKind.ID: {"type": "integer", "description": "this record's id in the exporting installation"},
        FieldKind.REF: {"type": "integer", "description": f"the id of one of `{spec.target}`"},
        FieldKind.REFS: {"type": "array", "items": {"type": "integer"}, "description": f"ids of `{spec.target}`"},
        FieldKind.SUBJECT: {"type": "integer", "description": "the id of a record of the type subject_kind names"},
        FieldKind.SIDE: {"type": "string", "pattern": r"^(item|commitment):[0-9]+$"},
        FieldKind.TEXT: {"type": "string", "maxLength": spec.max_length}
        | ({"enum": list(spec.allowed)} if spec.allowed else {}),
        FieldKind.INT: {"type": "integer"},
        FieldKind.BOOL: {"type": "boolean"},
        FieldKind.ENUM: {"type": "string", "enum": [member.value for member in spec.choices or ()]},
        FieldKind.DATE: {"type": "string", "format": "date"},
        FieldKind.DATETIME: {"type": "string", "format": "date-time"},
        FieldKind.WORDS: {"type": "array", "items": {"type": "string"}, "maxItems": WORDS_MAX},
        FieldKind.LABELS: {"type": "object", "additionalProperties": {"type": "string"}},
    }
    shape = shapes[spec.kind]
    if spec.nullable:
        shape = {"anyOf": [shape, {"type": "null"}]}
    return shape


def describe() -> dict[str, Any]:
    """This version's schema as JSON-Schema-like data: each record type, its fields, what it leaves out."""
    records = {
        record.key: {
            "type": "object",
            "description": record.doc,
            "required": [spec.name for spec in record.fields],
            "additionalProperties": False,
            "properties": {spec.name: _describe_field(spec) for spec in record.fields},
            "x-left-out": dict(record.left_out),
            "x-since-version": record.since,
        }
        for record in RECORD_TYPES
    }
    return {
        "title": "Welfare forum archive",
        "description": (__doc__ or "").strip(),
        "type": "object",
        "required": ["format", "version", "exported_at", *BY_KEY],
        "properties": {
            "format": {"const": ARCHIVE_FORMAT},
            "version": {"const": ARCHIVE_VERSION},
            "exported_at": {"type": "string", "format": "date-time"},
            **{
                key: record if key == "forum" else {"type": "array", "items": record} for key, record in records.items()
            },
        },
        "x-not-archived": dict(NOT_ARCHIVED),
    }
