"""Summary page: the forum's outcome on screen and as a Markdown download."""

import re
from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import write_session
from facilitation.core.i18n import format_baht
from facilitation.forum.forums import CreatedForum
from facilitation.sample import data as sample_data
from facilitation.sample.load import load_sample_forum
from tests.factories import make_forum
from tests.ui.helpers import html, no_exception, shown, th


@pytest.fixture
def sample(db: Engine) -> CreatedForum:
    with write_session(db) as session:
        return load_sample_forum(session=session)


def _summary(app: Callable[..., AppTest], created: CreatedForum) -> AppTest:
    at = app(code=created.forum.code, key=created.facilitator_token)
    return at.switch_page("pages/summary.py").run()


def _metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_summary_metrics_match_the_sample_forum(app: Callable[..., AppTest], sample: CreatedForum) -> None:
    at = _summary(app, sample)

    no_exception(at)
    assert _metrics(at) == {
        th("summary_metric_people"): str(len(sample_data.PARTICIPANTS)),
        th("summary_metric_contributions"): str(len(sample_data.CONTRIBUTIONS)),
        th("summary_metric_items"): str(len(sample_data.ACTION_ITEMS)),
        th("summary_metric_budget"): format_baht(sum(a.budget_baht for a in sample_data.ACTION_ITEMS), "th"),
        th("summary_metric_commitments"): str(len(sample_data.COMMITMENTS)),
    }
    assert th("summary_participants", count=len(sample_data.PARTICIPANTS)) in shown(at, "subheader")
    assert sample_data.TITLE_TH in html(at)
    for action in sample_data.ACTION_ITEMS:
        assert action.activity in html(at)
    assert len(at.dataframe) == 2


def test_summary_offers_the_markdown_download(app: Callable[..., AppTest], sample: CreatedForum) -> None:
    at = _summary(app, sample)

    no_exception(at)
    downloads = at.get("download_button")
    assert len(downloads) == 1
    assert downloads[0].proto.label == th("summary_download_md")
    assert downloads[0].proto.id.endswith("summary_download")


def test_summary_of_an_empty_forum(app: Callable[..., AppTest], db: Engine) -> None:
    at = _summary(app, make_forum(db))

    no_exception(at)
    metrics = _metrics(at)
    assert metrics[th("summary_metric_people")] == "0"
    assert metrics[th("summary_metric_items")] == "0"
    assert th("plan_empty") in html(at)
    assert th("words_empty") in html(at)


def test_summary_shows_the_rooms_words_cut_on_thai_word_boundaries(
    app: Callable[..., AppTest], sample: CreatedForum
) -> None:
    at = _summary(app, sample)

    no_exception(at)
    assert th("words_heading") in shown(at, "subheader")
    page = html(at)
    cloud = page[page.index('class="word-cloud"') :]
    words = re.findall(r'<span class="word"[^>]*>([^<]+)</span>', cloud)
    assert 10 <= len(words) <= 40
    # Thai words, not whole sentences split on spaces: none is a whole post of the forum.
    posts = {item.text for item in sample_data.CONTRIBUTIONS}
    assert not [word for word in words if word in posts and " " in word]
    assert "ผู้สูงอายุ" in words
