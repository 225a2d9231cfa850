"""Guided questions, wiring puzzles and the glossary: the lessons the pages carry."""
