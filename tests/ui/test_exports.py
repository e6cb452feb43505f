"""The summary page's files: each format listed with its line, built off the run, then offered for download."""

import time
from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import write_session
from facilitation.exports import formats
from facilitation.exports.formats import FORMATS
from facilitation.forum.forums import CreatedForum
from facilitation.sample.load import load_sample_forum
from tests.ui.helpers import everything, no_exception, th


@pytest.fixture
def sample(db: Engine) -> CreatedForum:
    with write_session(db) as session:
        return load_sample_forum(session=session)


@pytest.fixture(autouse=True)
def no_tree_picture(monkeypatch: pytest.MonkeyPatch) -> None:
    # kaleido's browser takes seconds to start: the picture is tested with the PDF itself.
    monkeypatch.setattr(formats, "_tree", lambda session, request: None)


def _summary(app: Callable[..., AppTest], created: CreatedForum) -> AppTest:
    at = app(code=created.forum.code, key=created.facilitator_token)
    return at.switch_page("pages/summary.py").run()


def _downloads(at: AppTest) -> dict[str, str]:
    """Download buttons on the page: key → file name."""
    return {button.proto.id.rsplit("-", 1)[-1]: button.proto.label for button in at.get("download_button")}


def _until_offered(at: AppTest, key: str, *, timeout: float = 30) -> AppTest:
    """Runs the page the way its progress fragment does until the file is offered."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        at.run()
        if any(button.proto.id.endswith(f"{key}_download") for button in at.get("download_button")):
            return at
        time.sleep(0.2)
    raise AssertionError(f"{key} was never offered")


def test_every_format_is_listed_with_one_line(app: Callable[..., AppTest], sample: CreatedForum) -> None:
    at = _summary(app, sample)
    no_exception(at)
    text = everything(at)
    for export in FORMATS:
        assert th(f"export_{export.key}") in text and th(f"export_{export.key}_line") in text
    builds = [button for button in at.button if button.label == th("export_build")]
    assert len(builds) == len(FORMATS)


def test_a_file_is_built_then_offered_and_kept_for_the_next_run(
    app: Callable[..., AppTest], sample: CreatedForum
) -> None:
    at = _summary(app, sample)
    at.button(key="export_csv_th_0_build").click().run()
    no_exception(at)
    at = _until_offered(at, "export_csv_th_0")
    offered = next(b for b in at.get("download_button") if b.proto.id.endswith("export_csv_th_0_download"))
    assert offered.proto.label == th("export_download")
    assert th("export_build_again") in [button.label for button in at.button]
    # Another tab of the same facilitator finds the file ready, without building it again.
    other = _summary(app, sample)
    assert any(b.proto.id.endswith("export_csv_th_0_download") for b in other.get("download_button"))


def test_anonymised_is_a_file_of_its_own(app: Callable[..., AppTest], sample: CreatedForum) -> None:
    at = _summary(app, sample)
    at.toggle(key="export_anonymise").set_value(True).run()
    at.button(key="export_xlsx_th_1_build").click().run()
    at = _until_offered(at, "export_xlsx_th_1")
    # The named workbook was not asked for: it is still only offered to be built.
    at.toggle(key="export_anonymise").set_value(False).run()
    assert not any(b.proto.id.endswith("export_xlsx_th_0_download") for b in at.get("download_button"))
    assert at.button(key="export_xlsx_th_0_build").label == th("export_build")


def test_a_failed_build_says_so_and_can_be_tried_again(
    app: Callable[..., AppTest], sample: CreatedForum, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> bytes:
        raise RuntimeError("the library blew up")

    monkeypatch.setattr(formats, "_csv", broken)
    monkeypatch.setattr(
        formats, "_BY_KEY", {**formats._BY_KEY, "csv": formats.ExportFormat("csv", "zip", "x", ("a",), broken)}
    )
    at = _summary(app, sample)
    at.button(key="export_csv_th_0_build").click().run()
    deadline = time.monotonic() + 10
    while th("export_failed") not in [error.value for error in at.error] and time.monotonic() < deadline:
        time.sleep(0.2)
        at.run()
    assert th("export_failed") in [error.value for error in at.error]
    assert at.button(key="export_csv_th_0_build").label == th("export_build_again")
