"""Waits for a state, for browser tests: never a fixed time. Each helper waits for something the page
does (a frame drawn, a transition over, an event seen) and, in the page's own terms, says when it is."""
from __future__ import annotations

# Two animation frames: the first runs every callback queued for the next frame (a page sets things up
# in requestAnimationFrame after load), the second comes after that frame is laid out and drawn.
NEXT_FRAMES = """() => document.fonts.ready.then(() => new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))))"""


def settled(page) -> None:
    """Wait until the page's fonts are loaded and two frames have been drawn since this call: the work a
    page queues for its next frame (after load, after a scroll) is done and laid out."""
    page.evaluate(NEXT_FRAMES)


def changes_over_frames(page, frames: int = 60) -> int:
    """How many changes (attributes, children, anywhere in the body) the page makes during the next
    `frames` animation frames: a count over frames, not seconds, so a slow machine watches as many."""
    return page.evaluate("""(frames) => new Promise((resolve) => {
      let count = 0;
      const observer = new MutationObserver((records) => { count += records.length; });
      observer.observe(document.body, { attributes: true, subtree: true, childList: true });
      let left = frames;
      const tick = () => {
        if (--left > 0) return requestAnimationFrame(tick);
        observer.disconnect();
        resolve(count);
      };
      requestAnimationFrame(tick);
    })""", frames)


def transition_over(page, selector: str, timeout: float = 10000) -> None:
    """With motion on: wait until no transition or animation runs on the element `selector` names or
    inside it (the Web Animations list of each is empty), so a colour or a box read next is final."""
    page.wait_for_function("""(selector) => {
      const element = document.querySelector(selector);
      return element !== null && element.getAnimations({ subtree: true }).length === 0;
    }""", arg=selector, timeout=timeout)


# Run first in a page: every form submission the page sees, kept so a test can ask afterwards whether
# the page stopped it (a submission is dispatched at once, inside the click or key press that makes it:
# once that returns, the record is complete; no wait for a navigation that should not come).
WATCH_SUBMITS = """window.addEventListener("submit", (event) => {
    (window.__submitted = window.__submitted || []).push(event);
}, true);"""


def submissions(page) -> list[bool]:
    """For each form submission since the page loaded (WATCH_SUBMITS added first): whether the page
    stopped it (its default, sending the form and leaving the page, prevented)."""
    return page.evaluate("(window.__submitted || []).map((event) => event.defaultPrevented)")
