"""Run the guide with ``python -m nato_guide``."""

from nato_guide.cli import main

main()
