// start-status.js: shows a calculator start on any page that runs Python (the calculator page, the
// letters page): the status line, the download's progress bar with MB and percent, and "try again". The
// build writes the elements (overrides/hooks/forms.py, start_block: ids `${prefix}-status`, -progress,
// -progress-bar, -progress-text, -failed-actions, -retry); every word is the page's (data-msg-*).
//
//   const shown = CalculatorStatus.attach({ prefix, words, root, whenShown });
//   const calculator = CalculatorLoader.start({ onStatus: shown.onStatus, onProgress: shown.onProgress });
//   shown.wire(calculator);   // once the page is parsed: "try again" restarts it
//   CalculatorStatus.whenParsed(find)  // for a script in <head>: true once the parser has put the
//                              // element find() returns in the page, false if the page is parsed without it
//
// words: a function returning the element.dataset that holds the data-msg-* words; root: the element
// whose data-state ("loading", "ready", "failed") and data-start ("snapshot" or "normal") tests and
// styles read; whenShown: a promise that the elements exist (a page whose script runs from <head>).
(function () {
  "use strict";
  // The loader's states, as the page's state.
  const PAGE_STATES = { loading: "loading", starting: "loading", ready: "ready", failed: "failed", stopped: "failed" };
  // Screen readers hear the download's progress at these steps (percent), not at every byte.
  const ANNOUNCED_STEPS = [25, 50, 75];

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
  }

  function attach({ prefix, words, root, whenShown = Promise.resolve() }) {
    // The page's locale for numbers, from the languages table (main.html's guide-locale meta).
    const locale = document.querySelector('meta[name="guide-locale"]')?.content || document.documentElement.lang;
    const numbers = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const byId = (suffix) => document.getElementById(`${prefix}-${suffix}`);
    let announcedStep = 0;
    let announcedTotal = 0;
    let progressText = "";
    let state = null;

    function statusWords(current, detail) {
      const msg = words();
      if (current === "loading") return progressText ? `${msg.msgLoading} ${progressText}` : msg.msgLoading;
      if (current === "starting") return msg.msgStarting;
      if (current === "ready") return msg.msgReady;
      if (current === "stopped") return msg.msgTimeout;
      return detail === "stalled" ? msg.msgStalled : msg.msgFailed;
    }

    function onStatus(current, detail) {
      state = current;
      whenShown.then(() => {
        const element = root();
        element.dataset.state = PAGE_STATES[current];
        if (current === "ready") element.dataset.start = detail;  // "snapshot" or "normal": read by tests and `make bench`
        if (current === "loading") {
          announcedStep = 0;
          progressText = "";
        }
        const status = byId("status");
        status.textContent = statusWords(current, detail);
        status.hidden = !status.textContent;
        byId("progress").hidden = current !== "loading";
        byId("failed-actions").hidden = !(current === "failed" || current === "stopped");
      });
    }

    function onProgress({ loaded, total }) {
      whenShown.then(() => {
        if (state !== "loading") return;
        if (!total) {
          // The first bytes are measuring the link, so the size of the download is not known yet: the
          // bytes so far, and no percent (a bar without a value, which calculator.css keeps hidden).
          progressText = fill(words().msgProgressSoFar, { loaded: numbers.format(loaded / 1e6) });
          byId("progress-bar").removeAttribute("value");
          byId("progress-text").textContent = progressText;
          return;
        }
        const percent = Math.min(100, Math.floor((loaded / total) * 100));
        progressText = fill(words().msgProgress, { loaded: numbers.format(loaded / 1e6), total: numbers.format(total / 1e6), percent });
        byId("progress-bar").value = percent;
        byId("progress-text").textContent = progressText;
        // The status line is a polite live region: it changes (and is read out) only at a few steps, and
        // when the total changes (once the link is measured), so it never shows other numbers than the bar.
        const step = ANNOUNCED_STEPS.filter((value) => percent >= value).pop() || 0;
        if (step > announcedStep || (announcedStep && total !== announcedTotal)) {
          announcedStep = Math.max(step, announcedStep);
          announcedTotal = total;
          byId("status").textContent = statusWords("loading");
        }
      });
    }

    function wire(calculator) {
      byId("retry").addEventListener("click", () => {
        calculator.retry();
        byId("status").focus();  // the button goes away; the news is here
      });
    }

    return { onStatus, onProgress, wire };
  }

  // A counted message in the form for `n`: `forms` is the build's JSON {one, other, …} (messages.toml keys
  // each form by its CLDR plural category); the browser says which category `n` takes in the page's language.
  function counted(forms, n) {
    const byCategory = JSON.parse(forms);
    const form = byCategory[new Intl.PluralRules(document.documentElement.lang || "en").select(n)] ?? byCategory.other;
    return form.replace(/\{n\}/g, String(n));
  }

  // For a script that runs from <head> (calculator.js, letter-start.js): resolves true once the parser
  // has put the element `find()` returns in the page, or false when the page is parsed without it.
  function whenParsed(find) {
    return new Promise((resolve) => {
      if (find() || document.readyState !== "loading") return resolve(Boolean(find()));
      const observer = new MutationObserver(() => {
        if (!find()) return;
        observer.disconnect();
        resolve(true);
      });
      observer.observe(document, { childList: true, subtree: true });
      document.addEventListener("DOMContentLoaded", () => {
        observer.disconnect();
        resolve(Boolean(find()));
      }, { once: true });
    });
  }

  window.CalculatorStatus = { attach, counted, whenParsed };
})();
