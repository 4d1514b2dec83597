"""How far the estimator is from published measurements: see `python scripts/validate_estimator.py --help`."""

import sys

from estimator.report import main

if __name__ == "__main__":
    sys.exit(main())
