"""Whole sections of pages that would pass 200 lines (not pages: Streamlit serves only pages/*.py)."""
