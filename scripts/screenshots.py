"""The screenshot review (issue 12): every page type at 390 px and at 1,280 px wide, as PNG files to look at.

Run it against a Samverka serving the demo data, with the same DATABASE_URL (the page list looks the demo
records up):

    bash scripts/start.sh                                   # or any server on the demo data
    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8000   # into test-artifacts/shots/

Each page is saved whole as <out>/<width>/<name>.png; pages that scroll sideways at 390 px or show no
text in <main> are listed at the end (the browser test test_page_types_narrow.py fails on them).
`--only WORD` takes the page types whose name contains WORD.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
os.environ.setdefault("DEBUG", "true")
WIDTHS = [(390, 844), (1280, 900)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default=str(ROOT / "test-artifacts" / "shots"))
    parser.add_argument("--only", default="")
    args = parser.parse_args()

    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.browser.page_types import page_types

    pages = [p for p in page_types() if args.only in p[1]]
    out = Path(args.out)
    problems = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for width, height in WIDTHS:
            (out / str(width)).mkdir(parents=True, exist_ok=True)
            login = object()  # nobody yet
            context = None
            for user, name, path in pages:
                if user != login:
                    if context:
                        context.close()
                    context = browser.new_context(base_url=args.url, locale="sv-SE")
                    page = context.new_page()
                    if user:
                        page.goto("/konto/logga-in/")
                        page.get_by_label("Användarnamn").fill(user)
                        page.get_by_label("Lösenord").fill("samverka-demo")
                        page.get_by_role("button", name="Logga in").click()
                        page.wait_for_load_state()
                    login = user
                page.set_viewport_size({"width": width, "height": height})
                try:
                    response = page.goto(path)
                except Exception as error:  # noqa: BLE001 - a page that fails is reported, the walk goes on
                    problems.append(f"{width}px {name} {path}: {error}")
                    continue
                page.screenshot(path=str(out / str(width) / f"{name}.png"), full_page=True)
                scroll = page.evaluate("document.documentElement.scrollWidth")
                text = page.locator("main").inner_text().strip()
                if response.status != 200:
                    problems.append(f"{width}px {name} {path}: status {response.status}")
                if width == 390 and scroll > width:
                    problems.append(f"{width}px {name} {path}: {scroll} px wide")
                if not text:
                    problems.append(f"{width}px {name} {path}: no text in <main>")
            if context:
                context.close()
        browser.close()
    print(f"{len(pages)} page types × {len(WIDTHS)} widths in {out}")
    print("\n".join(problems) or "no sideways scrolling at 390 px, every page has text")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
