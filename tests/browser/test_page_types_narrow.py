"""Every page type at 390 px (issue 12): no sideways scrolling and text in <main>, walked in one browser
session over the demo data as the person who uses the page (tests/browser/page_types.py). A page that
answers 200 but shows nothing is broken, and so is one a phone has to scroll sideways or whose heading
breaks a word mid-way.
"""

from tests.browser.conftest import BROKEN_WORDS, login
from tests.browser.page_types import page_types


def test_every_page_type_fits_a_phone_and_shows_text(page, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    problems, walked, current = [], 0, object()
    for user, name, path in page_types():
        if user != current:
            page.context.clear_cookies()
            if user:
                login(page, user)
                page.wait_for_url("**/")
            current = user
        response = page.goto(path)
        walked += 1
        if response.status != 200:
            problems.append(f"{name} {path}: status {response.status}")
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            problems.append(f"{name} {path}: {width} px wide at 390 px")
        broken = page.locator("main h1").evaluate_all(BROKEN_WORDS)
        if broken:
            problems.append(f"{name} {path}: the heading breaks {broken} mid-word")
        if len(page.locator("main").inner_text().strip()) < 40:
            problems.append(f"{name} {path}: <main> shows (almost) no text")
    assert walked > 80
    assert not problems, "\n".join(problems)
