"""200 % text on a 360 px phone (issue 26, item 5): no page scrolls sideways and no word is cut mid-word,
in any language.

The text size is doubled as a reader does it, in the browser's settings: Chromium's default font size
(Settings > Appearance > Font size; here through DevTools' Page.setFontSizes) goes from 16 to 32 px.
Material sizes its whole page from the root font size (html { font-size: 125% }), which follows that
setting: the root goes from 20 to 40 px. Page zoom would not test this, since it also narrows the
viewport in CSS pixels. A word counts as cut when its letters are laid out on more than one line (a
wrap at a space, a hyphen, a slash or a <wbr> is not inside a word) although the word, unbroken, is
narrower than its block's line: some Russian words ("конфиденциальности") are wider than any line of a
list at 200 % on 360 px, and there a break is the only way to show them."""
import pytest

from ..waits import settled
from .pages import ALL_PAGES, page_url

PHONE = {"width": 360, "height": 740}
DOUBLED = {"standard": 32, "fixed": 26}  # Chromium's defaults are 16 and 13

# Every word (a run with a letter in it, between spaces, hyphens, dashes and slashes) of the page's
# visible text whose letters sit on more than one line; and what sticks out past the right edge.
LAYOUT = """() => {
    const root = document.documentElement;
    const cut = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    // Whether `word`, unbroken in its element's font, is narrower than the widest line its block gives:
    // a longer word ("конфиденциальности" at 32 px in a list) cannot fit any line, and only then may wrap.
    const measure = document.createElement("canvas").getContext("2d");
    const fitsALine = (word, element) => {
        const style = getComputedStyle(element);
        measure.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        let block = element;
        while (getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
        const blockStyle = getComputedStyle(block);
        const line = block.clientWidth - parseFloat(blockStyle.paddingLeft) - parseFloat(blockStyle.paddingRight);
        return measure.measureText(word).width <= line;
    };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
        for (const match of node.textContent.matchAll(/[^\\s\\-\\/\\u2010-\\u2014]+[\\-\\/\\u2010-\\u2014]?/g)) {
            if (!/\\p{L}/u.test(match[0])) continue;
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].filter((box) => box.width > 0)
                                  .map((box) => Math.round(box.top)));
            if (lines.size > 1 && fitsALine(match[0], parent)) {
                cut.push(`${match[0]} (in <${parent.tagName.toLowerCase()} class="${parent.className}">)`);
            }
        }
    }
    const hyphenated = [...document.querySelectorAll(".md-content :is(p, li, h1, h2, h3, h4, td, th, pre, dd, dt)")]
        .filter((element) => getComputedStyle(element).hyphens === "auto").length;
    return {rootFontSize: parseFloat(getComputedStyle(root).fontSize), scrollWidth: root.scrollWidth,
            clientWidth: root.clientWidth, cut, hyphenated};
}"""


@pytest.fixture(scope="module")
def big_text_phone(browser):
    """A 360 px wide page in Chromium with the browser's text size doubled."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("Page.enable")
    devtools.send("Page.setFontSizes", {"fontSizes": DOUBLED})
    yield page
    context.close()


@pytest.mark.parametrize("lang, name", ALL_PAGES)
def test_200_percent_text_at_360px_never_scrolls_sideways_or_cuts_a_word(big_text_phone, site_url, lang, name):
    big_text_phone.goto(page_url(site_url, lang, name))
    settled(big_text_phone)  # what a page does in its first frames after load (the letters page's builder) is laid out
    layout = big_text_phone.evaluate(LAYOUT)
    assert layout["rootFontSize"] == 40  # the text really is doubled: Material's 125 % of 32 px
    assert layout["scrollWidth"] <= layout["clientWidth"] == PHONE["width"]
    assert layout["cut"] == []
    assert layout["hyphenated"] == 0  # no automatic hyphenation either: a hyphen would cut a word too


def test_the_check_finds_a_cut_word_that_would_fit_but_not_one_wider_than_any_line(big_text_phone):
    big_text_phone.set_content('<body style="margin:0"><p style="width:6em; word-break:break-all">a provider records</p>'
                               '<p style="overflow-wrap:anywhere">конфиденциальностиконфиденциальности</p></body>')
    cut = big_text_phone.evaluate(LAYOUT)["cut"]
    assert any(word.startswith(("provider", "records")) for word in cut)
    assert not any("конфиденциальности" in word for word in cut)
