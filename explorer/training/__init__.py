"""Trainings run as jobs: the gate inspector's small model, the memory task, the character model."""
