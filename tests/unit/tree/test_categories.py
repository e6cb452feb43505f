"""categories: the preset welfare categories, their labels, and the keyword suggestion for benefits."""

import pytest

from facilitation.core.errors import UnknownCategory
from facilitation.core.i18n import LANGUAGES, catalogue
from facilitation.sample import data as sample_data
from facilitation.tree.categories import CATEGORY_KEYS, category_label, category_labels, suggest_category


def test_the_preset_categories_follow_the_domain_brief() -> None:
    """Nine welfare categories from the brief plus "other", in a fixed order."""
    assert CATEGORY_KEYS == (
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


@pytest.mark.parametrize("key", CATEGORY_KEYS)
def test_every_category_has_a_thai_and_english_label(key: str) -> None:
    """category_<key> is in the catalogue in both languages and category_label returns it."""
    entry = catalogue()[f"category_{key}"]
    for lang in LANGUAGES:
        assert entry[lang].strip()
        assert category_label(key, lang) == entry[lang]
    assert category_label(key, "th") != category_label(key, "en")


def test_category_labels_keep_the_preset_order() -> None:
    """category_labels maps every key, in CATEGORY_KEYS order, to its label."""
    labels = category_labels("en")
    assert tuple(labels) == CATEGORY_KEYS
    assert labels["sickness"] == "Sickness and hospital stays"
    assert category_labels("th")["housing"] == "ที่อยู่อาศัย"


def test_an_unknown_category_has_no_label() -> None:
    """Asking for a key outside the presets is a domain error, not a blank."""
    with pytest.raises(UnknownCategory):
        category_label("pets", "th")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("สมาชิกคลอดลูกได้ 1,000 บาท", "birth"),
        ("ค่ารับขวัญเด็กแรกเกิด", "birth"),
        ("นอนโรงพยาบาลได้คืนละ 200 บาท", "sickness"),
        ("ค่าเฝ้าไข้เวลานอน รพ.", "sickness"),
        ("ช่วยค่ารักษาเวลาเจ็บป่วย", "sickness"),
        ("บำนาญชุมชนปีละ 1,200 บาท", "old_age"),
        ("เงินชราภาพสำหรับสมาชิก", "old_age"),
        ("เยี่ยมผู้สูงอายุที่อยู่คนเดียว", "old_age"),
        ("สมาชิกเสียชีวิตได้ 3,000 บาท", "death"),
        ("ช่วยงานฌาปนกิจ", "death"),
        ("ทุนการศึกษาทุนละ 500 บาท", "education"),
        ("ค่ารถนักเรียนไปโรงเรียน", "education"),
        ("เบี้ยคนพิการ", "disability"),
        ("ยืมรถเข็นและกายอุปกรณ์", "disability"),
        ("ช่วยเหลือผู้ด้อยโอกาส", "disability"),
        ("ช่วยบ้านที่ไฟไหม้", "disaster"),
        ("ถุงยังชีพช่วงน้ำท่วม", "disaster"),
        ("ช่วยเกษตรกรช่วงภัยแล้ง", "disaster"),
        ("ซ่อมบ้านให้ครอบครัวยากจน", "housing"),
        ("โครงการที่อยู่อาศัยมั่นคง", "housing"),
        ("ฝึกอาชีพทอผ้า", "occupation"),
        ("หาตลาดให้สินค้าชุมชน เพิ่มรายได้", "occupation"),
        ("ประชุมทุกสามเดือน", "other"),
        ("", "other"),
    ],
)
def test_thai_keywords_suggest_a_category(text: str, expected: str) -> None:
    """Thai keywords from the domain brief pick their category; nothing matching gives "other"."""
    assert suggest_category(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Birth gift of 1,000 baht", "birth"),
        ("200 baht a night in HOSPITAL", "sickness"),
        ("Community pension for members over 60", "old_age"),
        ("Funeral help", "death"),
        ("Scholarships for students", "education"),
        ("Wheelchairs for disabled people", "disability"),
        ("Relief after the flood", "disaster"),
        ("Repair of houses", "housing"),
        ("Vocational training and a market", "occupation"),
        ("A quarterly follow-up meeting", "other"),
    ],
)
def test_english_keywords_suggest_a_category(text: str, expected: str) -> None:
    """English keywords work too, whatever their case, plural included."""
    assert suggest_category(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # What the benefit gives beats who receives it.
        ("ซ่อมบ้านคนพิการ", "housing"),
        ("ฝึกอาชีพผู้สูงอายุ", "occupation"),
        ("ทุนการศึกษาเด็กพิการ", "education"),
        ("นอนโรงพยาบาลสำหรับผู้สูงอายุ", "sickness"),
        # Life events beat the kind of help given for them.
        ("ค่าทำศพผู้ป่วยติดเตียง", "death"),
        ("คลอดลูกที่โรงพยาบาล", "birth"),
        ("ซ่อมบ้านหลังน้ำท่วม", "disaster"),
        # Older and disabled people together: disability comes first.
        ("เบี้ยยังชีพผู้สูงอายุและคนพิการ", "disability"),
    ],
)
def test_the_order_of_rules_settles_texts_that_match_two(text: str, expected: str) -> None:
    """First matching rule wins: events, then what is given, then who receives it."""
    assert suggest_category(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ทำห้องน้ำให้ปลอดภัย", "other"),  # ปลอดภัย (safe) is no disaster
        ("เด็กอยู่กับตายาย", "other"),  # ตายาย (grandparents) is no death
        ("ผู้ใหญ่บ้านช่วยประสานหมู่บ้าน", "other"),  # a village headman is no housing
        ("เยี่ยมบ้านผู้สูงอายุติดบ้าน", "old_age"),  # a home visit is no housing
        ("เวทีแลกเปลี่ยนเรียนรู้", "other"),  # learning exchange is no schooling
        ("ศพค. ช่วยครอบครัว", "other"),  # a family centre is no funeral
        ("Support per household", "other"),  # "house" only as a whole word
        ("Village skills day", "other"),
    ],
)
def test_words_that_only_contain_a_keyword_do_not_match(text: str, expected: str) -> None:
    """Common phrases that contain a keyword with another meaning are not matched."""
    assert suggest_category(text) == expected


SAMPLE_BENEFITS = {
    "b_birth": "birth",
    "b_hospital": "sickness",
    "b_scholar": "education",
    "b_death": "death",
    "b_pension": "old_age",
    "b_homecare": "old_age",
    "b_devices": "disability",
    "b_repair": "housing",
    "b_training": "occupation",
    "b_ride": "sickness",
    "b_visit_monk": "old_age",
}


def test_every_sample_benefit_gets_the_category_a_facilitator_would_choose() -> None:
    """The Sila sample's benefits land on sensible branches."""
    benefits = {c.key: c.text for c in sample_data.CONTRIBUTIONS if c.kind == "benefit"}
    assert set(benefits) == set(SAMPLE_BENEFITS)
    assert {key: suggest_category(text) for key, text in benefits.items()} == SAMPLE_BENEFITS


def test_suggestion_is_deterministic_and_case_blind() -> None:
    """The same text always gives the same key; English case does not matter."""
    text = "นอนโรงพยาบาลได้คืนละ 200 บาท"
    assert {suggest_category(text) for _ in range(5)} == {"sickness"}
    assert suggest_category("FUNERAL") == suggest_category("funeral") == "death"
