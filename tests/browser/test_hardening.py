"""The Content Security Policy blocks nothing the pages need: no violations, forms still work."""

from tests.browser.conftest import login, screenshot


def test_pages_work_under_the_content_security_policy_without_violations(page, demo, axe_clean):
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )
    page.goto("/p/")
    response = page.goto("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    login(page, "arjeplog-samordnare")
    page.get_by_role("link", name="Arjeplog").first.click()
    page.get_by_role("button", name="In English").click()
    page.wait_for_selector("html[lang=en]")
    page.get_by_role("button", name="På svenska").click()
    page.wait_for_selector("html[lang=sv]")
    page.goto("/finns-inte/")
    assert page.get_by_role("heading", name="Sidan finns inte").is_visible()
    axe_clean(page)
    screenshot(page, "hardening-404")
    assert violations == []


def test_an_injected_inline_script_would_be_blocked(page, demo):
    """Proof that the policy is enforced by the browser, not only sent: an inline script does not run."""
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )
    page.goto("/konto/logga-in/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.pwned = true';"
        " document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.pwned === undefined")
    assert violations
