"""Whole sections of pages that would pass 200 lines (never a page: Streamlit serves only files
directly in pages/)."""
