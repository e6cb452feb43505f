"""What phones do over plain HTTP beside the Streamlit app: no page run, no websocket needed."""
