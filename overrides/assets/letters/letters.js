// The letters page: a letter builder, one short group of questions at a time, then "check your
// answers", then the letter. Python (calculator/letters.py, through the shared loader) builds every
// letter, date and calendar file; this script only collects answers and shows what comes back.
// The build renders the form from the question data (calculator/data/questions.toml), and this script
// reads only the attributes it wrote: which letters ask a question (data-for), where it is required
// (required, data-required-for, data-required-if, data-required-unless), when it is shown (data-shown-if),
// when a choice fits the other answers (data-fits), which fields hold several choices (data-kind="choices":
// check boxes, read as a list) and which second letter it offers after one (data-offer-*). So it holds no
// field list and no rule.
// Every word shown is the page's (its labels and data-msg-* attributes) or the letter builder's.
// Nothing typed is sent anywhere, stored, or put in an address: it lives in the form until cleared. The
// address may carry the letter type (?letter=access), never an answer.
(function () {
  "use strict";
  const app = document.getElementById("letter-app");
  if (!app || !window.CalculatorLoader) return;
  const lang = document.documentElement.lang;  // the build writes the page's language code here
  // Its locale for dates, from the languages table (main.html's guide-locale meta).
  const locale = document.querySelector('meta[name="guide-locale"]')?.content || lang;
  const words = app.dataset;
  const form = document.getElementById("letter-form");
  const steps = Array.from(form.querySelectorAll(".letter-step"));
  const status = document.getElementById("letter-status");
  const summary = document.getElementById("letter-error-summary");
  const output = document.getElementById("letter-output");
  const button = (action) => app.querySelector(`[data-action="${action}"]`);
  const shown = CalculatorStatus.attach({ prefix: "letter", words: () => words, root: () => app });
  let current = 0;
  let calculator = null;
  let builtType = null;  // the type of the letter on show, for file names
  let backToCheck = false;  // after "Change" on check your answers, the step's Next goes back there
  const listeners = { change: [], letter: [] };  // case.js listens (window.LetterBuilder, at the end)

  app.hidden = false;

  // Appends `text` to `element`, with an invisible place to wrap (<wbr>) before each "(" of a citation's
  // subdivisions, 164.524(a)(3)(i): at 200 % text on a phone the browser cut such a run at any letter.
  // The same places as the build's hooks/line_breaks.py; <wbr> adds nothing to copied text.
  const SUBDIVISION = /(?<=[0-9a-z)])(?=\((?:\d{1,3}|[a-z]{1,4})\))/;
  function appendWrappable(element, text) {
    text.split(SUBDIVISION).forEach((part, index) => {
      if (index) element.append(document.createElement("wbr"));
      element.append(part);
    });
  }

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, name) => (name in values ? values[name] : ""));
  }

  function chosenType() {
    const chosen = form.querySelector('input[name="type"]:checked');
    return chosen ? chosen.value : null;
  }

  function fieldNamed(name) {
    return form.querySelector(`[data-field="${name}"]:not([name="type"])`);
  }

  // The value a condition sees: the answer as given, or "" for a question this letter does not ask.
  function conditionValue(name) {
    if (name === "type") return chosenType();
    const element = fieldNamed(name);
    return element && isAsked(element) ? valueOf(element) : null;
  }

  // A condition from the build: {"question": ["value", …]}, met when each named answer is one of them.
  // A question the chosen letter does not ask sets no condition (as in calculator/questions.py).
  // `unasked`: what a condition on such a question counts as (shown-if: shown; required-if: not required).
  function meets(json, unasked = true) {
    if (!json) return true;
    return Object.entries(JSON.parse(json)).every(([name, values]) => {
      const element = name === "type" ? null : fieldNamed(name);
      if (element && !forLetter(element, chosenType())) return unasked;
      return values.includes(conditionValue(name));
    });
  }

  function forLetter(element, type) {
    const forLetters = element.closest("[data-for]");
    return !forLetters || forLetters.dataset.for.split(" ").includes(type);
  }

  // Asked on this letter: not in a group meant for other letters, and its shown-if condition is met.
  function isAsked(element, type = chosenType()) {
    const group = element.closest(".calc-field");
    if (!forLetter(element, type)) return false;
    return !group || meets(group.dataset.shownIf);
  }

  function requiredFor(element, type) {
    return (element.required || (element.dataset.requiredFor || "").split(" ").includes(type) ||
            (element.dataset.requiredIf !== undefined && meets(element.dataset.requiredIf, false))) &&
           !answeredElsewhere(element);
  }

  // data-required-unless: not required when one of the fields it names has an answer (a typed records
  // box when records are ticked).
  function answeredElsewhere(element) {
    return (element.dataset.requiredUnless || "").split(" ").filter(Boolean).some((name) => {
      const other = fieldNamed(name);
      return Boolean(other) && isAsked(other) && !isEmpty(valueOf(other));
    });
  }

  function isEmpty(value) {
    return value === "" || value === false || (Array.isArray(value) && value.length === 0);
  }

  function isChoices(element) {
    return element.dataset.kind === "choices";
  }

  // A several-choice field's boxes that are offered with the other answers.
  function boxesOf(element) {
    return Array.from(element.querySelectorAll('input[type="checkbox"]')).filter((box) => !box.disabled);
  }

  function fieldsIn(container) {
    return Array.from(container.querySelectorAll("[data-field]"))
      .filter((element) => element.dataset.field !== "type" && isAsked(element));
  }

  // The steps of the chosen letter: "which letter", each step with a question it asks, then "check".
  function stepsOf(type) {
    return steps.filter((step) => step.dataset.step === "type" || step.dataset.step === "check" ||
      Array.from(step.querySelectorAll("[data-field]")).some((element) => isAsked(element, type)));
  }

  // Shows only what applies: each question on the letters it serves when its condition holds, each
  // choice when it fits the other answers (a chosen one that no longer fits gives way to one that does).
  function applyConditions() {
    const type = chosenType();
    for (const group of form.querySelectorAll(".calc-field")) {
      const element = group.querySelector("[data-field]");
      if (element && element.dataset.field !== "type") group.hidden = !isAsked(element, type);
    }
    for (const select of form.querySelectorAll("select")) {
      let chosenFits = true;
      for (const option of select.options) {
        const fits = meets(option.dataset.fits);
        option.hidden = !fits;
        option.disabled = !fits;
        if (option.selected && !fits) chosenFits = false;
      }
      // A list the person has not touched follows the other answers: its default, or the first that fits.
      if (!chosenFits || !select.dataset.chosen) {
        const fitting = Array.from(select.options).filter((option) => !option.disabled);
        const first = fitting.find((option) => option.defaultSelected) || fitting[0];
        if (first) select.value = first.value;
      }
    }
    // Check boxes offered only with other answers: one that no longer fits is hidden and unticked.
    for (const box of form.querySelectorAll('[data-kind="choices"] input[data-fits]')) {
      const fits = meets(box.dataset.fits);
      box.closest(".letter-choice").hidden = !fits;
      box.disabled = !fits;
      if (!fits) box.checked = false;
    }
    // The chosen letter's "Before you start" list (the build wrote one for each letter).
    for (const before of form.querySelectorAll("[data-before-for]")) before.hidden = before.dataset.beforeFor !== type;
    for (const label of form.querySelectorAll("label[data-relabel-when]")) {
      label.textContent = meets(label.dataset.relabelWhen, false) ? label.dataset.relabel : label.dataset.label;
    }
    for (const element of form.querySelectorAll("[data-field]")) {
      if (element.dataset.field === "type") continue;
      if (isAsked(element, type) && requiredFor(element, type)) element.setAttribute("aria-required", "true");
      else element.removeAttribute("aria-required");
    }
  }

  // A step's title without its "Step 2 of 6" counter.
  function titleOf(step) {
    const legend = step.querySelector("legend, h3").cloneNode(true);
    for (const counter of legend.querySelectorAll(".letter-step__count")) counter.remove();
    return legend.textContent.trim();
  }

  function labelOf(element) {
    if (isChoices(element)) return element.querySelector("legend").textContent.trim();
    const label = form.querySelector(`label[for="${element.id}"]`);
    return label ? label.textContent.trim() : element.dataset.field;
  }

  function valueOf(element) {
    if (isChoices(element)) return boxesOf(element).filter((box) => box.checked).map((box) => box.value);
    if (element.type === "checkbox") return element.checked;
    return element.value.trim();
  }

  // The answers, keyed as calculator/letters.py reads them; questions not asked, and fields left
  // empty, are left out.
  function answers() {
    const result = {};
    for (const element of fieldsIn(form)) {
      const value = valueOf(element);
      if (!isEmpty(value)) result[element.dataset.field] = value;
    }
    return result;
  }

  // Python starts on the first sign that a person is writing a letter, not for every visitor. Opened
  // from a guide link that names a letter, it is already starting (letter-start.js): that start is taken over.
  function calculatorFor() {
    if (!calculator) {
      const early = window.LetterStart;
      calculator = early ? early.calculator : CalculatorLoader.start({ onStatus: shown.onStatus, onProgress: shown.onProgress });
      (early ? early.shown : shown).wire(calculator);
    }
    return calculator;
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
      .filter((element) => requiredFor(element, type) && isEmpty(valueOf(element)))
      .map((element) => ({ element, message: say(words.msgRequired, { label: labelOf(element) }) }));
  }

  function visibleSteps() {
    return stepsOf(chosenType());
  }

  function today() {
    return new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  // Shows step `index`; focus goes to `focusTarget`, or the step's first field (its heading on "check").
  function showStep(index, focusTarget, moveFocus = true) {
    applyConditions();
    const shownSteps = visibleSteps();
    current = Math.max(0, Math.min(index, shownSteps.length - 1));
    const step = shownSteps[current];
    for (const each of steps) each.hidden = each !== step;
    // No count until a letter is chosen: each letter has its own number of steps, and the count must
    // not change under the person's eyes.
    for (const counter of form.querySelectorAll(".letter-step__count")) {
      counter.textContent = chosenType() ? say(words.msgStep, { n: current + 1, total: shownSteps.length }) : "";
    }
    const onCheck = step.dataset.step === "check";
    button("back").hidden = current === 0;
    button("next").hidden = onCheck;
    button("make").hidden = !onCheck;
    for (const element of step.querySelectorAll("[data-today]")) if (!element.value) element.value = today();
    if (onCheck) {
      backToCheck = false;
      fillCheck();
    }
    const firstField = Array.from(step.querySelectorAll("input, select, textarea"))
      .find((element) => !element.closest("[hidden]"));
    const target = focusTarget || (onCheck ? document.getElementById("letter-check-heading") : firstField);
    if (target && moveFocus) target.focus();
  }

  // A YYYY-MM-DD date in words, in the page's language ("December 2, 2026").
  function dateInWords(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString(locale,
      { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
  }

  function shownValue(element) {
    if (isChoices(element)) {
      const ticked = boxesOf(element).filter((box) => box.checked)
        .map((box) => form.querySelector(`label[for="${box.id}"]`).textContent.trim());
      return ticked.length ? ticked.join("; ") : words.msgNotGiven;
    }
    if (element.type === "checkbox") return element.checked ? words.msgYes : words.msgNo;
    if (element.tagName === "SELECT") return element.options[element.selectedIndex].textContent.trim();
    if (element.type === "date" && element.value) return dateInWords(element.value);
    return element.value.trim() || words.msgNotGiven;
  }

  // "Check your answers": each answer with a button that goes back to it, and from there back here.
  function fillCheck() {
    const list = document.getElementById("letter-check");
    list.textContent = "";
    const shownSteps = visibleSteps();
    const chosen = form.querySelector('input[name="type"]:checked');
    const rows = [[titleOf(form.querySelector('[data-step="type"]')), chosen, 0]];
    shownSteps.forEach((step, index) => {
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
      again.addEventListener("click", () => {
        clearErrors();
        backToCheck = true;
        showStep(index, element);
      });
      change.append(again);
      list.append(term, value, change);
    }
  }

  async function ask(format) {
    // today: the browser's date, so a calendar file marks the dates that have already passed.
    const request = { kind: "letter", lang, type: chosenType(), answers: answers(), format, today: today() };
    return calculatorFor().ask(JSON.stringify(request));
  }

  // The letter builder's own errors name a field: show the message there, on its step.
  function showAnswerError(answer) {
    const error = answer.error;
    const message = error.message || words[`msg${error.code === "calculator-timeout" ? "Timeout" :
                                              error.code === "calculator-failed" ? "Failed" : "Error"}`];
    const element = error.field && fieldNamed(error.field);
    if (element && isAsked(element)) {
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
    showLetterText(document.getElementById("letter-english"), answer.letter);
    const copy = document.getElementById("letter-translation");
    if (copy) showLetterText(copy, answer.translation || "");
    // The dates beside the letter, and again after it on paper (the person's page, not the provider's).
    for (const id of ["letter-dates", "letter-dates-print"]) {
      const dates = document.getElementById(id);
      dates.textContent = "";
      for (const line of answer.dates_text) {
        const item = document.createElement("li");
        item.textContent = line;
        dates.append(item);
      }
    }
    button("download-ics").hidden = !answer.dates;
    showSending(answer);
    showOffers(answer.type);
    tell("letter", { type: answer.type, letter: answer.letter, translation: answer.translation || null, made: today() });
    showLetter(true);
    document.getElementById("letter-output-heading").focus();
  }

  // On paper the signature never stands alone on a page: the letter's last blocks (its last two paragraphs,
  // the closing and the signature, blank lines apart) go in one .letter-end that print keeps whole
  // (letters.css). Where the page breaks is the browser's to say; the text, copied or read aloud, is the same.
  const KEPT_WITH_SIGNATURE = 4;
  function showLetterText(element, text) {
    let split = text.replace(/\n+$/, "").length;
    for (let block = 0; block < KEPT_WITH_SIGNATURE && split > 0; block += 1) {
      split = text.lastIndexOf("\n\n", split - 1);
    }
    const end = document.createElement("span");
    end.className = "letter-end";
    appendWrappable(end, text.slice(split > 0 ? split + 2 : 0));
    element.textContent = "";
    appendWrappable(element, split > 0 ? text.slice(0, split + 2) : "");
    element.append(end);
  }

  // ---- Sending: the e-mail draft and the fax cover sheet, from the letter's answer (issue 25) ----
  let emailDraft = null;  // {to, subject, body} of the letter on show, in English

  // The mailto: link opens the person's own mail program, and only when they click it (also in library
  // mode): nothing here opens it for them. A body too long for a mailto: address is left to paste.
  function showSending(answer) {
    emailDraft = answer.email;
    const send = document.getElementById("letter-send");
    const longest = Number(send.dataset.mailtoMax);
    const address = `mailto:${encodeURIComponent(emailDraft.to || "").replace(/%40/g, "@")}`;
    const subject = `?subject=${encodeURIComponent(emailDraft.subject)}`;
    const full = `${address}${subject}&body=${encodeURIComponent(emailDraft.body)}`;
    const tooLong = full.length > longest;
    document.getElementById("letter-email-link").href = tooLong ? address + subject : full;
    document.getElementById("letter-email-long").hidden = !tooLong;
    document.getElementById("letter-send-status").textContent = "";
    const cover = document.getElementById("letter-fax-cover");
    cover.textContent = answer.fax_cover || "";
    document.getElementById("letter-fax-cover-block").hidden = !answer.fax_cover;
    document.getElementById("letter-send-fax").hidden = !answer.fax_cover;
  }

  async function copySending(part) {
    const sendStatus = document.getElementById("letter-send-status");
    const message = part === "subject" ? words.msgCopiedSubject : words.msgCopiedBody;
    try {
      await navigator.clipboard.writeText(emailDraft[part]);
      sendStatus.textContent = message;
    } catch (_) {
      // file:// and older browsers: the old copy command, from a text box made for it.
      const box = document.createElement("textarea");
      box.value = emailDraft[part];
      box.setAttribute("readonly", "");
      box.className = "letter-visually-hidden";
      document.body.append(box);
      box.select();
      const copied = document.execCommand && document.execCommand("copy");
      box.remove();
      sendStatus.textContent = copied ? message : words.msgCopyFailed;
    }
  }

  // The second letter the build offers after this type (data-offer-for), unless this letter already has
  // the offer's answers (it is that second letter).
  function showOffers(type) {
    for (const offer of app.querySelectorAll("[data-offer-for]")) {
      const answers = JSON.parse(offer.dataset.offerAnswers);
      const already = Object.entries(answers).every(([name, value]) => {
        const element = fieldNamed(name);
        return element && JSON.stringify(valueOf(element)) === JSON.stringify(value);
      });
      offer.hidden = offer.dataset.offerFor !== type || already;
    }
  }

  // The offered letter: the same answers, with the offer's in place of the person's, at "check your answers".
  function openOffer(offer) {
    setAnswers(JSON.parse(offer.dataset.offerAnswers));
    offer.hidden = true;
    clearErrors();
    showLetter(false);
    tell("change");
    showStep(visibleSteps().length - 1);
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
  function showLetter(isShown) {
    output.hidden = !isShown;
    form.hidden = isShown;
    document.documentElement.classList.toggle("print-letter", isShown);
  }

  function clearAll(quietly = false) {
    form.reset();
    for (const select of form.querySelectorAll("select")) delete select.dataset.chosen;
    clearErrors();
    for (const id of ["letter-english", "letter-translation", "letter-dates", "letter-dates-print", "letter-check",
                      "letter-copy-status", "letter-fax-cover", "letter-send-status"]) {
      const element = document.getElementById(id);
      if (element) element.textContent = "";
    }
    builtType = null;
    emailDraft = null;  // the link held the letter's words: they go too
    document.getElementById("letter-email-link").href = "mailto:";
    backToCheck = false;
    for (const offer of app.querySelectorAll("[data-offer-for]")) offer.hidden = true;
    showLetter(false);
    showStep(0, null, !quietly);
    status.textContent = quietly ? "" : words.msgCleared;
    status.hidden = quietly;
    tell("change");
  }

  // A guide link names a letter (letters.html?letter=access#access-letter, the sample for readers
  // without JavaScript), and may name a choice (&situation=partial): open the builder with them chosen.
  // Only a choice among the page's own options is taken from the address, never typed text.
  // With a case open, the letter also takes what the case's log answers for it (its dates, the notice),
  // so a letter opened from a link counts from the same days as the case (case.js sets the provider).
  let logAnswersFor = () => ({});
  function openLetter(type, address = location.href) {
    const radio = form.querySelector(`input[name="type"][value="${CSS.escape(type)}"]`);
    if (!radio) return false;
    clearErrors();
    showLetter(false);
    radio.checked = true;
    const chosen = new URL(address, location.href).searchParams;
    setAnswers(Object.fromEntries(Object.entries(logAnswersFor(type)).filter(([name]) => !chosen.has(name))));
    for (const [name, value] of chosen) {
      const select = form.querySelector(`select[data-field="${CSS.escape(name)}"]`);
      if (select && Array.from(select.options).some((option) => option.value === value)) {
        select.value = value;
        select.dataset.chosen = "yes";
      }
    }
    calculatorFor();
    // The first step, with the letter chosen: the person sees what they are writing, and Next goes on.
    showStep(0, null, false);
    app.scrollIntoView({ block: "start" });
    radio.focus({ preventScroll: true });
    return true;
  }

  function letterInAddress(url) {
    return new URL(url, location.href).searchParams.get("letter");
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
    if (problems.length) {
      showErrors(problems);
    } else if (backToCheck) {
      // Back to check your answers, unless the change (another letter, say) left a later step unanswered.
      const later = visibleSteps().slice(current + 1, -1).find((each) => missingIn(each).length);
      showStep(later ? visibleSteps().indexOf(later) : visibleSteps().length - 1);
    } else {
      showStep(current + 1);
    }
  });
  // What is typed or pasted into a text field keeps no hidden character (Unicode Cc, Cf, Zl, Zp: a
  // bidi override that shows a name reversed, U+FEFF, a soft hyphen…) and a tab becomes a space; a text
  // box keeps its line breaks. The letter builder drops the same characters (calculator/inputs.py
  // plain_text) and a case file holding one is refused on open, so a case this page saves always opens.
  const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
  function dropHidden(event) {
    const field = event.target;
    if (!(field instanceof HTMLTextAreaElement || (field instanceof HTMLInputElement &&
          ["text", "email", "tel", "search", "url"].includes(field.type)))) return;
    const keepLines = field instanceof HTMLTextAreaElement;
    const clean = (text) => text.replace(/\t/g, " ").replace(HIDDEN, (char) => (keepLines && char === "\n" ? char : ""));
    if (clean(field.value) === field.value) return;
    const caret = field.selectionStart === null ? null : clean(field.value.slice(0, field.selectionStart)).length;
    field.value = clean(field.value);
    if (caret !== null) field.setSelectionRange(caret, caret);
  }
  document.addEventListener("input", dropHidden, true);  // the letter form and the case log's form alike

  form.addEventListener("focusin", calculatorFor, { once: true });
  form.addEventListener("input", () => tell("change"));
  form.addEventListener("change", (event) => {
    if (event.target.name === "type") {
      calculatorFor();
      showStep(current, event.target, true);
    } else {
      if (event.target.tagName === "SELECT") event.target.dataset.chosen = "yes";
      applyConditions();
    }
    tell("change");
  });
  // Links on this page to a letter ("Which letter do I need?") open the builder without a reload.
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = new URL(link.href, location.href);
    if (target.pathname !== location.pathname || !letterInAddress(target.href)) return;
    if (openLetter(letterInAddress(target.href), target.href)) event.preventDefault();
  });
  button("back").addEventListener("click", () => {
    clearErrors();
    backToCheck = false;
    showStep(current - 1);
  });
  button("print").addEventListener("click", () => window.print());
  button("copy").addEventListener("click", copyLetter);
  button("copy-subject").addEventListener("click", () => copySending("subject"));
  button("copy-body").addEventListener("click", () => copySending("body"));
  button("download-text").addEventListener("click", () => save("text", "text/plain;charset=utf-8", "txt"));
  button("download-html").addEventListener("click", () => save("html", "text/html;charset=utf-8", "html"));
  button("download-ics").addEventListener("click", () => save("ics", "text/calendar;charset=utf-8", "ics"));
  button("edit").addEventListener("click", () => {
    showLetter(false);
    showStep(visibleSteps().length - 1);
  });
  button("clear").addEventListener("click", () => clearAll());
  for (const offer of app.querySelectorAll("[data-offer-for]")) {
    offer.querySelector("[data-offer-open]").addEventListener("click", () => openOffer(offer));
  }

  // ---- For the case file (case.js): every answer given, whatever the letter; filling the form from a
  // case; opening a letter with the answers a case's log gives; and word of each change and letter made.
  function tell(what, detail) {
    for (const listener of listeners[what]) listener(detail);
  }

  function caseAnswers() {
    const given = {};
    const type = chosenType();
    if (type) given.type = type;
    for (const element of form.querySelectorAll("[data-field]:not([name=\"type\"])")) {
      const name = element.dataset.field;
      if (isChoices(element)) {
        const ticked = valueOf(element);
        if (ticked.length) given[name] = ticked;
      } else if (element.type === "checkbox") {
        if (element.checked) given[name] = true;
      } else if (element.tagName === "SELECT") {
        if (element.dataset.chosen) given[name] = element.value;
      } else if (element.value.trim() !== "") {
        given[name] = element.value.trim();
      }
    }
    return given;
  }

  // Puts each answer in its field; returns the names the page could not show as given (no such field
  // here, or a value the field does not take), so the case can keep them as they were.
  function setAnswers(given) {
    const notShown = [];
    for (const [name, value] of Object.entries(given)) {
      if (name === "type") {
        const radio = form.querySelector(`input[name="type"][value="${CSS.escape(String(value))}"]`);
        if (radio) radio.checked = true;
        else notShown.push(name);
        continue;
      }
      const element = fieldNamed(name);
      if (!element) {
        notShown.push(name);
      } else if (isChoices(element)) {
        const values = Array.isArray(value) ? value.map(String) : [];
        for (const box of element.querySelectorAll('input[type="checkbox"]')) box.checked = values.includes(box.value);
        const known = Array.from(element.querySelectorAll('input[type="checkbox"]'), (box) => box.value);
        if (!Array.isArray(value) || values.some((each) => !known.includes(each))) notShown.push(name);
      } else if (element.type === "checkbox") {
        element.checked = value === true;
        if (typeof value !== "boolean") notShown.push(name);
      } else if (element.tagName === "SELECT") {
        if (Array.from(element.options).some((option) => option.value === String(value))) {
          element.value = String(value);
          element.dataset.chosen = "yes";
        } else {
          notShown.push(name);
        }
      } else {
        element.value = typeof value === "object" ? "" : String(value);
        if (element.value !== String(value)) notShown.push(name);
      }
    }
    return notShown;
  }

  window.LetterBuilder = {
    lang,
    today,
    dateInWords,
    calculator: calculatorFor,
    caseAnswers,
    hasField: (name) => name === "type" || Boolean(fieldNamed(name)),
    letterLabel: (type) => {
      const label = form.querySelector(`label[for="type-${CSS.escape(type)}"]`);
      return label ? label.textContent.trim() : type;
    },
    // The form emptied and filled from a case's answers (the letter on show, if any, put away).
    fill(given) {
      clearAll(true);
      const notShown = setAnswers(given);
      showStep(0, null, false);
      return notShown;
    },
    // The letter `type` opened on its first step, with `given` answers over those already in the form.
    open(type, given) {
      if (!openLetter(type)) return false;
      setAnswers(given);
      showStep(0, null, false);
      tell("change");
      return true;
    },
    clear: () => clearAll(true),
    on: (what, listener) => listeners[what].push(listener),
    logAnswersFrom: (provider) => { logAnswersFor = provider; },
  };
  status.hidden = !status.textContent;  // empty, unless a start from the address already says how it goes
  // No focus on load: the page opens at its top, like any other page, and Python does not start yet;
  // unless the address names a letter, which opens the builder with it chosen.
  const named = letterInAddress(location.href);
  if (named && openLetter(named)) {
    // The address's #sample is for readers without JavaScript: here the builder is the place to be, so
    // the browser must not scroll on to the sample once the page has loaded.
    // (Chromium also clears the focus when it applies the fragment at load: focus the choice again.)
    history.replaceState(null, "", `${location.pathname}${location.search}#builder`);
    window.addEventListener("load", () => requestAnimationFrame(() => {
      app.scrollIntoView({ block: "start" });
      form.querySelector('input[name="type"]:checked').focus({ preventScroll: true });
    }), { once: true });
  } else {
    showStep(0, null, false);
  }
})();
