"""nato-guide: a terminal reading guide to the question "Did Russia invade Ukraine in 2022
because of NATO enlargement?", by perspective, with the primary documents."""

__version__ = "0.1.0"
