"""Language switches on the start page, budget errors that name their field, and a "sent" that tells the truth."""

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from facilitation.core.db import write_session
from facilitation.core.i18n import t
from facilitation.forum.forums import CreatedForum, set_stage
from facilitation.forum.plans import MAX_BUDGET_BAHT
from facilitation.forum.policy import stage_rules
from models import ActionItem, Forum, Language, Stage
from pages import ui
from tests.factories import join, make_forum, post
from tests.ui.helpers import no_exception, shown, th

SILA = (("home_province", "40"), ("home_district", "4001"), ("home_tambon", "400114"))


def _switch(at: AppTest, key: str, lang: str) -> AppTest:
    return at.button_group(key=key).set_value(lang).run()


def test_the_start_page_keeps_the_chosen_area_across_a_language_switch(app: Callable[..., AppTest], db: Engine) -> None:
    at = app()
    for key, code in SILA:
        at.selectbox(key=key).set_value(code).run()

    _switch(at, "home_lang", "en")

    no_exception(at)
    assert [at.selectbox(key=key).value for key, _ in SILA] == [code for _, code in SILA]
    assert at.selectbox(key="home_tambon").format_func("400114") == "Sila"
    at.text_input(key="home_title").input("Sila welfare forum")
    [create] = [button for button in at.button if button.label == t("home_create_button", "en")]
    create.click().run()
    no_exception(at)
    assert "key" in at.query_params, shown(at, "error")
    with Session(db) as session:
        forum = session.exec(select(Forum)).one()
    assert forum.tambon_code == "400114"


def _create_on(app: Callable[..., AppTest], typed: date) -> AppTest:
    at = app()
    for key, code in SILA:
        at.selectbox(key=key).set_value(code).run()
    at.text_input(key="home_title").input("เวทีสวัสดิการตำบลศิลา")
    at.date_input(key="home_date").set_value(typed)
    [create] = [button for button in at.button if button.label == th("home_create_button")]
    return create.click().run()


def test_a_buddhist_era_year_in_the_forum_date_is_read_as_one(app: Callable[..., AppTest], db: Engine) -> None:
    at = _create_on(app, date(2570, 2, 18))  # typed as Thai people write it: 18/02/2570

    no_exception(at)
    with Session(db) as session:
        assert session.exec(select(Forum)).one().forum_date == date(2027, 2, 18)


def test_a_buddhist_era_day_that_never_was_is_refused_naming_the_field(app: Callable[..., AppTest], db: Engine) -> None:
    at = _create_on(app, date(2568, 2, 29))  # 2025 had no 29 February

    no_exception(at)
    assert th("error_invalid_date_field", field=th("home_date")) in shown(at, "error")
    with Session(db) as session:
        assert list(session.exec(select(Forum))) == []


def _add_with_budget(app: Callable[..., AppTest], created: CreatedForum, budget: int, lang: str) -> AppTest:
    at = app(code=created.forum.code, key=created.facilitator_token, lang=lang)
    at.text_input(key="plan_new_activity").input("รถรับส่งผู้ป่วย")
    at.number_input(key="plan_new_budget").set_value(budget)
    [add] = [button for button in at.button if button.label == t("plan_add", lang)]
    return add.click().run()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_negative_budget_is_refused_in_words_that_name_the_field(
    app: Callable[..., AppTest], db: Engine, lang: str
) -> None:
    created = make_forum(db)

    at = _add_with_budget(app, created, -5000, lang)

    no_exception(at)
    field = t("plan_budget_baht", lang)
    assert t("error_budget_negative", lang, field=field, budget="-5,000") in shown(at, "error")
    assert at.number_input(key="plan_new_budget").value == -5000  # kept to correct
    with Session(db) as session:
        assert list(session.exec(select(ActionItem))) == []


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_budget_past_the_limit_is_called_too_large(app: Callable[..., AppTest], db: Engine, lang: str) -> None:
    created = make_forum(db)

    at = _add_with_budget(app, created, 99_999_999_999_999, lang)

    no_exception(at)
    field = t("plan_budget_baht", lang)
    expected = t("error_budget_too_large", lang, field=field, budget="99,999,999,999,999", limit=f"{MAX_BUDGET_BAHT:,}")
    assert expected in shown(at, "error")


@pytest.mark.parametrize(
    ("stage", "revealed", "message"),
    [
        (Stage.SHARE, True, th("share_sent")),
        (Stage.SHARE, False, th("share_sent_held")),
        (Stage.PLAN, True, th("share_sent_plan", count=stage_rules(Stage.PLAN).projector_recent_posts)),
        (Stage.PLAN, False, th("share_sent_held")),
        (Stage.ACT, True, th("share_sent_unseen")),
        (Stage.ACT, False, th("share_sent_unseen")),
    ],
)
def test_sent_says_what_the_screen_shows_in_each_stage(
    app: Callable[..., AppTest], db: Engine, stage: Stage, revealed: bool, message: str
) -> None:
    created = make_forum(db, revealed=revealed)
    person = join(db, created.forum.code)
    with write_session(db) as session:
        set_stage(session=session, forum=created.forum, stage=stage)
    at = app(code=created.forum.code, p=person.token)

    at.text_area(key="share_text").input("ผู้สูงอายุอยู่บ้านคนเดียว")
    [send] = [button for button in at.button if button.label == th("share_submit")]
    send.click().run()

    no_exception(at)
    assert shown(at, "success") == [message]


def test_sent_follows_a_stage_moved_after_the_form_was_drawn(app: Callable[..., AppTest], db: Engine) -> None:
    """The phone drew the form in Share; the facilitator moved to Act before Send reached the server."""
    created = make_forum(db)
    person = join(db, created.forum.code)
    at = app(code=created.forum.code, p=person.token)
    with write_session(db) as session:
        set_stage(session=session, forum=created.forum, stage=Stage.ACT)

    at.text_area(key="share_text").input("ผู้สูงอายุอยู่บ้านคนเดียว")
    [send] = [button for button in at.button if button.label == th("share_submit")]
    send.click().run()

    assert shown(at, "success") == [th("share_sent_unseen")]


def test_closing_the_forum_says_so_once(app: Callable[..., AppTest], db: Engine) -> None:
    """The closed stage's name once read "ปิดเวทีแล้ว แล้ว" with the message's own "แล้ว"."""
    created = make_forum(db)
    at = app(code=created.forum.code, key=created.facilitator_token)

    at.button(key="console_stage_closed").click().run()

    no_exception(at)
    [moved] = shown(at, "success")
    assert "แล้ว แล้ว" not in moved and "แล้วแล้ว" not in moved
    assert at.button(key="console_stage_closed").disabled


def test_a_phone_that_showed_the_form_keeps_it_after_the_close_with_send_put_away(
    app: Callable[..., AppTest], db: Engine
) -> None:
    created = make_forum(db)
    person = join(db, created.forum.code)
    at = app(code=created.forum.code, p=person.token)
    with write_session(db) as session:
        set_stage(session=session, forum=created.forum, stage=Stage.CLOSED)

    at.run()

    no_exception(at)
    assert th("phone_closed_intro") in shown(at, "info")
    assert at.text_area(key="share_text")  # the box the browser keeps its unsent text in
    assert th("phone_closed_form_note") in shown(at, "warning")
    assert not [button for button in at.button if button.label == th("share_submit")]
    [closed] = [button for button in at.button if button.label == th("phone_closed_form_button")]
    assert closed.disabled


def test_the_phone_changes_language_in_the_run_the_switch_is_tapped_in(app: Callable[..., AppTest], db: Engine) -> None:
    """The language is worked out once a run; the switch still turns every string over with one tap."""
    created = make_forum(db)
    person = join(db, created.forum.code)
    post(db, person.participant, "ผู้สูงอายุอยู่บ้านคนเดียว")
    at = app(code=created.forum.code, p=person.token)
    assert t("stage_share", "th") in at.markdown[0].value

    _switch(at, "phone_lang", "en")

    no_exception(at)
    assert at.markdown[0].value == f"**{t('stage_label', 'en')}:** {t('stage_share', 'en')}"
    assert t("phone_share_intro", "en") in shown(at, "info")
    assert t("mine_heading", "en", count=1) in shown(at, "subheader")
    assert [box.label for box in at.expander] == [t("mine_edit", "en")]
    assert at.query_params["lang"] == "en"

    _switch(at, "phone_lang", "th")

    no_exception(at)
    assert t("phone_share_intro", "th") in shown(at, "info")
    assert [box.label for box in at.expander] == [t("mine_edit", "th")]


def test_the_join_page_speaks_its_forum_s_language(app: Callable[..., AppTest], db: Engine) -> None:
    """The page learns the forum's language after the router has drawn the menu in the default one."""
    created = make_forum(db, title="Sila welfare forum", language=Language.EN)

    at = app(code=created.forum.code)

    no_exception(at)
    assert t("join_heading", "en") in shown(at, "subheader")
    assert at.text_input(key="join_name").label == t("join_name", "en")


def test_a_phone_run_works_out_its_language_once(
    app: Callable[..., AppTest], db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every string asks for the language: read from the link and session state once a run, not dozens of times."""
    created = make_forum(db)
    person = join(db, created.forum.code)
    at = app(code=created.forum.code, p=person.token, lang="en")
    worked_out: list[str] = []
    real = ui._chosen_language

    def counted() -> str:
        worked_out.append(real())
        return worked_out[-1]

    monkeypatch.setattr(ui, "_chosen_language", counted)
    at.run()

    no_exception(at)
    assert t("phone_share_intro", "en") in shown(at, "info")
    assert worked_out == ["en"]
