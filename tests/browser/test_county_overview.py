"""The county overview on a laptop and a phone: every chosen indicator visible without sideways
scrolling, each empty cell saying what it means, and axe clean."""

import pytest

from tests.browser.conftest import login, screenshot


def _chosen_indicators():
    from samverka.reports.columns import indicator_choices

    return [str(i.pk) for i in indicator_choices()[:3]]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_county_overview_fits_the_screen_with_chosen_indicators(page, demo, axe_clean, width):
    chosen = _chosen_indicators()
    assert len(chosen) == 3
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "lansstyrelsen")
    page.goto("/rapporter/lan/norrbotten/?" + "&".join(f"indicator={i}" for i in chosen))
    region = page.locator(".table-scroll")
    widths = region.evaluate("e => [e.scrollWidth, e.clientWidth, document.documentElement.scrollWidth]")
    screenshot(page, f"county-overview-{width}")
    assert widths[0] <= widths[1], widths  # the table fits its container
    assert widths[2] <= width, widths  # and the page does not scroll sideways
    kiruna = page.locator("tr", has=page.get_by_role("link", name="Kiruna", exact=True))
    assert kiruna.get_by_text("Inte delat", exact=True).count() == 8
    axe_clean(page)
