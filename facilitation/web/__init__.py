"""Plain HTTP pages served beside the Streamlit app, for what must work at once on a weak network.

The light join page (`/join/{code}`): server-rendered HTML with no script, which also asks
the browser to fetch Streamlit's bundle while the person types.
"""
