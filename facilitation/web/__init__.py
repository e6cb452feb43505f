"""Plain HTTP beside the Streamlit app, for what must work at once on a weak network.

The light join page (`/join/{code}`: server-rendered HTML with no script, which also asks
the browser to fetch Streamlit's bundle while the person types) and the phones' posts
(`POST /posts/{code}`: stored and acknowledged with no page run).
"""
