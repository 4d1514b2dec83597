"""Refresh the GitHub figures of every engine: see `python scripts/refresh_stars.py --help`."""

import sys

from refresh.cli import main

if __name__ == "__main__":
    sys.exit(main())
