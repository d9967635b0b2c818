"""``python -m secdesk`` and the frozen Windows build start here."""

import sys

from secdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
