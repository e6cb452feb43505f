"""Preset welfare categories (the tree's branches) and a keyword guess for each benefit."""

import re
import unicodedata
from functools import cache, lru_cache

from facilitation.core.errors import UnknownCategory
from facilitation.core.i18n import t

CATEGORY_KEYS = (
    "birth",
    "sickness",
    "old_age",
    "death",
    "education",
    "disability",
    "disaster",
    "housing",
    "occupation",
    "other",
)
FALLBACK = "other"
LABEL_PREFIX = "category_"

# First matching rule wins. What a benefit gives (a funeral, a hospital night, a scholarship,
# a house repair, training) comes before who receives it (older people, disabled people), so
# "ซ่อมบ้านคนพิการ" is housing and "ฝึกอาชีพผู้สูงอายุ" is occupation.
RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("death", ("เสียชีวิต", "ตาย", "ศพ", "ฌาปนกิจ", "death", "funeral", "cremation", "died")),
    ("birth", ("คลอด", "แรกเกิด", "เกิดใหม่", "การเกิด", "รับขวัญ", "ตั้งครรภ์", "ฝากครรภ์", "ทารก")),
    ("birth", ("birth", "newborn", "baby", "babies", "maternity", "pregnant", "pregnancy")),
    ("disaster", ("ภัย", "ไฟไหม้", "เพลิงไหม้", "น้ำท่วม", "น้ำป่า", "พายุ", "ดินถล่ม", "แผ่นดินไหว")),
    ("disaster", ("disaster", "fire", "flood", "flooding", "drought", "storm", "landslide", "earthquake")),
    ("sickness", ("โรงพยาบาล", "รพ.", "นอน รพ", "ป่วย", "เจ็บ", "รักษา", "เฝ้าไข้", "หมอ", "แพทย์", "ค่ายา")),
    ("sickness", ("hospital", "sick", "sickness", "illness", "medical", "treatment", "clinic", "doctor", "patient")),
    ("education", ("ทุนการศึกษา", "การศึกษา", "นักเรียน", "นักศึกษา", "โรงเรียน", "เรียน", "ค่าเทอม")),
    ("education", ("education", "scholarship", "school", "student", "tuition", "study", "studies")),
    ("housing", ("ซ่อมบ้าน", "สร้างบ้าน", "บ้าน", "ที่อยู่อาศัย", "ที่พักอาศัย", "หลังคา")),
    ("housing", ("housing", "house", "home repair", "shelter", "roof")),
    ("occupation", ("อาชีพ", "ฝึกอาชีพ", "รายได้", "ตลาด", "ทำกิน")),
    ("occupation", ("occupation", "income", "job", "vocational", "livelihood", "market")),
    ("disability", ("พิการ", "ด้อยโอกาส", "ผู้ยากไร้", "กายอุปกรณ์", "รถเข็น", "ไม้เท้า", "วอล์กเกอร์")),
    ("disability", ("disabled", "disability", "disabilities", "disadvantaged", "wheelchair", "assistive", "walker")),
    ("old_age", ("ผู้สูงอายุ", "สูงอายุ", "บำนาญ", "ชราภาพ", "คนชรา", "คนแก่", "ผู้เฒ่า")),
    ("old_age", ("older", "elder", "elderly", "pension", "old age", "aged", "senior")),
)

# Phrases that contain a keyword but mean something else, blanked before matching: "ปลอดภัย"
# is safe, "ตายาย" grandparents, "ศพค." a family centre, "ติดบ้าน" homebound, "หมู่บ้าน" a village.
NOT_KEYWORDS = (
    "ปลอดภัย",
    "อภัย",
    "ตายาย",
    "ตายตัว",
    "ศพค",
    "ศพด",
    "หมอน",
    "หมอลำ",
    "หมู่บ้าน",
    "ผู้ใหญ่บ้าน",
    "ชาวบ้าน",
    "ลูกบ้าน",
    "ติดบ้าน",
    "เยี่ยมบ้าน",
    "บ้านเกิด",
    "เรียนรู้",
)


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    compiled = []
    for key, words in RULES:
        # English keywords are whole words, plural allowed ("house" must not match "household");
        # Thai is written without spaces, so its keywords match anywhere.
        parts = [rf"\b{re.escape(word)}(?:e?s)?\b" if word.isascii() else re.escape(word) for word in words]
        compiled.append((key, re.compile("|".join(parts))))
    return tuple(compiled)


def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFC", text).casefold()
    for phrase in NOT_KEYWORDS:
        folded = folded.replace(phrase, " ")
    return folded


# The projector redraws the same benefits over and over: each text is matched once. Bounded,
# since a long-running server sees every forum's texts.
@lru_cache(maxsize=8192)
def suggest_category(text: str) -> str:
    """The welfare category a benefit's text most likely belongs to ("other" when nothing matches)."""
    folded = _normalise(text)
    for key, pattern in _patterns():
        if pattern.search(folded):
            return key
    return FALLBACK


def ensure_category(key: str) -> str:
    """`key` if it is a preset category; raises UnknownCategory otherwise."""
    if key not in CATEGORY_KEYS:
        raise UnknownCategory(category=key)
    return key


def category_label(key: str, lang: str = "th") -> str:
    """The label of a preset category in `lang`."""
    return t(LABEL_PREFIX + ensure_category(key), lang)


def category_labels(lang: str = "th") -> dict[str, str]:
    """Every preset category's label in `lang`, in CATEGORY_KEYS order."""
    return {key: category_label(key, lang) for key in CATEGORY_KEYS}
