"""PDF benchmark: the demo centre's funder pack with the fonts subset by HarfBuzz against fontTools, in one run.

    python -m bench.pdf
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loadbench python -m bench.pdf

WeasyPrint subsets every embedded font. With Debian's libharfbuzz-subset0 installed (`make browser-deps`) it
uses HarfBuzz's subsetter; without it, fontTools (pure Python, several times slower), with the same PDF as
result. This run renders the pack both ways in the same process (median of 3 each; fontTools by hiding the
library from WeasyPrint) and prints the ratio. Without the library only the fontTools time is printed.
"""

import io
import os
import sys
import tempfile
from pathlib import Path

from bench.imports import scratch_database, setup_django
from bench.monitor import median_seconds


def render(output: Path) -> float:
    from django.core.management import call_command

    seconds, _ = median_seconds(lambda: call_command("funder_report", "--centre", "civ-bio-sciences", "--format",
                                                     "pdf", "--output", str(output), stdout=io.StringIO()), runs=3)
    return seconds


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp, scratch_database(tmp) as database_url:
        setup_django(database_url)
        from civhub.reports.pdf import _weasyprint

        _weasyprint()  # imported once, outside the timings
        from weasyprint.pdf import fonts

        harfbuzz = fonts.harfbuzz_subset
        output = Path(tmp) / "pack.pdf"
        render(output)  # warm-up: fonts found, templates compiled, the monitor's queries cached by the database
        fonts.harfbuzz_subset = None
        fonttools = render(output)
        fonts.harfbuzz_subset = harfbuzz
        print(f"funder pack PDF, fonts subset by fontTools: {fonttools:.2f} s ({output.stat().st_size:,} bytes)")
        if harfbuzz is None:
            print("HarfBuzz-Subset is not installed here (Debian: libharfbuzz-subset0): nothing to compare")
            return 0
        with_harfbuzz = render(output)
        print(f"funder pack PDF, fonts subset by HarfBuzz:  {with_harfbuzz:.2f} s ({output.stat().st_size:,} bytes)")
        print(f"HarfBuzz takes {with_harfbuzz / fonttools:.2f}× fontTools' time")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.exit(main())
