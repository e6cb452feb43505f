"""thai_wrap: labels broken into lines between words (Thai included), within a width and a number of lines."""

from itertools import accumulate

import pytest
from pythainlp.tokenize import word_tokenize

from facilitation.present.thai_wrap import ELLIPSIS, display_width, wrap_label, wrap_phrases
from facilitation.sample import data as sample_data

TEXTS = tuple(dict.fromkeys(contribution.text for contribution in sample_data.CONTRIBUTIONS))
WIDTHS = range(9, 17)
MAX_LINES = (2, 3)


def _squash(text: str) -> str:
    return "".join(text.split())


def _body(lines: tuple[str, ...]) -> list[str]:
    """The lines without spaces, the ellipsis taken off the last one."""
    body = [_squash(line) for line in lines]
    if body and body[-1].endswith(ELLIPSIS):
        body[-1] = body[-1][: -len(ELLIPSIS)]
    return body


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """newmm's words of `text`, each with its start and end counted in non-space characters."""
    spans, position = [], 0
    for token in word_tokenize(" ".join(text.split()), engine="newmm"):
        size = len(_squash(token))
        if size:
            spans.append((position, position + size, token))
        position += size
    return spans


def test_the_sample_texts_are_thai_and_many() -> None:
    assert len(TEXTS) >= 30
    assert all(any("\u0e00" <= char <= "\u0e7f" for char in text) for text in TEXTS)


@pytest.mark.parametrize("max_lines", MAX_LINES)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_label_never_exceeds_its_width_or_its_lines(width: int, max_lines: int) -> None:
    for text in TEXTS:
        lines = wrap_label(text, width, max_lines)
        assert 1 <= len(lines) <= max_lines, (text, lines)
        assert all(display_width(line) <= width for line in lines), (text, width, lines)
        assert all(line.strip() for line in lines), (text, lines)


@pytest.mark.parametrize("max_lines", MAX_LINES)
@pytest.mark.parametrize("width", WIDTHS)
def test_thai_breaks_only_between_words(width: int, max_lines: int) -> None:
    """The lines are the text's start, in order, and each break falls between two newmm words.

    A break may fall inside a word only when that word alone is wider than a line.
    """
    for text in TEXTS:
        lines = wrap_label(text, width, max_lines)
        body = _body(lines)
        assert _squash(text).startswith("".join(body)), (text, lines)
        tokens = _tokens(text)
        starts = {start for start, _, _ in tokens} | {len(_squash(text))}
        position = 0
        for line in body[:-1]:
            position += len(line)
            if position in starts:
                continue
            inside = next(token for start, end, token in tokens if start < position < end)
            assert display_width(inside) > width, (text, width, lines, inside)


@pytest.mark.parametrize("max_lines", MAX_LINES)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_cut_label_ends_on_a_whole_word_before_its_ellipsis(width: int, max_lines: int) -> None:
    """What shows before "…" ends where a newmm word ends, unless that word with "…" is wider than a line."""
    for text in TEXTS:
        lines = wrap_label(text, width, max_lines)
        if not lines[-1].endswith(ELLIPSIS):
            continue
        end = len("".join(_body(lines)))
        tokens = _tokens(text)
        if end in {stop for _, stop, _ in tokens}:
            continue
        inside = next(token for start, stop, token in tokens if start < end < stop)
        assert display_width(inside) + len(ELLIPSIS) > width, (text, width, lines, inside)


@pytest.mark.parametrize("max_lines", MAX_LINES)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_label_is_cut_with_an_ellipsis_exactly_when_it_does_not_fit(width: int, max_lines: int) -> None:
    truncated = 0
    for text in TEXTS:
        lines = wrap_label(text, width, max_lines)
        complete = "".join(_body(lines)) == _squash(text)
        assert lines[-1].endswith(ELLIPSIS) is not complete, (text, lines)
        assert not any(ELLIPSIS in line for line in lines[:-1])
        truncated += not complete
    assert truncated  # the sample texts are long: most need cutting at these sizes


@pytest.mark.parametrize("text", ["น้ำท่วม", "กองทุนหมู่บ้าน", "Fund", "ค่ายา 200 บาท"])
def test_a_short_text_comes_back_unchanged_on_one_line(text: str) -> None:
    assert wrap_label(text, 16, 2) == (text,)


def test_a_short_text_loses_only_its_extra_spaces() -> None:
    assert wrap_label("  ค่ายา   200  บาท ", 16, 2) == ("ค่ายา 200 บาท",)


def test_an_empty_text_is_one_empty_line() -> None:
    assert wrap_label("", 12, 2) == ("",)


def test_a_label_that_fits_in_two_lines_keeps_all_its_words() -> None:
    text = "ทุนการศึกษาลูกหลานสมาชิก"
    lines = wrap_label(text, 12, 3)
    assert len(lines) == 2
    assert "".join(lines) == text
    assert not lines[-1].endswith(ELLIPSIS)


def test_a_closing_bracket_never_starts_a_line() -> None:
    assert wrap_label("การเดินทาง (1 ข้อความ)", 9, 3) == ("การเดินทาง", "(1", "ข้อความ)")  # not ")" alone


@pytest.mark.parametrize(
    "token", ["ก" * 40, "ฌาปนกิจสงเคราะห์" * 3, "Supercalifragilisticexpialidocious", "1234567890" * 4]
)
@pytest.mark.parametrize("width", [9, 12])
def test_a_very_long_token_is_cut_and_still_fits(token: str, width: int) -> None:
    lines = wrap_label(token, width, 2)
    assert len(lines) == 2
    assert all(0 < display_width(line) <= width for line in lines)
    assert lines[-1].endswith(ELLIPSIS)
    assert token.startswith("".join(_body(lines)))


def test_a_long_token_that_fits_in_the_lines_is_cut_without_an_ellipsis() -> None:
    lines = wrap_label("Supercalifragilistic", 9, 3)
    assert "".join(lines) == "Supercalifragilistic"
    assert all(display_width(line) <= 9 for line in lines)


def test_a_line_never_starts_with_a_tone_mark_or_a_vowel_sign_above_or_below() -> None:
    for text in (*TEXTS, "ฌาปนกิจสงเคราะห์" * 3, "ผู้สูงอายุ" * 6):
        for width in WIDTHS:
            for line in wrap_label(text, width, 3):
                assert display_width(line[0]) == 1, (text, width, line)


@pytest.mark.parametrize(
    ("text", "width"),
    [("ผู้สูงอายุ", 6), ("น้ำ", 2), ("ที่", 1), ("กองทุนหมู่บ้าน", 10), ("abc", 3), ("ค่ายา 200", 8), ("", 0)],
)
def test_display_width_counts_thai_marks_above_and_below_as_nothing(text: str, width: int) -> None:
    assert display_width(text) == width


HOVER_WIDTH = 48  # what tree_figure's hover text uses


def test_wrap_phrases_keeps_every_word_of_the_text_whole() -> None:
    """Hover lines lose nothing, and a phrase too long for a line breaks only between its words."""
    for text in TEXTS:
        lines = wrap_phrases(text, HOVER_WIDTH)
        assert "".join("".join(lines).split()) == "".join(text.split()), (text, lines)
        assert all(display_width(line) <= HOVER_WIDTH for line in lines), lines
        for phrase in text.split():
            if display_width(phrase) <= HOVER_WIDTH:
                continue
            boundaries = set(accumulate(len(word) for word in word_tokenize(phrase, engine="newmm")))
            position = 0
            for line in lines:
                for part in line.split():
                    if part in phrase and phrase.startswith(part, position):
                        position += len(part)
                        assert position in boundaries, (phrase, part)


def test_wrap_phrases_gives_a_word_too_long_for_a_line_lines_of_its_own() -> None:
    text = "the Chaiyaphumsupercalifragilisticprovincialfund pays"
    lines = wrap_phrases(text, 12)
    assert "".join(_squash(line) for line in lines) == _squash(text)
    assert lines[0] == "the"
    assert lines[-1] == "pays"


@pytest.mark.parametrize("width", [*WIDTHS, HOVER_WIDTH])
def test_wrap_phrases_keeps_all_the_text_in_lines_within_the_width(width: int) -> None:
    for text in TEXTS:
        lines = wrap_phrases(text, width)
        assert "".join(_squash(line) for line in lines) == _squash(text), text
        # Only a word wider than a line may make a line wider than `width`.
        assert all(display_width(line) <= width or len(line.split()) == 1 for line in lines), (text, width, lines)
        # Words that fit a line are never split: each is whole on one line.
        words_shown = [word for line in lines for word in line.split()]
        for word in text.split():
            if display_width(word) <= width:
                assert word in words_shown, (text, width, word, lines)


def test_wrap_phrases_breaks_at_spaces_and_fills_lines() -> None:
    text = "alpha beta gamma delta epsilon"
    assert wrap_phrases(text, 11) == ("alpha beta", "gamma delta", "epsilon")
    assert wrap_phrases(text, 100) == (text,)
    assert wrap_phrases("", 10) == ()
