"""``python docs/render``: render every page, figure and README block from the JSON results."""

import sys
from pathlib import Path

# run as a folder, this file is not inside its package: put the package's parent on the path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from render._cli import main

sys.exit(main())
