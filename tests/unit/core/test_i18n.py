"""i18n: the string catalogue is complete and consistent; dates and baht are formatted as people write them."""

import inspect
import re
import string
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from facilitation.core import errors
from facilitation.core.i18n import LANGUAGES, catalogue, format_baht, format_clock, format_date, t
from facilitation.exports.formats import FORMATS
from facilitation.forum.policy import Action
from facilitation.tree.categories import CATEGORY_KEYS
from models import (
    ContributionKind,
    ContributionStatus,
    FundSource,
    ModerationAction,
    OverlapDecision,
    ProgressStatus,
    ResultsShown,
    Sector,
    Stage,
)

ROOT = Path(__file__).resolve().parents[3]
SOURCES = sorted([*ROOT.glob("pages/*.py"), ROOT / "app.py", *ROOT.glob("facilitation/**/*.py")])
# tr("key"), ui.tr("key"), t("key"): not .get("key") or print("...").
CALL = r"(?:\bui\.tr|(?<![\w.])tr|(?<![\w.])t)\(\s*"
LITERAL_KEY = re.compile(CALL + r"""(["'])([a-z][a-z0-9_]*)\1""")
FSTRING_KEY = re.compile(CALL + r"""f(["'])([a-z0-9_]*)\{""")
MESSAGE_KEY = re.compile(r"""message_key\s*=\s*(["'])([a-z0-9_]+)\1""")
# Prefix of an f-string key → the keys it can produce.
PROJECTOR_VIEWS = ("feed", "tree", "sankey", "words", "themes", "vote", "sides")
DYNAMIC_KEYS = {
    "stage_": [f"stage_{s.value}" for s in Stage],
    "action_": [f"action_{a.value}" for a in Action],
    "console_stage_help_": [f"console_stage_help_{s.value}" for s in Stage],
    "phone_": [f"phone_{s.value}_intro" for s in Stage],
    "kind_": [f"kind_{k.value}" for k in ContributionKind],
    "sector_": [f"sector_{s.value}" for s in Sector],
    "fund_": [f"fund_{f.value}" for f in FundSource],
    "category_": [f"category_{key}" for key in CATEGORY_KEYS],
    "tree_part_": [f"tree_part_{part}" for part in ("roots", "trunk", "branches", "fruits", "leaves")],
    "projector_view_": [
        f"projector_view_{view}" for view in ("feed", "tree", "sankey", "words", "themes", "vote", "sides")
    ],
    "overlap_": [f"overlap_{decision.value}" for decision in OverlapDecision],
    "overlap_do_": [f"overlap_do_{decision.value}" for decision in OverlapDecision],
    "overlap_suggest_": [f"overlap_suggest_{suggestion}" for suggestion in ("merge", "coordinate")],
    "overlap_suggestion_": [f"overlap_suggestion_{suggestion}" for suggestion in ("merge", "coordinate")],
    "moderation_action_": [f"moderation_action_{action.value}" for action in ModerationAction],
    "moderation_by_": [f"moderation_by_{role}" for role in ("facilitator", "organiser", "filter", "pre_approval")],
    "moderation_pre_approval_": ["moderation_pre_approval_on", "moderation_pre_approval_off"],
    "moderation_state_": [f"moderation_state_{status.value}" for status in ContributionStatus],
    "vote_results_": [f"vote_results_{shown.value}" for shown in ResultsShown],
    "export_": [f"export_{export.key}{line}" for export in FORMATS for line in ("", "_line")],
    "progress_status_": [f"progress_status_{status.value}" for status in ProgressStatus],
    "progress_flag_": [f"progress_flag_{flag}" for flag in ("overdue", "stalled")],
}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _sources() -> dict[str, str]:
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in SOURCES}


def test_sources_are_found() -> None:
    """The scan sees the app, its pages and the services."""
    names = set(_sources())
    assert {"app.py", "facilitation/present/cards.py", "facilitation/exports/markdown.py"} <= names
    assert any(name.startswith("pages/") for name in names)


def test_every_key_has_thai_and_english() -> None:
    """Each catalogue entry has non-empty th and en strings."""
    entries = catalogue()
    assert len(entries) > 50
    for key, entry in entries.items():
        for lang in LANGUAGES:
            assert isinstance(entry.get(lang), str) and entry[lang].strip(), f"{key} lacks {lang}"


def test_placeholders_match_between_languages() -> None:
    """{name} placeholders are the same set in th and en."""
    for key, entry in catalogue().items():
        assert _placeholders(entry["th"]) == _placeholders(entry["en"]), key


def test_every_literal_key_in_code_exists() -> None:
    """Every tr("key"), t("key") and message_key = "key" in the code is in the catalogue."""
    used: dict[str, str] = {}
    for name, source in _sources().items():
        for pattern in (LITERAL_KEY, MESSAGE_KEY):
            for match in pattern.finditer(source):
                used.setdefault(match.group(2), name)
    assert len(used) > 50
    missing = {key: name for key, name in used.items() if key not in catalogue()}
    assert missing == {}


def test_every_dynamic_key_prefix_is_known() -> None:
    """f-string keys only use prefixes this test knows how to expand."""
    prefixes = {match.group(2) for source in _sources().values() for match in FSTRING_KEY.finditer(source)}
    assert {"stage_", "kind_", "sector_", "fund_"} <= prefixes
    assert prefixes <= set(DYNAMIC_KEYS), prefixes - set(DYNAMIC_KEYS)


@pytest.mark.parametrize("prefix", sorted(DYNAMIC_KEYS))
def test_every_enum_value_has_its_key(prefix: str) -> None:
    """stage_*, kind_*, sector_*, fund_*, console_stage_help_* and phone_*_intro exist for every value."""
    missing = [key for key in DYNAMIC_KEYS[prefix] if key not in catalogue()]
    assert missing == []


def test_every_error_message_key_exists_and_formats_with_its_details() -> None:
    """Each domain error's message_key is in the catalogue and needs no unknown placeholder."""
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.ForumError)]
    assert len(classes) >= 14
    for cls in classes:
        assert cls.message_key in catalogue(), cls.__name__
    too_long = errors.TextTooLong(limit=500, length=612)
    assert t(too_long.message_key, "th", **too_long.details) == "ข้อความยาวเกิน 500 ตัวอักษร (ตอนนี้ 612) โปรดย่อให้สั้นลง"
    assert "612" in t(too_long.message_key, "en", **too_long.details)
    area = errors.InvalidArea(province="40", district="", tambon="")
    assert t(area.message_key, "en", **area.details) == catalogue()["error_invalid_area"]["en"]


def test_t_fills_placeholders_and_picks_the_language() -> None:
    """t() returns the language's string with values filled in."""
    assert t("feed_more", "th", count=3) == "และอีก 3 ข้อความ"
    assert t("feed_more", "en", count=3) == "and 3 more"
    assert t("app_title") == catalogue()["app_title"]["th"]


def test_t_falls_back_to_thai_for_an_unknown_language() -> None:
    """A language with no string falls back to Thai."""
    assert t("app_title", "fr") == catalogue()["app_title"]["th"]


def test_t_unknown_key_raises() -> None:
    """An unknown key is a KeyError, not a blank."""
    with pytest.raises(KeyError):
        t("no_such_key_anywhere")


@pytest.mark.parametrize(
    ("value", "lang", "short", "expected"),
    [
        (date(2027, 2, 18), "th", False, "18 กุมภาพันธ์ 2570"),
        (date(2027, 2, 18), "th", True, "18 ก.พ. 2570"),
        (date(2027, 2, 18), "en", False, "18 February 2027"),
        (date(2027, 2, 18), "en", True, "18 Feb 2027"),
        (date(2026, 12, 31), "th", False, "31 ธันวาคม 2569"),
        (date(2027, 1, 1), "th", True, "1 ม.ค. 2570"),
        (date(2027, 9, 5), "en", True, "5 Sep 2027"),
        (None, "th", False, "—"),
        (None, "en", True, "—"),
    ],
)
def test_format_date(value: date | None, lang: str, short: bool, expected: str) -> None:
    """Thai dates in the Buddhist era, English in the Common Era, None as a dash."""
    assert format_date(value, lang, short=short) == expected


@pytest.mark.parametrize(
    ("amount", "lang", "expected"),
    [
        (60_000, "th", "60,000 บาท"),
        (60_000, "en", "60,000 baht"),
        (0, "th", "0 บาท"),
        (999, "en", "999 baht"),
        (1_234_567, "th", "1,234,567 บาท"),
    ],
)
def test_format_baht(amount: int, lang: str, expected: str) -> None:
    """Baht with thousands separators."""
    assert format_baht(amount, lang) == expected


def test_a_moment_is_told_on_thailands_clock() -> None:
    moment = datetime(2027, 2, 18, 3, 5, tzinfo=UTC)  # 10:05 in Thailand, UTC+7 all year
    assert (format_clock(moment, "th"), format_clock(moment, "en")) == ("10:05 น.", "10:05")
    assert format_clock(datetime(2027, 2, 18, 17, 30, tzinfo=UTC), "en") == "00:30"
