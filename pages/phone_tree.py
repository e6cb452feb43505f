"""Phone, on request only: the welfare tree (Plotly's bundle is heavy for a cheap phone)."""

import streamlit as st

from facilitation.forum.participants import identify
from facilitation.tree.view import forum_tree
from models import saved_id
from pages import ui

ui.ensure_routed(__file__)

visitor = ui.visitor()
member = ui.read(lambda session: identify(session=session, code=visitor.code, token=visitor.secret))
ui.page_setup(member.forum.title)
lang = ui.lang()
if st.button(ui.tr("phone_tree_back"), key="phone_tree_back", type="primary"):
    st.switch_page("pages/phone.py", query_params=st.query_params.to_dict())
ui.heading(ui.tr("nav_tree"))
st.caption(ui.tr("phone_tree_help"))
# A narrower canvas than the projector's, so a phone scrolls less; it still scrolls
# sideways rather than squeezing the labels together.
tree = ui.read(lambda session: forum_tree(session=session, forum_id=saved_id(member.forum), lang=lang, width=1000))
ui.fixed_size_chart(tree.tree, width=tree.layout.width, key="phone_tree_chart")
