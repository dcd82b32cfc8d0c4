"""Training code of the project's models (issue 22 moves the trainers here)."""
