// The letters page: a letter builder, one short group of questions at a time, then "check your
// answers", then the letter. Python (calculator/letters.py, through the shared loader) builds every
// letter, date and calendar file; this script only collects answers and shows what comes back.
// Every word shown is the page's (its labels and data-msg-* attributes) or the letter builder's.
// Nothing typed is sent anywhere, stored, or put in an address: it lives in the form until cleared.
(function () {
  "use strict";
  const app = document.getElementById("letter-app");
  if (!app || !window.CalculatorLoader) return;
  const lang = document.documentElement.lang === "es" ? "es" : "en";
  const words = app.dataset;
  const form = document.getElementById("letter-form");
  const steps = Array.from(form.querySelectorAll(".letter-step"));
  const status = document.getElementById("letter-status");
  const summary = document.getElementById("letter-error-summary");
  const output = document.getElementById("letter-output");
  const button = (action) => app.querySelector(`[data-action="${action}"]`);
  let current = 0;
  let calculator = null;
  let builtType = null;  // the type of the letter on show, for file names

  app.hidden = false;

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, name) => (name in values ? values[name] : ""));
  }

  function chosenType() {
    const chosen = form.querySelector('input[name="type"]:checked');
    return chosen ? chosen.value : null;
  }

  // A field counts for this letter unless it sits in a group meant for other letters.
  function applies(element, type) {
    const group = element.closest("[data-for]");
    return !group || group.dataset.for.split(" ").includes(type);
  }

  function requiredFor(element, type) {
    return element.required || (element.dataset.requiredFor || "").split(" ").includes(type);
  }

  function fieldsIn(container) {
    return Array.from(container.querySelectorAll("[data-field]"))
      .filter((element) => element.dataset.field !== "type" && applies(element, chosenType()));
  }

  // A step's title without its "Step 2 of 6" counter.
  function titleOf(step) {
    const legend = step.querySelector("legend, h3").cloneNode(true);
    for (const counter of legend.querySelectorAll(".letter-step__count")) counter.remove();
    return legend.textContent.trim();
  }

  function labelOf(element) {
    const label = form.querySelector(`label[for="${element.id}"]`);
    return label ? label.textContent.trim() : element.dataset.field;
  }

  function valueOf(element) {
    if (element.type === "checkbox") return element.checked;
    return element.value.trim();
  }

  // The answers, keyed as calculator/letters.py reads them; fields left empty are left out.
  function answers() {
    const result = {};
    for (const element of fieldsIn(form)) {
      const value = valueOf(element);
      if (value !== "") result[element.dataset.field] = value;
    }
    return result;
  }

  // Python starts on the first sign that a person is writing a letter, not for every visitor.
  function calculatorFor() {
    if (!calculator) {
      calculator = CalculatorLoader.start({ onStatus: showStatus });
    }
    return calculator;
  }

  function showStatus(state) {
    const message = words[`msg${state.charAt(0).toUpperCase()}${state.slice(1)}`] || "";
    status.textContent = message;
    status.hidden = !message;
    app.dataset.state = state;
    const retry = status.querySelector("button");
    if (retry) retry.remove();
    if (state === "failed" || state === "stopped") {
      const again = document.createElement("button");
      again.type = "button";
      again.className = "md-button";
      again.textContent = words.msgRetry;
      again.addEventListener("click", () => calculator.retry());
      status.append(" ", again);
    }
  }

  // Errors: one next to each field, and a list at the top when there is more than one.
  function clearErrors() {
    for (const error of app.querySelectorAll(".calc-error")) {
      error.textContent = "";
      error.hidden = true;
    }
    for (const element of form.querySelectorAll("[aria-invalid]")) element.removeAttribute("aria-invalid");
    summary.hidden = true;
    summary.textContent = "";
  }

  function showError(element, message) {
    const error = document.getElementById(`${element.dataset.field === "type" ? "type" : element.id}-error`);
    error.textContent = message;
    error.hidden = false;
    element.setAttribute("aria-invalid", "true");
  }

  function showErrors(problems) {
    for (const { element, message } of problems) showError(element, message);
    if (problems.length > 1) {
      summary.textContent = "";
      const title = document.createElement("p");
      title.textContent = words.msgSummary;
      const list = document.createElement("ul");
      for (const { element, message } of problems) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = `#${element.id}`;
        link.textContent = message;
        link.addEventListener("click", (event) => {
          event.preventDefault();
          element.focus();
        });
        item.append(link);
        list.append(item);
      }
      summary.append(title, list);
      summary.hidden = false;
      summary.focus();
    } else {
      problems[0].element.focus();
    }
  }

  function missingIn(step) {
    const type = chosenType();
    if (step.dataset.step === "type") {
      return type ? [] : [{ element: form.querySelector('input[name="type"]'),
                            message: say(words.msgRequired, { label: titleOf(step) }) }];
    }
    return fieldsIn(step)
      .filter((element) => requiredFor(element, type) && valueOf(element) === "")
      .map((element) => ({ element, message: say(words.msgRequired, { label: labelOf(element) }) }));
  }

  function visibleSteps() {
    return steps.filter((step) => step.dataset.step === "type" || step.dataset.step === "check" ||
                                  fieldsIn(step).length > 0);
  }

  // Shows step `index`; focus goes to `focusTarget`, or the step's first field (its heading on "check").
  function showStep(index, focusTarget, moveFocus = true) {
    const shown = visibleSteps();
    current = Math.max(0, Math.min(index, shown.length - 1));
    const type = chosenType();
    for (const step of steps) step.hidden = step !== shown[current];
    for (const group of form.querySelectorAll("[data-for]")) group.hidden = !applies(group, type);
    for (const counter of form.querySelectorAll(".letter-step__count")) {
      counter.textContent = say(words.msgStep, { n: current + 1, total: shown.length });
    }
    const onCheck = shown[current].dataset.step === "check";
    button("back").hidden = current === 0;
    button("next").hidden = onCheck;
    button("make").hidden = !onCheck;
    if (shown[current].dataset.step === "dates") {
      const sent = document.getElementById("sent_date");
      if (!sent.value) sent.value = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
    }
    if (onCheck) fillCheck();
    const target = focusTarget || (onCheck ? document.getElementById("letter-check-heading")
                                            : shown[current].querySelector("input, select, textarea"));
    if (target && moveFocus) target.focus();
  }

  function shownValue(element) {
    if (element.type === "checkbox") return element.checked ? words.msgYes : words.msgNo;
    if (element.tagName === "SELECT") return element.options[element.selectedIndex].textContent.trim();
    if (element.type === "date" && element.value) {
      const [year, month, day] = element.value.split("-").map(Number);
      return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString(lang === "es" ? "es-US" : "en-US",
        { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    }
    return element.value.trim() || words.msgNotGiven;
  }

  // "Check your answers": each answer with a button that goes back to it.
  function fillCheck() {
    const list = document.getElementById("letter-check");
    list.textContent = "";
    const shown = visibleSteps();
    const chosen = form.querySelector('input[name="type"]:checked');
    const rows = [[titleOf(form.querySelector('[data-step="type"]')), chosen, 0]];
    shown.forEach((step, index) => {
      if (step.dataset.step !== "type" && step.dataset.step !== "check") {
        for (const element of fieldsIn(step)) rows.push([null, element, index]);
      }
    });
    for (const [title, element, index] of rows) {
      const term = document.createElement("dt");
      term.textContent = title || labelOf(element);
      const value = document.createElement("dd");
      value.className = "letter-check__value";
      value.textContent = title ? labelOf(element) : shownValue(element);
      const change = document.createElement("dd");
      const again = document.createElement("button");
      again.type = "button";
      again.className = "letter-check__change";
      again.textContent = words.msgChange;
      const hidden = document.createElement("span");
      hidden.className = "letter-visually-hidden";
      hidden.textContent = ` ${term.textContent}`;
      again.append(hidden);
      again.addEventListener("click", () => showStep(index, element));
      change.append(again);
      list.append(term, value, change);
    }
  }

  async function ask(format) {
    const request = { kind: "letter", lang, type: chosenType(), answers: answers(), format };
    return calculatorFor().ask(JSON.stringify(request));
  }

  // The letter builder's own errors name a field: show the message there, on its step.
  function showAnswerError(answer) {
    const error = answer.error;
    const message = error.message || words[`msg${error.code === "calculator-timeout" ? "Stopped" :
                                              error.code === "calculator-failed" ? "Failed" : "Error"}`];
    const element = error.field && form.querySelector(`[data-field="${error.field}"]`);
    if (element && element.dataset.field !== "type") {
      const index = visibleSteps().indexOf(element.closest(".letter-step"));
      showStep(index, element);
      showErrors([{ element, message }]);
    } else {
      status.textContent = message;
      status.hidden = false;
      status.focus();
    }
  }

  async function makeLetter() {
    if (calculatorFor().state !== "ready") {
      status.textContent = words.msgWait;
      status.hidden = false;
    }
    const answer = await ask("json");
    if (answer.error) {
      showAnswerError(answer);
      return;
    }
    builtType = answer.type;
    document.getElementById("letter-english").textContent = answer.letter;
    const copy = document.getElementById("letter-spanish");
    if (copy) copy.textContent = answer.translation || "";
    const dates = document.getElementById("letter-dates");
    dates.textContent = "";
    for (const line of answer.dates_text) {
      const item = document.createElement("li");
      item.textContent = line;
      dates.append(item);
    }
    button("download-ics").hidden = !answer.dates;
    showLetter(true);
    document.getElementById("letter-output-heading").focus();
  }

  function download(content, type, extension) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([content], { type }));
    link.download = `letter-${builtType}.${extension}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  async function save(format, type, extension) {
    const answer = await ask(format);
    if (answer.error) showAnswerError(answer);
    else download(answer.content, type, extension);
  }

  async function copyLetter() {
    const copyStatus = document.getElementById("letter-copy-status");
    const text = document.getElementById("letter-english").textContent;
    try {
      await navigator.clipboard.writeText(text);
      copyStatus.textContent = words.msgCopied;
    } catch (_) {
      // file:// and older browsers: select the letter and use the old copy command.
      const range = document.createRange();
      range.selectNodeContents(document.getElementById("letter-english"));
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      copyStatus.textContent = document.execCommand && document.execCommand("copy") ? words.msgCopied
                                                                                  : words.msgCopyFailed;
    }
  }

  // While a letter is on show, printing the page (the button, or the browser's own Print) prints the letter.
  function showLetter(shown) {
    output.hidden = !shown;
    form.hidden = shown;
    document.documentElement.classList.toggle("print-letter", shown);
  }

  function clearAll() {
    form.reset();
    clearErrors();
    for (const id of ["letter-english", "letter-spanish", "letter-dates", "letter-check", "letter-copy-status"]) {
      const element = document.getElementById(id);
      if (element) element.textContent = "";
    }
    builtType = null;
    showLetter(false);
    showStep(0);
    status.textContent = words.msgCleared;
    status.hidden = false;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearErrors();
    const step = visibleSteps()[current];
    if (step.dataset.step === "check") {
      makeLetter();
      return;
    }
    const problems = missingIn(step);
    if (problems.length) showErrors(problems);
    else showStep(current + 1);
  });
  form.addEventListener("focusin", calculatorFor, { once: true });
  form.addEventListener("change", (event) => {
    if (event.target.name === "type") calculatorFor();
  });
  button("back").addEventListener("click", () => {
    clearErrors();
    showStep(current - 1);
  });
  button("print").addEventListener("click", () => window.print());
  button("copy").addEventListener("click", copyLetter);
  button("download-text").addEventListener("click", () => save("text", "text/plain;charset=utf-8", "txt"));
  button("download-html").addEventListener("click", () => save("html", "text/html;charset=utf-8", "html"));
  button("download-ics").addEventListener("click", () => save("ics", "text/calendar;charset=utf-8", "ics"));
  button("edit").addEventListener("click", () => {
    showLetter(false);
    showStep(visibleSteps().length - 1);
  });
  button("clear").addEventListener("click", clearAll);
  // No focus on load: the page opens at its top, like any other page, and Python does not start yet.
  showStep(0, null, false);
  status.hidden = true;
})();
