"""The built application's entry point: the same command line as the ``cryolog`` script.

``freeze_support()`` comes first: the demo data generator starts worker processes with the
``spawn`` method, which in a built application runs this program again with the worker's
arguments; freeze_support() turns such a run into the worker and never returns from it.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from cryolog.cli import main

    sys.exit(main())
