// The calculator page: wires its forms to the shared loader (loader.js, which runs Python) and shows
// each answer in the page's language. Every word shown comes either from the page (data-* attributes,
// written in each language's Markdown) or from the calculator's answer, already in that language. No
// legal rule lives here. It runs from <head>, so Pyodide starts before the rest of the page is even
// parsed; the forms are wired up once the page is there.
(function () {
  "use strict";
  const lang = document.documentElement.lang === "es" ? "es" : "en";
  const pageReady = new Promise((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
    else resolve();
  });
  // The loader's states, as the page's words (data-msg-*) and the page's state (data-state).
  const STATUS_WORDS = { loading: "msgLoading", starting: "msgLoading", ready: "msgReady",
                         failed: "msgFailed", stopped: "msgTimeout" };
  const PAGE_STATES = { loading: "loading", starting: "loading", ready: "ready", failed: "failed", stopped: "failed" };

  function setStatus(state) {
    pageReady.then(() => {
      const root = document.getElementById("calc-app");
      document.getElementById("calc-status").textContent = root.dataset[STATUS_WORDS[state]];
      root.dataset.state = PAGE_STATES[state];
    });
  }

  const calculator = CalculatorLoader.start({ onStatus: setStatus });

  pageReady.then(wireUpForms);

  function wireUpForms() {
    const root = document.getElementById("calc-app");
    const words = root.dataset;

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

    function clearErrors(form) {
      for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
      for (const error of form.querySelectorAll(".calc-error")) { error.textContent = ""; error.hidden = true; }
    }

    function showError(form, error) {
      const input = form.querySelector(`[data-field="${error.field}"]`);
      const box = input ? document.getElementById(`${input.id}-error`) : form.querySelector(".calc-error--form");
      box.textContent = error.message;
      box.hidden = false;
      if (input) {
        input.setAttribute("aria-invalid", "true");
        input.focus();
      }
    }

    function renderAnswer(result, answer) {
      result.replaceChildren();
      const headings = answer.headings;
      headings.forEach((text, index) => result.append(element("p", text, index ? "calc-result__more" : "calc-result__answer")));
      result.append(element("p", answer.inputs_text));
      const steps = answer.kind === "fee" ? answer.lines : answer.steps;
      result.append(list(answer.kind === "fee" ? words.msgBreakdown : words.msgSteps, steps.map((s) => s.text)));
      for (const warning of answer.warnings) result.append(element("p", warning, "calc-result__warning"));
      result.append(list(words.msgNotes, answer.notes.map((n) => n.text)));
      result.append(list(words.msgSources, answer.sources.map((s) => s.text)));
      result.append(element("p", answer.reviewed_text));
      const actions = element("div", "", "calc-actions");
      const printButton = element("button", words.msgPrint, "md-button");
      printButton.type = "button";
      printButton.addEventListener("click", () => window.print());
      const againButton = element("button", words.msgAgain, "md-button");
      againButton.type = "button";
      againButton.addEventListener("click", () => startAgain(result.previousElementSibling, result));
      actions.append(printButton, againButton);
      result.append(actions);
      result.hidden = false;
      result.focus();
    }

    function startAgain(form, result) {
      form.reset();
      clearErrors(form);
      form.querySelector('input[type="date"]').value = today();
      result.hidden = true;
      result.replaceChildren();
      form.querySelector("input, select").focus();
    }

    for (const form of root.querySelectorAll("form[data-kind]")) {
      const result = form.nextElementSibling;
      form.querySelector('input[type="date"]').value = today();
      form.addEventListener("submit", async (event) => {
        event.preventDefault();  // nothing typed ever leaves the page
        performance.mark("calculator-submit");
        clearErrors(form);
        const request = { kind: form.dataset.kind, lang };
        for (const input of form.querySelectorAll("[data-field]")) request[input.dataset.field] = input.value;
        const note = form.querySelector(".calc-error--form");
        if (root.dataset.state === "loading") {  // say so by the button, not only at the top
          note.textContent = words.msgWait;
          note.hidden = false;
          note.classList.add("calc-error--wait");
        }
        const answer = await calculator.ask(request);
        note.classList.remove("calc-error--wait");
        const noAnswerWords = { "calculator-failed": words.msgFailed, "calculator-timeout": words.msgTimeout,
                                "calculator-error": words.msgError };
        if (answer.error && answer.error.code in noAnswerWords) {
          // Said by the button too: the status line at the top may be out of sight.
          result.hidden = true;
          showError(form, { field: null, message: noAnswerWords[answer.error.code] });
          return;
        }
        note.hidden = true;
        if (answer.error) {
          result.hidden = true;
          showError(form, answer.error);
        } else {
          renderAnswer(result, answer);
          performance.mark("calculator-result");
        }
      });
    }
    root.hidden = false;
    if (!root.dataset.state) {
      root.dataset.state = "loading";
      document.getElementById("calc-status").textContent = words.msgLoading;
    }
  }
})();
