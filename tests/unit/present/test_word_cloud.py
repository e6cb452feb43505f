"""The room's words: Thai cut on word boundaries, counted once per post, drawn as text the browser shapes."""

import re

from facilitation.present.word_cloud import SMALLEST_PX, Word, cloud_html, word_counts, words_of


def test_thai_is_cut_into_words_not_on_spaces() -> None:
    words = words_of("ลูกหลานไปทำงานต่างจังหวัด ผู้สูงอายุอยู่บ้านคนเดียว")
    # Splitting on the one space would give two long "words"; the room's words are these.
    assert {"ลูกหลาน", "ทำงาน", "ต่างจังหวัด", "ผู้สูงอายุ", "คนเดียว"} <= set(words)
    assert "ลูกหลานไปทำงานต่างจังหวัด" not in words
    assert all(len(word) > 1 for word in words)


def test_stop_words_punctuation_and_numbers_are_dropped() -> None:
    words = words_of("มีกองทุนสัจจะวันละบาท และ ที่ มี สมาชิก 1,284 คน !!!")
    assert "กองทุน" in words and "สมาชิก" in words
    assert not {"มี", "และ", "ที่", "คน", "1,284", "!!!"} & set(words)


def test_a_short_post_counts_as_one_phrase() -> None:
    assert words_of("ค่าเดินทาง") == ("ค่าเดินทาง",)
    assert words_of("  กองทุนหมู่บ้าน ") == ("กองทุนหมู่บ้าน",)
    assert words_of("5") == ()
    # Three words or more are cut, even without a space.
    assert len(words_of("รถรับส่งผู้ป่วยติดเตียง")) >= 3


def test_english_is_lower_cased_and_its_stop_words_dropped() -> None:
    assert words_of("Elders have no ride to the Hospital") == ("elders", "ride", "hospital")


def test_brackets_and_quotes_stay_off_the_words() -> None:
    assert set(words_of("(ผู้สูงอายุ) “ไม่มีรถ” ไปโรงพยาบาล (benefit")) >= {"ผู้สูงอายุ", "รถ", "โรงพยาบาล", "benefit"}


def test_a_word_counts_once_per_post_and_the_most_raised_come_first() -> None:
    posts = [
        "ผู้สูงอายุ ผู้สูงอายุ ผู้สูงอายุ ไม่มีคนดูแล",  # one post saying it three times
        "ผู้สูงอายุติดเตียงไม่มีรถไปโรงพยาบาล",
        "ไม่มีรถไปโรงพยาบาลตามนัด",
        "ค่ารถไปโรงพยาบาลแพง",
    ]
    counted = {word.text: word.posts for word in word_counts(posts)}
    assert counted["ผู้สูงอายุ"] == 2
    assert counted["โรงพยาบาล"] == 3
    assert word_counts(posts)[0] == Word("โรงพยาบาล", 3)


def test_excluded_words_and_the_limit() -> None:
    posts = ["กองทุนสวัสดิการชุมชน", "กองทุนหมู่บ้านและกองทุนสวัสดิการชุมชน", "ค่าเดินทาง"]
    assert "กองทุน" not in {word.text for word in word_counts(posts, exclude=[" กองทุน "])}
    assert len(word_counts(posts, limit=2)) == 2


def test_the_cloud_is_escaped_text_no_smaller_than_a_hall_can_read() -> None:
    html = cloud_html([Word("<b>ค่าเดินทาง</b>", 5), Word("รถ&เรือ", 1)], empty="ยังไม่มีข้อความ")
    assert "<b>" not in html and "&lt;b&gt;ค่าเดินทาง&lt;/b&gt;" in html and "รถ&amp;เรือ" in html
    sizes = [int(size) for size in re.findall(r"font-size:(\d+)px", html)]
    assert min(sizes) >= SMALLEST_PX >= 20
    assert max(sizes) > min(sizes)  # the most raised is the biggest


def test_the_most_raised_word_stands_in_the_middle() -> None:
    words = [Word(f"คำที่{rank}", 10 - rank) for rank in range(7)]
    drawn = re.findall(r">(คำที่\d)<", cloud_html(words, empty=""))
    assert drawn.index("คำที่0") == len(drawn) // 2
    assert {drawn[len(drawn) // 2 - 1], drawn[len(drawn) // 2 + 1]} == {"คำที่1", "คำที่2"}


def test_an_empty_cloud_says_so() -> None:
    assert "ยังไม่มีข้อความ" in cloud_html([], empty="ยังไม่มีข้อความ")
