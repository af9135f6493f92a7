"""Render an HTML report in headless Chromium: a PNG screenshot (and, with --pdf, an A4 print),
failing on any console message.

    python tests/render_html.py report.html report.png [--pdf report.pdf] [--width 1240]

Our reports carry no script and a Content-Security-Policy that forbids every fetch, so a healthy
page logs nothing at all: any console line (a CSP violation, a blocked resource, a script error)
is a failure. Exit 0 rendered cleanly; 1 console messages or no image; 77 no Chromium here
(Debian: apt-get install chromium). Used by tests/test_report_html.py, which skips without it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]
_CONSOLE = re.compile(r":CONSOLE[:(]\d*\)?\]\s*(.*)")
SKIP = 77


def find_browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def png_size(path: Path) -> tuple[int, int] | None:
    data = path.read_bytes()[:24] if path.exists() else b""
    if len(data) < 24 or data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def _run(browser: str, page: Path, extra: list[str], timeout: int) -> list[str]:
    """Run the browser once; the console messages it logged."""
    with tempfile.TemporaryDirectory(prefix="plancheck-chromium-") as profile:
        proc = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
                              capture_output=True, text=True, timeout=timeout)
    return [m.group(1) for line in proc.stderr.splitlines() if (m := _CONSOLE.search(line))]


def render(page: Path, png: Path, pdf: Path | None = None, width: int = 1240, height: int = 1754,
           timeout: int = 90) -> list[str]:
    """Screenshot (and print) the page; returns the problems found (empty: rendered cleanly)."""
    browser = find_browser()
    if browser is None:
        raise FileNotFoundError("Chromium not found (apt-get install chromium)")
    png.unlink(missing_ok=True)
    problems = [f"console: {c}" for c in _run(browser, page, [f"--window-size={width},{height}",
                                                               f"--screenshot={png.resolve()}"], timeout)]
    if png_size(png) is None:
        problems.append(f"no PNG written to {png}")
    if pdf is not None:
        pdf.unlink(missing_ok=True)
        problems += [f"console (print): {c}" for c in _run(browser, page, ["--no-pdf-header-footer",
                                                                           f"--print-to-pdf={pdf.resolve()}"], timeout)]
        if not pdf.exists() or not pdf.read_bytes().startswith(b"%PDF"):
            problems.append(f"no PDF written to {pdf}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--pdf", type=Path)
    parser.add_argument("--width", type=int, default=1240)
    parser.add_argument("--height", type=int, default=1754)
    args = parser.parse_args(argv)
    if find_browser() is None:
        print("render_html: Chromium not found (apt-get install chromium)", file=sys.stderr)
        return SKIP
    problems = render(args.html, args.png, args.pdf, args.width, args.height)
    for problem in problems:
        print(f"render_html: {problem}", file=sys.stderr)
    if not problems:
        w, h = png_size(args.png)
        print(f"{args.png} ({w}×{h})" + (f", {args.pdf}" if args.pdf else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
