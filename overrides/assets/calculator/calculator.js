// The calculator page: wires its forms to the shared loader (loader.js, which runs Python) and shows
// each answer in the page's language. Every word shown comes either from the page (data-msg-*
// attributes and the forms, which the build renders from calculator/data) or from the calculator's
// answer, already in that language. No legal rule lives here. It runs from <head>, so Pyodide starts before the rest of the page
// is even parsed; the forms are wired up once the page is there.
(function () {
  "use strict";
  const lang = document.documentElement.lang;  // the build writes the page's language code here
  const pageReady = new Promise((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
    else resolve();
  });
  // The status and progress lines come first in #calc-app: they show as soon as the browser has parsed
  // them, not at DOMContentLoaded, which on a slow link waits for Material's scripts while they share
  // the link with the calculator's download.
  const statusReady = CalculatorStatus.whenParsed(() => document.getElementById("calc-failed-actions"))
    .then(() => { document.getElementById("calc-app").hidden = false; });
  // So the forms show before they are wired up: a form never submits by itself (nothing typed leaves the
  // page), and one sent before its handler is there is sent again once it is.
  let wired = false;
  let sentEarly = null;
  document.addEventListener("submit", (event) => {
    if (!event.target.closest("#calc-app")) return;
    event.preventDefault();
    if (!wired) sentEarly = event.target;
  }, true);
  // The page's words for every state and error, written by the build (overrides/hooks/forms.py).
  function words() {
    return document.getElementById("calc-words").dataset;
  }

  // {name} in a message → values[name].
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
  }

  const shown = CalculatorStatus.attach({ prefix: "calc", words, root: () => document.getElementById("calc-app"),
                                          whenShown: statusReady });
  const calculator = CalculatorLoader.start({ onStatus: shown.onStatus, onProgress: shown.onProgress });

  pageReady.then(wireUpPage);

  function wireUpPage() {
    const root = document.getElementById("calc-app");
    const msg = words();

    shown.wire(calculator);

    function today() {
      const now = new Date();
      const pad = (n) => String(n).padStart(2, "0");
      return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    }

    function element(tag, text, className) {
      const node = document.createElement(tag);
      if (text) node.textContent = text;
      if (className) node.className = className;
      return node;
    }

    function list(title, items) {
      const section = document.createDocumentFragment();
      if (!items.length) return section;
      section.append(element("p", title, "calc-result__title"));
      const ul = element("ul");
      for (const item of items) ul.append(element("li", item));
      section.append(ul);
      return section;
    }

    function labelOf(input) {
      return document.querySelector(`label[for="${input.id}"]`).textContent.trim();
    }

    // A date box shows the browser's own format (say mm/dd/yyyy), and gives the page "" until the whole
    // date is there: say what the person sees, not how the calculator reads dates.
    function dateWords(input) {
      return input.validity && input.validity.badInput ? msg.msgDateIncomplete : msg.msgDateMissing;
    }

    // The page's own words for an error about a field, so no message names a field the way the
    // calculator does internally; other errors are the calculator's, already in the page's language.
    function errorWords(form, error) {
      const input = form.querySelector(`[data-field="${error.field}"]`);
      if (!input) return error.message;
      const isDateBox = input.type === "date";
      if (isDateBox && ["field-missing", "date-malformed", "date-impossible", "date-no-month", "date-no-day"].includes(error.code)) return dateWords(input);
      if (error.code === "field-missing") return fill(msg.msgMissing, { label: labelOf(input) });
      return error.message;
    }

    // Errors the page can see before asking: a required box left empty (or a date box not filled in).
    function emptyFields(form) {
      return [...form.querySelectorAll("[data-field][required]")]
        .filter((input) => input.value.trim() === "")
        .map((input) => ({ field: input.dataset.field, code: "field-missing" }));
    }

    function clearErrors(form) {
      for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
      for (const error of form.querySelectorAll(".calc-error")) { error.textContent = ""; error.hidden = true; }
      const summary = form.querySelector(".calc-error-summary");
      if (summary) summary.remove();
    }

    // Each error beside its field; with more than one, also a summary at the top of the form that
    // links to each field, and the focus goes there. With one, the focus goes to its field.
    function showErrors(form, errors) {
      const shown = errors.map((error) => {
        const input = form.querySelector(`[data-field="${error.field}"]`);
        const message = error.message && !input ? error.message : errorWords(form, error);
        const box = input ? document.getElementById(`${input.id}-error`) : form.querySelector(".calc-error--form");
        box.textContent = message;
        box.hidden = false;
        if (input) input.setAttribute("aria-invalid", "true");
        return { input, message };
      });
      if (shown.length > 1) {
        const summary = element("div", "", "calc-error-summary");
        summary.tabIndex = -1;
        const title = element("h3", CalculatorStatus.counted(msg.msgSummary, shown.length), "calc-error-summary__title");
        title.id = `${form.dataset.kind}-error-summary-title`;
        summary.setAttribute("role", "group");
        summary.setAttribute("aria-labelledby", title.id);
        const items = element("ul");
        for (const { input, message } of shown) {
          const link = element("a", message);
          link.href = `#${input.id}`;
          link.addEventListener("click", (event) => {
            event.preventDefault();  // no #fragment in the address: focus the field instead
            input.focus();
          });
          items.append(element("li"));
          items.lastChild.append(link);
        }
        summary.append(title, items);
        form.prepend(summary);
        summary.focus();
      } else if (shown[0].input) {
        shown[0].input.focus();
      }
    }

    function renderAnswer(form, result, answer) {
      result.replaceChildren();
      // A heading names the result region; the focus moves to it, so a screen reader reads it out.
      const heading = element("h3", msg.msgResultHeading, "calc-result__heading");
      heading.id = `${form.dataset.kind}-result-heading`;
      result.setAttribute("role", "region");
      result.setAttribute("aria-labelledby", heading.id);
      result.append(heading);
      answer.headings.forEach((text, index) => result.append(element("p", text, index ? "calc-result__more" : "calc-result__answer")));
      if (answer.today) result.append(todayPart(answer.today));
      result.append(element("p", answer.inputs_text));
      const steps = answer.kind === "fee" ? answer.lines : answer.steps;
      result.append(list(answer.kind === "fee" ? msg.msgBreakdown : msg.msgSteps, steps.map((s) => s.text)));
      for (const warning of answer.warnings) result.append(element("p", warning, "calc-result__warning"));
      result.append(list(msg.msgNotes, answer.notes.map((n) => n.text)));
      result.append(list(msg.msgSources, answer.sources.map((s) => s.text)));
      result.append(element("p", answer.reviewed_text));
      const actions = element("div", "", "calc-actions");
      const printButton = element("button", msg.msgPrint, "md-button");
      printButton.type = "button";
      printButton.addEventListener("click", () => window.print());
      const againButton = element("button", msg.msgAgain, "md-button");
      againButton.type = "button";
      againButton.addEventListener("click", () => startAgain(form, result));
      actions.append(printButton, againButton);
      result.append(actions);
      result.hidden = false;
      result.focus();
    }

    // Measured against today: whether the date has passed, and links to the letters for the next steps
    // (the letters page opens with the letter chosen; the address carries its type, never an answer).
    function todayPart(today) {
      const part = element("div", "", today.passed ? "calc-result__today calc-result__today--passed" : "calc-result__today");
      part.append(element("p", today.text));
      if (today.next.length) {
        const steps = element("ul");
        for (const step of today.next) {
          const link = element("a", step.text);
          const address = new URLSearchParams({ letter: step.letter, ...step.answers });
          link.href = `${words().lettersUrl}?${address}#${step.sample}`;
          const item = element("li");
          item.append(link);
          steps.append(item);
        }
        part.append(steps);
      }
      return part;
    }

    function startAgain(form, result) {
      form.reset();
      clearErrors(form);
      form.querySelector('input[type="date"]').value = today();
      result.hidden = true;
      result.replaceChildren();
      form.querySelector("input, select").focus();
    }

    const noAnswerWords = { "calculator-failed": msg.msgFailed, "calculator-timeout": msg.msgTimeout,
                            "calculator-error": msg.msgError };

    for (const form of root.querySelectorAll("form[data-kind]")) {
      const result = form.nextElementSibling;
      const dateBox = form.querySelector('input[type="date"]');
      if (!dateBox.value) dateBox.value = today();  // not over a date typed while the page was loading
      form.addEventListener("submit", async (event) => {
        event.preventDefault();  // nothing typed ever leaves the page
        performance.mark("calculator-submit");
        clearErrors(form);
        const empty = emptyFields(form);
        if (empty.length) {
          result.hidden = true;
          showErrors(form, empty);
          return;
        }
        // A deadline is also measured against today, the browser's date (the calculator has no clock).
        const request = form.dataset.kind === "deadline" ? { kind: "deadline", lang, today: today() }
                                                          : { kind: form.dataset.kind, lang };
        for (const input of form.querySelectorAll("[data-field]")) request[input.dataset.field] = input.value;
        const note = form.querySelector(".calc-error--form");
        if (calculator.state !== "ready") {  // say so by the button, not only at the top
          note.textContent = msg.msgWait;
          note.hidden = false;
          note.classList.add("calc-error--wait");
        }
        const answer = await calculator.ask(request);
        note.classList.remove("calc-error--wait");
        note.hidden = true;
        if (answer.error && answer.error.code in noAnswerWords) {
          // Said by the button too: the status line at the top may be out of sight.
          result.hidden = true;
          showErrors(form, [{ field: null, message: noAnswerWords[answer.error.code] }]);
        } else if (answer.error) {
          result.hidden = true;
          showErrors(form, [answer.error]);
        } else {
          renderAnswer(form, result, answer);
          performance.mark("calculator-result");
        }
      });
    }
    wired = true;
    if (sentEarly) sentEarly.requestSubmit();
  }
})();
