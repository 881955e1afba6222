"""Screenshots of the web app's story page, at a desktop and a phone width, for the README.

Builds a store from the bundled examples (`newsrecon analyze examples --db ... --corpus`), serves it
with `newsrecon serve` on a free local port, opens the newest story in Debian's Chromium through
Playwright and writes docs/story-desktop.png (1280 px wide) and docs/story-phone.png (390 px).

usage: .venv/bin/python scripts/screenshots.py [--out docs]
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = (("story-desktop.png", 1280, 1500), ("story-phone.png", 390, 1700))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    args = ap.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is not installed (make setup installs Debian's chromium)")
    exe = Path(sys.executable).parent / "newsrecon"
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        subprocess.run(
            [str(exe), "analyze", str(ROOT / "examples"), "--db", str(db), "--corpus", "-q"], check=True
        )
        port = free_port()
        server = subprocess.Popen(
            [str(exe), "serve", "--db", str(db), "--port", str(port)], stdout=subprocess.DEVNULL
        )
        origin = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    home = urllib.request.urlopen(origin + "/", timeout=2).read().decode()
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                raise SystemExit("the server did not start")
            story = re.search(r'href="(/story/[^"]+)"', home)
            if story is None:
                raise SystemExit("no story listed on the front page")
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                for name, width, height in SHOTS:
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.goto(origin + story.group(1))
                    page.wait_for_load_state("load")
                    page.screenshot(path=str(args.out / name))
                    print(f"wrote {args.out / name} ({width}x{height})")
                    page.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
