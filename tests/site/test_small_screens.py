"""Phones and keyboards: at 360 px every Tab stop is on screen and visible, wide tables scroll in a
named region a keyboard can reach, table and note text is at least 16 px, the language switcher says
the other language's name, and the calculator's table of contents lists its two forms."""
import re

import pytest

from .pages import built_path, page_url

PHONE = {"width": 360, "height": 740}
TABLE_LABEL = {"en": "Table: scroll sideways to see more", "es": "Tabla: deslice hacia el lado para ver más"}
OTHER_LANGUAGE = {"en": ("Español", "es"), "es": ("English", "en")}
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


def tab_through(page, key: str = "Tab", most: int = 250) -> list[dict]:
    """Press `key` until focus comes back round (or `most` times); each stop as FOCUSED describes it. A
    stop that is not seen at once is looked at again after Material's 0.3 s transitions."""
    stops = []
    for _ in range(most):
        page.keyboard.press(key)
        stop = page.evaluate(FOCUSED)
        for _ in range(3):
            if not stop or stop["seen"]:
                break
            page.wait_for_timeout(400)
            stop = page.evaluate(FOCUSED)
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


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_language_switcher_names_the_other_language(phone, site_url, lang):
    phone.goto(page_url(site_url, lang, "costs"))
    name, code = OTHER_LANGUAGE[lang]
    switcher = phone.get_by_role("link", name=name, exact=True)
    assert switcher.is_visible()
    assert switcher.get_attribute("lang") == code and switcher.get_attribute("hreflang") == code
    switcher.click()
    phone.wait_for_url(page_url(site_url, code, "costs"))
    assert phone.evaluate("document.documentElement.lang") == code


def test_the_closed_drawer_is_hidden_and_opens_visible(phone, site_url):
    phone.goto(page_url(site_url, "en", "costs"))
    first_link = phone.locator(".md-sidebar--primary a").first
    assert first_link.is_hidden()  # closed: off-screen, so out of sight and out of the Tab order
    phone.locator(".md-header label[for=__drawer]").click()
    first_link.wait_for(state="visible")
    first_link.focus()
    # The drawer slides in: wait for the state (the focused link seen, uncovered, on screen), not for a
    # moment mid-slide when the link is already "visible" but still partly off-screen.
    phone.wait_for_function(f"() => ({FOCUSED})()?.seen === true", timeout=5000)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_calculators_table_of_contents_lists_its_forms(built_site, lang):
    html = built_path(built_site, lang, "calculator").read_text(encoding="utf-8")
    toc = html[html.index('class="md-nav md-nav--secondary"'):]
    toc = toc[:toc.index("</nav>")]
    titles = [re.sub(r"\s+", " ", title).strip() for title in re.findall(r'<span class="md-ellipsis">(.*?)</span>', toc, re.S)]
    assert all(heading in titles for heading in FORM_HEADINGS[lang]), titles
