"""Will a model fit, and how fast will it run? See `python scripts/estimate.py --help`."""

import sys

from estimator.cli import main

if __name__ == "__main__":
    sys.exit(main())
