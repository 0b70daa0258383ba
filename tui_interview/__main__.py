import sys

from tui_interview.cli import main

sys.exit(main())
