"""`python -m myorelease ...` is the `myorelease` command."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
