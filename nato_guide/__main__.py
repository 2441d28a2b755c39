"""Run the guide with ``python -m nato_guide``."""

from nato_guide.main import main

main()
