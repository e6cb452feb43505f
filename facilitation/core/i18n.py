"""The UI string catalogue (Thai first, English second) and locale formatting."""

import tomllib
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "assets" / "strings.toml"
LANGUAGES = ("th", "en")
BUDDHIST_ERA_OFFSET = 543
# A year from here on is a Buddhist-era year (2400 B.E. is 1857 C.E.): Thai people type
# the year they live in, 2570, and no forum is planned four centuries ahead.
BUDDHIST_ERA_FROM = 2400
# The forums' clock: Thailand keeps UTC+7 all year, no daylight saving.
THAI_TIME = timezone(timedelta(hours=7), "ICT")

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every UI string: key → {"th": …, "en": …}."""
    with CATALOGUE_PATH.open("rb") as handle:
        return tomllib.load(handle)


def t(key: str, lang: str = "th", **values: object) -> str:
    """The string `key` in `lang`, with `{name}` placeholders filled from `values`."""
    entry = catalogue()[key]
    text = entry.get(lang) or entry["th"]
    return text.format(**values) if values else text


def format_date(value: date | None, lang: str = "th", *, short: bool = False) -> str:
    """A date as people write it: Thai in the Buddhist era, English in the Common Era."""
    if value is None:
        return "—"
    if lang == "th":
        months = THAI_MONTHS_SHORT if short else THAI_MONTHS
        return f"{value.day} {months[value.month - 1]} {value.year + BUDDHIST_ERA_OFFSET}"
    month = ENGLISH_MONTHS[value.month - 1]
    return f"{value.day} {month[:3] if short else month} {value.year}"


def common_era(value: date) -> date | None:
    """`value` with a Buddhist-era year read as such (2570 → 2027); None when that day does not exist.

    29 February 2568 B.E. is no date: 2025 was not a leap year.
    """
    if value.year < BUDDHIST_ERA_FROM:
        return value
    try:
        return value.replace(year=value.year - BUDDHIST_ERA_OFFSET)
    except ValueError:
        return None


def format_baht(amount: int, lang: str = "th") -> str:
    """A sum in baht with thousands separators."""
    return f"{amount:,} บาท" if lang == "th" else f"{amount:,} baht"


def format_clock(moment: datetime, lang: str = "th") -> str:
    """A moment as the time of day in Thailand ("14:05 น.", "14:05")."""
    local = moment.astimezone(THAI_TIME)
    return f"{local:%H:%M} น." if lang == "th" else f"{local:%H:%M}"
