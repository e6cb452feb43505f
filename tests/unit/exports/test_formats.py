"""formats: every file on the summary page builds, opens as its kind, and leaves names out when anonymised."""

import html
import io
import json
import re
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.exports import formats
from facilitation.exports.formats import FORMATS, ExportRequest, export_format, file_name
from facilitation.forum.forums import CreatedForum
from facilitation.sample import data as sample_data
from facilitation.sample.load import load_sample_forum
from models import saved_id

# First names only: long enough to be nobody's organisation, and one run of text in every format.
NAMES = [person.name.split()[0] for person in sample_data.PARTICIPANTS]
JOIN_URL = "http://192.168.1.20:8501/join/"


@pytest.fixture
def sample(engine: Engine) -> CreatedForum:
    with write_session(engine) as session:
        return load_sample_forum(session=session)


@pytest.fixture(autouse=True)
def no_browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # The tree's picture needs kaleido and a browser: the PDF and Word tests draw it on their own.
    monkeypatch.setattr(formats, "_tree", lambda session, request: None)
    yield


def _text(key: str, data: bytes) -> str:
    """What a reader of the file finds in it, Thai normalised and break points removed."""
    if data.startswith(b"%PDF"):
        found = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True).stdout
        text = found.decode("utf-8")
    elif data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [
                archive.read(name).decode("utf-8-sig") for name in archive.namelist() if name.endswith((".xml", ".csv"))
            ]
        text = html.unescape(re.sub(r"<[^>]+>", "", "".join(parts)))
    else:
        text = json.dumps(json.loads(data), ensure_ascii=False)
    return unicodedata.normalize("NFC", text.replace("\u200b\n", "").replace("\u200b", ""))


def _build(engine: Engine, forum_id: int, key: str, *, anonymise: bool, lang: str = "th") -> bytes:
    steps: list[int] = []
    with read_session(engine) as session:
        request = ExportRequest(forum_id, key, lang, anonymise, JOIN_URL + "ABC123")
        data = export_format(key).build(session, request, steps.append)
    assert steps == sorted(steps) and all(0 < step < len(export_format(key).steps) for step in steps)
    return data


@pytest.mark.parametrize("key", [export.key for export in FORMATS if export.anonymisable])
def test_each_format_names_people_only_when_not_anonymised(engine: Engine, sample: CreatedForum, key: str) -> None:
    forum_id = saved_id(sample.forum)
    named = _text(key, _build(engine, forum_id, key, anonymise=False))
    hidden = _text(key, _build(engine, forum_id, key, anonymise=True))
    assert sample_data.TITLE_TH in named or key in ("xlsx", "csv")  # the tables hold rows, not the title
    assert [name for name in NAMES if name in named], f"{key}: no participant named at all"
    assert [name for name in NAMES if name in hidden] == []
    # What organisations committed to stays: it is public.
    promise = sample_data.COMMITMENTS[0].text[:20]
    assert promise in hidden.replace("\n", "")


@pytest.mark.parametrize("key", ["p02_xlsx", "p02_docx"])
def test_the_plan_form_names_no_participant_and_offers_no_anonymised_kind(
    engine: Engine, sample: CreatedForum, key: str
) -> None:
    """Form ผ.02 holds the plan and its lead agencies, never a participant: there is nothing to anonymise."""
    text = _text(key, _build(engine, saved_id(sample.forum), key, anonymise=False))
    assert sample_data.ACTION_ITEMS[0].activity in text
    assert [name for name in NAMES if name in text] == []
    assert not export_format(key).anonymisable


def test_the_poster_carries_the_join_link_and_no_name(engine: Engine, sample: CreatedForum) -> None:
    text = _text("poster", _build(engine, saved_id(sample.forum), "poster", anonymise=True))
    assert JOIN_URL + "ABC123" in text.replace("\n", "")
    assert [name for name in NAMES if name in text] == []


def test_file_names_tell_the_forum_the_kind_and_the_language(engine: Engine, sample: CreatedForum) -> None:
    forum = sample.forum
    names = {file_name(forum, ExportRequest(saved_id(forum), export.key, "th", anonymise=True)) for export in FORMATS}
    assert len(names) == len(FORMATS)
    for name in names:
        assert name.startswith(f"forum-{forum.code}-{forum.forum_date.isoformat()}-") and "-th." in name
    assert file_name(forum, ExportRequest(saved_id(forum), "pdf", "en", anonymise=True)).endswith("-pdf-anon-en.pdf")
    assert "anon" not in file_name(forum, ExportRequest(saved_id(forum), "poster", "th", anonymise=True))
