"""Phones and keyboards: at 360 px every Tab stop is on screen and visible, wide tables scroll in a
named region a keyboard can reach, table and note text is at least 16 px, the language switcher names
every other language in its own language, and the calculator's table of contents lists its two forms."""
import re

import pytest

from calculator.languages import languages

from ..waits import NEXT_FRAMES, transition_over
from .pages import LANGUAGE_CODES, built_path, page_url

PHONE = {"width": 360, "height": 740}
TABLE_LABEL = {"en": "Table: scroll sideways to see more", "es": "Tabla: deslice hacia el lado para ver más"}
FORM_HEADINGS = {"en": ["What will my copies cost?", "When must the provider answer?"],
                 "es": ["¿Cuánto me costarán las copias?", "¿Cuándo debe responder el proveedor?"]}

# Where the focused element is, and whether a person can see it: on screen, not hidden or see-through,
# and not entirely covered (WCAG 2.4.11): the middle or a corner of its part on screen belongs to it.
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const box = el.getClientRects()[0] || el.getBoundingClientRect();
    const left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
    const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
    const onScreen = right - left >= 1 && bottom - top >= 1;
    const points = [[(left + right) / 2, (top + bottom) / 2], [left + 1, top + 1], [right - 1, top + 1],
                    [left + 1, bottom - 1], [right - 1, bottom - 1]];
    const uncovered = onScreen && points.some(([x, y]) => {
        const atPoint = document.elementFromPoint(x, y);
        return atPoint && (el === atPoint || el.contains(atPoint));
    });
    return {
        html: el.outerHTML.slice(0, 140),
        where: [Math.round(box.left), Math.round(box.top), Math.round(box.width), Math.round(box.height), scrollY],
        seen: uncovered && el.checkVisibility({visibilityProperty: true, opacityProperty: true}),
    };
}"""


# FOCUSED, read once the page has settled (tests/waits.py NEXT_FRAMES): one call to the page per stop.
FOCUSED_ONCE_SETTLED = f"() => ({NEXT_FRAMES})().then({FOCUSED})"


def tab_through(page, key: str = "Tab", most: int = 250) -> list[dict]:
    """Press `key` until focus comes back round (or `most` times); each stop as FOCUSED describes it.
    Motion is off (tests/conftest.py), so a stop is where it stays once the frame after the key press is
    drawn (the page scrolls it into view, Material's header reacts to the scroll in that frame)."""
    stops = []
    for _ in range(most):
        page.keyboard.press(key)
        stop = page.evaluate(FOCUSED_ONCE_SETTLED)
        if stop is None or (stops and stop["html"] == stops[0]["html"]):
            break
        stops.append(stop)
    return stops


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", ["index", "costs", "get-your-records", "letters", "calculator"])
def test_every_tab_stop_is_on_screen_and_visible_at_360px(phone, site_url, lang, name):
    phone.goto(page_url(site_url, lang, name))
    if name == "calculator":
        phone.wait_for_selector("#calc-app:not([hidden])", state="attached")
    stops = tab_through(phone)
    assert len(stops) >= 5
    assert [(stop["html"], stop["where"]) for stop in stops if not stop["seen"]] == []
    # Backwards, focus lands at the top of the screen, where Material's header must not cover it.
    backwards = tab_through(phone, "Shift+Tab")
    assert len(backwards) >= 5
    assert [(stop["html"], stop["where"]) for stop in backwards if not stop["seen"]] == []
    if name == "costs":  # its tables are reached by the keyboard too
        assert any('role="region"' in stop["html"] for stop in stops)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_wide_tables_scroll_in_a_named_region_a_keyboard_can_reach(phone, site_url, lang):
    phone.goto(page_url(site_url, lang, "costs"))
    regions = phone.evaluate("""() => Array.from(document.querySelectorAll("article table"), (table) => {
        const region = table.closest("[role=region]");
        return region && {label: region.getAttribute("aria-label"), tabindex: region.getAttribute("tabindex"),
                          wider: region.scrollWidth > region.clientWidth,
                          cue: getComputedStyle(region).backgroundImage};
    })""")
    assert regions and None not in regions
    assert {(region["label"], region["tabindex"]) for region in regions} == {(TABLE_LABEL[lang], "0")}
    assert any(region["wider"] for region in regions)  # at 360 px at least one has more to the side
    assert all(region["cue"].count("gradient") == 4 for region in regions)  # the scroll shadows
    region = phone.locator("article [role=region]").first
    region.focus()
    phone.keyboard.press("ArrowRight")
    phone.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())


def test_table_regions_work_before_any_javascript(browser, site_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(page_url(site_url, "es", "costs"))
    scrollers = page.eval_on_selector_all("article [role=region][tabindex='0'][aria-label]",
                                          "regions => regions.map(region => region.scrollWidth > region.clientWidth)")
    context.close()
    assert scrollers and any(scrollers)


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_table_and_note_text_is_at_least_16px(browser, site_url, lang, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    sizes = {}
    for name in ("costs", "get-your-records", "calculator"):
        page.goto(page_url(site_url, lang, name))
        for kind, selector in (("table", "article td, article th"), ("note", "article .admonition p")):
            found = page.eval_on_selector_all(selector, "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))")
            sizes.setdefault(kind, []).extend(found)
    page.close()
    assert sizes["table"] and sizes["note"]
    assert min(sizes["table"]) >= 16 and min(sizes["note"]) >= 16, {kind: min(found) for kind, found in sizes.items()}


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_language_switcher_names_every_other_language_and_goes_to_the_same_page(phone, site_url, lang):
    """On a phone the switcher is one button (this page's language); it opens the other languages, each
    named in its own language, by keyboard as by touch; Escape closes it; a link goes to this same page."""
    phone.goto(page_url(site_url, lang, "costs"))
    toggle = phone.locator(".guide-languages__toggle")
    assert toggle.is_visible() and toggle.inner_text().strip().startswith(languages()[lang].name)
    others = [code for code in LANGUAGE_CODES if code != lang]
    assert not phone.get_by_role("link", name=languages()[others[0]].name, exact=True).is_visible()
    toggle.focus()
    phone.keyboard.press("Enter")
    for code in others:
        link = phone.get_by_role("link", name=languages()[code].name, exact=True)
        assert link.is_visible() and link.get_attribute("lang") == code and link.get_attribute("hreflang") == code
        box = link.bounding_box()
        assert box["height"] >= 24 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    phone.keyboard.press("Escape")
    assert not phone.get_by_role("link", name=languages()[others[0]].name, exact=True).is_visible()
    assert phone.evaluate("document.activeElement.classList.contains('guide-languages__toggle')")
    target = others[(LANGUAGE_CODES.index(lang)) % len(others)]
    toggle.click()
    phone.get_by_role("link", name=languages()[target].name, exact=True).click()
    phone.wait_for_url(page_url(site_url, target, "costs"))
    assert phone.evaluate("document.documentElement.lang") == target


@pytest.fixture
def moving_phone(moving_browser):
    """A phone whose motion is on: the drawer slides in as for a reader without a reduced-motion setting."""
    context = moving_browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def test_the_closed_drawer_is_hidden_and_opens_visible(moving_phone, site_url):
    phone = moving_phone
    phone.goto(page_url(site_url, "en", "costs"))
    first_link = phone.locator(".md-sidebar--primary a").first
    assert first_link.is_hidden()  # closed: off-screen, so out of sight and out of the Tab order
    phone.locator(".md-header label[for=__drawer]").click()
    first_link.wait_for(state="visible")
    first_link.focus()
    # The drawer slides in: wait for the state (the focused link seen, uncovered, on screen), not for a
    # moment mid-slide when the link is already "visible" but still partly off-screen; then for the slide
    # to be over, and the link must still be seen.
    phone.wait_for_function(f"() => ({FOCUSED})()?.seen === true", timeout=5000)
    transition_over(phone, ".md-sidebar--primary")
    assert phone.evaluate(FOCUSED)["seen"]


def test_test_pages_have_motion_off_unless_the_test_asks_for_it(page, moving_page, site_url):
    # tests/conftest.py: every page a test opens has no transition, no animation and no smooth scroll,
    # unless it comes from `moving_browser` (Material fades and slides its header's title: 0.4 s).
    durations = "() => getComputedStyle(document.querySelector('.md-header__topic')).transitionDuration"
    for still_or_moving in (page, moving_page):
        still_or_moving.goto(page_url(site_url, "en", "costs"))
    assert set(page.evaluate(durations).split(", ")) == {"0s"}
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    assert set(moving_page.evaluate(durations).split(", ")) != {"0s"}
    assert not moving_page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")


def test_with_motion_reduced_the_drawer_opens_and_closes_at_once(moving_browser, site_url):
    # A reader who asked for less motion, with nothing of the tests' own switched off: the site's CSS
    # and Material's answer it. No slide: the drawer is on screen as soon as it is opened, and out of
    # sight (and of the Tab order) as soon as it is closed.
    context = moving_browser.new_context(viewport=PHONE, reduced_motion="reduce")
    phone = context.new_page()
    phone.goto(page_url(site_url, "en", "costs"))
    moving = "() => document.querySelector('.md-sidebar--primary').getAnimations({subtree: true}).length"
    first_link = phone.locator(".md-sidebar--primary a").first
    phone.locator(".md-header label[for=__drawer]").click()
    assert phone.evaluate(moving) == 0
    first_link.focus()
    assert phone.evaluate(FOCUSED)["seen"]
    phone.mouse.click(PHONE["width"] - 5, PHONE["height"] // 2)  # on the shade beside the drawer: it closes
    assert phone.evaluate(moving) == 0
    assert first_link.is_hidden()
    context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_calculators_table_of_contents_lists_its_forms(built_site, lang):
    html = built_path(built_site, lang, "calculator").read_text(encoding="utf-8")
    toc = html[html.index('class="md-nav md-nav--secondary"'):]
    toc = toc[:toc.index("</nav>")]
    titles = [re.sub(r"\s+", " ", title).strip() for title in re.findall(r'<span class="md-ellipsis">(.*?)</span>', toc, re.S)]
    assert all(heading in titles for heading in FORM_HEADINGS[lang]), titles
