"""Retake the README's screenshots (docs/screenshots/) from a running demo site (`make run`).

    .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]

Uses Playwright with Debian's chromium, as the browser tests do; the pages are those the README shows.
"""

import re
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PASSWORD = "matkhau-Demo-2025"
SHOTS = [  # file, demo user ("" = a citizen, not signed in), page
    ("home.png", "dieuphoi", "/"),
    ("dashboard.png", "dieuphoi", "/tracking/dashboard/"),
    ("plan.png", "dieuphoi", "first plan"),
    ("indicators.png", "dieuphoi", "/indicators/"),
    ("petitions.png", "dieuphoi", "/citizens/"),
    ("portal.png", "", "/public/"),
]


def main(base: str) -> None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for name, user, path in SHOTS:
            context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 800})
            page = context.new_page()
            if user:
                page.goto(f"{base}/accounts/login/")
                page.fill("input[name=username]", user)
                page.fill("input[name=password]", PASSWORD)
                page.click("button[type=submit]")
            if path == "first plan":
                page.goto(f"{base}/plans/")
                hrefs = page.eval_on_selector_all("main a", "els => els.map(e => e.getAttribute('href'))")
                path = next(h for h in hrefs if re.fullmatch(r"/plans/\d+/", h or ""))
            page.goto(base + path)
            page.screenshot(path=str(OUT / name))
            print(f"{OUT / name}: {page.url}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
