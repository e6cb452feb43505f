"""The light join page's markup: one small HTML document, inline style, no script.

Everything a facilitator or a participant typed goes through `html.escape`; the plan board
comes from `facilitation.present.cards`, which escapes the same way. Links are relative to
`/join/{code}` (`../` is the app's root), so the page works under any `server.baseUrlPath`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from facilitation.core.i18n import t
from facilitation.web.bundle import Asset
from models import Sector

# Colours of assets/style.css and .streamlit/config.toml (primaryColor). Inputs are 16 px or
# more, so iOS does not zoom into them; tap targets are at least 44 px high.
STYLE = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:#262730;font:17px/1.6 "Noto Sans Thai","Sarabun","Thonburi","Leelawadee UI",
"Tahoma","Garuda","Loma",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:34rem;margin:0 auto;padding:.75rem 1rem 2.5rem}
.langs{text-align:right;font-size:.95rem}
.langs a{display:inline-flex;align-items:center;padding:.45rem .7rem;color:#1b5e20;border:1px solid #c8d8c9;
border-radius:.5rem;text-decoration:none;min-height:44px}
.langs a[aria-current]{background:#1b5e20;color:#fff;border-color:#1b5e20}
.app{margin:.4rem 0 0;color:#555;font-size:.9rem}
h1{font-size:1.5rem;line-height:1.35;margin:.1rem 0;overflow-wrap:anywhere}
.meta{margin:0 0 .8rem;color:#555;font-size:.95rem;overflow-wrap:anywhere}
h2{font-size:1.25rem;margin:1rem 0 .5rem}
.note,.error{border-radius:.5rem;padding:.6rem .8rem;margin:.6rem 0}
.note{background:#e8f0fe;color:#1a3d6d}
.error{background:#fdecea;color:#8a1c1c;font-weight:600}
label.field{display:block;font-weight:600;margin:.9rem 0 .25rem}
input[type=text]{width:100%;font:inherit;font-size:17px;padding:.6rem .7rem;min-height:48px;border:1px solid #bbb;
border-radius:.5rem;background:#f6f6f8}
input[type=text]:focus{outline:2px solid #1b5e20;border-color:#1b5e20;background:#fff}
fieldset{border:0;margin:.9rem 0 0;padding:0}
legend{font-weight:600;padding:0;margin-bottom:.2rem}
label.choice{display:flex;align-items:center;gap:.6rem;min-height:44px;padding:.2rem 0;cursor:pointer}
label.choice input{width:1.35rem;height:1.35rem;margin:0;flex:none;accent-color:#1b5e20}
label.consent{align-items:flex-start;margin-top:1rem;line-height:1.5}
label.consent input{margin-top:.15rem}
button{display:block;width:100%;margin-top:1.2rem;min-height:52px;font:inherit;font-size:1.1rem;font-weight:700;
color:#fff;background:#1b5e20;border:0;border-radius:.5rem;cursor:pointer}
button:active{background:#144a18}
a.button{display:inline-block;margin-top:1rem;padding:.7rem 1rem;color:#fff;background:#1b5e20;border-radius:.5rem;
text-decoration:none}
.card-empty{color:#666;font-style:italic;padding:.25rem 0}
.plan-board{display:grid;grid-template-columns:minmax(0,1fr);gap:1rem}
.plan-card{background:#fbfaf5;border:1px solid #ddd6c1;border-radius:.6rem;padding:.7rem .9rem}
.plan-card h4{margin:0 0 .4rem;padding:0;font-size:1.15rem;overflow-wrap:anywhere}
.fact{font-size:.95rem;line-height:1.5;overflow-wrap:anywhere}
.fact-label{color:#6b5d3e;font-weight:600;font-size:.85rem}
.answers,.commitments{margin:.2rem 0 .4rem 1.1rem;padding:0;font-size:.95rem;overflow-wrap:anywhere}
.badge{color:#fff;border-radius:.3rem;padding:0 .35rem;font-size:.8rem;white-space:nowrap}
.due-flag{display:inline-block;margin:0 0 .3rem}
.due-flag.overdue{background:#b3261e}
.due-flag.stalled{background:#8a5a00}
.progress{display:flex;align-items:center;gap:.5rem;margin:.1rem 0 .35rem}
.progress-track{flex:1 1 auto;height:.6rem;background:#e8e2d2;border-radius:.3rem;overflow:hidden;min-width:4rem}
.progress-fill{height:100%;background:#2e7d32}
.progress-fill.in_progress{background:#2e7d32}
.progress-fill.not_started{background:#9e9e9e}
.progress-fill.blocked{background:#c62828}
.progress-fill.dropped{background:#757575}
.progress-fill.done{background:#1b5e20}
.progress-label{font-size:.9rem;font-weight:600;color:#33691e;white-space:nowrap}
"""


@dataclass(frozen=True)
class Heading:
    """The top of every join page: the forum's title, its place and date, and the language switch."""

    title: str
    place_and_date: str
    lang: str


@dataclass(frozen=True)
class FormValues:
    """What the form holds: empty when drawn, what was sent when it is drawn again with an error."""

    token: str
    name: str = ""
    organisation: str = ""
    sector: str = ""
    consent: bool = False


def _document(*, lang: str, title: str, body: str, tail: str = "") -> str:
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta name="robots" content="noindex"><title>{escape(title)}</title><style>{STYLE}</style></head>'
        f"<body><main>{body}</main>{tail}</body></html>"
    )


def _heading(heading: Heading) -> str:
    # Plain links: the switch works with no script, and the chosen language stays in the address.
    current = ' aria-current="true"'
    links = "".join(
        f'<a href="?lang={code}" hreflang="{code}"{current if code == heading.lang else ""}>{name}</a> '
        for code, name in (("th", "ไทย"), ("en", "English"))
    )
    return (
        f'<nav class="langs" aria-label="ภาษา / Language">{links}</nav>'
        f'<p class="app">{escape(t("app_title", heading.lang))}</p>'
        f"<h1>{escape(heading.title)}</h1>"
        f'<p class="meta">{escape(heading.place_and_date)}</p>'
    )


def _text_field(*, name: str, label: str, value: str, limit: int, lang: str) -> str:
    return (
        f'<label class="field" for="join_{name}">{escape(label)}</label>'
        f'<input type="text" id="join_{name}" name="{name}" value="{escape(value)}" maxlength="{limit}" '
        f'placeholder="{escape(t("join_optional", lang))}" autocomplete="off">'
    )


def _prefetch(assets: Sequence[Asset]) -> str:
    # After the form, so the browser has the page before it starts on these; `prefetch` runs at
    # idle priority and keeps the files for the next page (Streamlit serves them immutable).
    return "".join(
        f'<link rel="prefetch" href="../{escape(asset.path)}" as="{asset.kind}" crossorigin>' for asset in assets
    )


def form_page(
    *,
    heading: Heading,
    values: FormValues,
    already: int,
    error: str | None,
    chosen_lang: str | None,
    prefetch: Sequence[Asset] = (),
) -> str:
    """The join form; `error` is a translated message shown above it, `chosen_lang` the language picked here."""
    lang = heading.lang
    notes = ""
    if error:
        notes += f'<p class="error" role="alert">{escape(error)}</p>'
    if already:
        notes += f'<p class="note">{escape(t("join_already_on_phone", lang, count=already))}</p>'
    sectors = "".join(
        f'<label class="choice"><input type="radio" name="sector" value="{sector.value}"'
        f"{' checked' if values.sector == sector.value else ''}> {escape(t(f'sector_{sector.value}', lang))}</label>"
        for sector in Sector
    )
    kept_lang = f'<input type="hidden" name="lang" value="{chosen_lang}">' if chosen_lang else ""
    body = (
        f"{_heading(heading)}<h2>{escape(t('join_heading', lang))}</h2>{notes}"
        # autocomplete=off: going Back, a browser would otherwise put the last person's choices,
        # and their spent join token, back into the form it draws afresh.
        '<form method="post" accept-charset="utf-8" autocomplete="off">'
        f'<input type="hidden" name="token" value="{escape(values.token)}">{kept_lang}'
        + _text_field(name="name", label=t("join_name", lang), value=values.name, limit=100, lang=lang)
        + _text_field(
            name="organisation", label=t("join_organisation", lang), value=values.organisation, limit=200, lang=lang
        )
        + f"<fieldset><legend>{escape(t('join_sector', lang))}</legend>{sectors}</fieldset>"
        '<label class="choice consent"><input type="checkbox" name="consent" value="yes"'
        f"{' checked' if values.consent else ''}> {escape(t('join_consent', lang))}</label>"
        f'<button type="submit">{escape(t("join_button", lang))}</button></form>'
    )
    return _document(lang=lang, title=heading.title, body=body, tail=_prefetch(prefetch))


def closed_page(*, heading: Heading, plan_html: str) -> str:
    """A forum whose stage takes no one new: says so, and shows its plan (`plan_html` is escaped markup)."""
    body = f'{_heading(heading)}<p class="note">{escape(t("join_closed", heading.lang))}</p>{plan_html}'
    return _document(lang=heading.lang, title=heading.title, body=body)


def message_page(*, lang: str, message: str) -> str:
    """A page that only says `message` (no such forum, a refused request) and links to the start page."""
    body = (
        f'<p class="app">{escape(t("app_title", lang))}</p><p class="error" role="alert">{escape(message)}</p>'
        f'<a class="button" href="../">{escape(t("join_try_other_code", lang))}</a>'
    )
    return _document(lang=lang, title=t("app_title", lang), body=body)
