"""`python -m wusong_nlp ...` runs the command line, as `wusong-nlp ...` does (handy in a
checkout or a worktree without the console script on PATH)."""

import sys

from .cli import main

sys.exit(main())
