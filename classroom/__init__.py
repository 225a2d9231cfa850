"""The live class: a teacher's view followed by the students' pages, questions asked and tallied.

`classroom.store` keeps it in a database (no Streamlit); the app's glue is in `ui/`.
"""
