// The case a person keeps, on the letters page: a file they own ("Save my case to a file", "Open my
// case"), kept in this browser only if they switch it on, a log of what happened, and the timeline that
// Python works out from it (calculator/case_answer.py, through the letter builder's calculator).
// Python checks every file and works out every date; this script holds no rule: it moves the case
// between the file, the form (window.LetterBuilder, from letters.js), the log and the page. A case may
// hold several providers: Python gives each its own part of the timeline and the letter answers it
// fills; the log form's provider question gets its options from them here. Its words
// are the page's data-msg-* attributes; the format's name and version, the size limit, the most
// providers a case holds and where "Leave this page" goes are attributes the build wrote. Library mode
// and its idle minutes are the host's site-settings.js, as page-tools.js read it (window.GuideLibrary).
(function () {
  "use strict";
  const app = document.getElementById("case-app");
  const logApp = document.getElementById("case-log-app");
  const builder = window.LetterBuilder;
  if (!app || !logApp || !builder) return;
  const words = app.dataset;
  const lang = builder.lang;
  const KEPT = "wa-medical-records-case";  // the one name used in localStorage, only once keeping is on
  const library = window.GuideLibrary || { on: false, idleMinutes: 10 };
  const libraryMode = library.on;
  const idleMs = library.idleMinutes * 60000;
  const idleMinutesText = CalculatorStatus.counted(words.msgMinutes, library.idleMinutes);
  // Opened from a folder, a page shares its storage with every other local file (in Chromium, any HTML
  // file opened from the disk could read it), so a case is never kept there: the person saves a file.
  const keepOffered = !libraryMode && location.protocol !== "file:";
  const keepBox = document.getElementById("case-keep");
  const fileInput = document.getElementById("case-file-input");
  const statusLine = document.getElementById("case-status");
  const errorBox = document.getElementById("case-error");
  const logForm = document.getElementById("case-log-form");
  const logList = document.getElementById("case-log");
  const providerForm = document.getElementById("case-provider-form");
  const providerChoice = logForm.querySelector('[data-filled-from="case-providers"]');
  let providers = [];  // the case's providers, as in the file (none yet: the answers name the one provider)
  let parts = [];      // each provider's part of the latest timeline (its answers, its log's answers)
  let log = [];      // the log's entries, as in the file
  let letters = [];  // the letters made
  let opened = {};   // the answers of the case last opened, to give back each as it was written
  let carried = {};  // answers the page has no field for, kept as they were
  let logAnswers = {};  // what the log answers for each letter (the timeline's log_answers)

  app.hidden = false;
  logApp.hidden = false;
  document.getElementById("case-keep-row").hidden = !keepOffered;
  const libraryNote = document.getElementById("case-library-note");
  libraryNote.textContent = say(words.msgLibraryNote, { minutes: idleMinutesText });
  libraryNote.hidden = !libraryMode;
  document.getElementById("case-folder-note").hidden = libraryMode || keepOffered;

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, name) => (name in values ? values[name] : ""));
  }

  function element(tag, text, className) {
    const made = document.createElement(tag);
    if (text) made.textContent = text;
    if (className) made.className = className;
    return made;
  }

  function showStatus(text) {
    errorBox.hidden = true;
    statusLine.textContent = text;
    statusLine.hidden = !text;
  }

  function showError(text) {
    statusLine.hidden = true;
    errorBox.textContent = text;
    errorBox.hidden = false;
    errorBox.focus();
  }

  // Whether a field still holds the answer the file had: the form trims what is typed and a text box
  // writes each line break as \n, so " Ana " or "a\r\nb" unchanged in its field is the same answer, and
  // the file gets it back exactly as it was written.
  function sameAnswer(a, b) {
    const asTyped = (value) => String(value).replace(/\r\n?/g, "\n").trim();
    return typeof a === "object" || typeof b === "object" ? JSON.stringify(a) === JSON.stringify(b)
                                                           : asTyped(a) === asTyped(b);
  }

  // The case as a file holds it: what the form has now (each answer written as the file had it, if
  // unchanged), the answers the page could not show, the log and the letters.
  function currentCase() {
    const answers = { ...carried };
    for (const [name, value] of Object.entries(builder.caseAnswers())) {
      answers[name] = name in opened && sameAnswer(opened[name], value) ? opened[name] : value;
    }
    const saved = { format: words.caseFormat, version: Number(words.caseVersion) };
    if (providers.length) saved.providers = providers;
    return { ...saved, answers, log, letters };
  }

  // "lang" and "kind" come first, so that a request too big to read is still refused in the page's
  // language and as a case (calculator/boundary.py reads only its first characters then).
  async function ask(request) {
    const answer = await builder.calculator().ask(JSON.stringify({ lang, kind: request.kind, ...request,
                                                                   today: builder.today() }));
    if (answer.error && !answer.error.message) answer.error.message = words.msgFailed;
    return answer;
  }

  // ---- Keeping on this computer: only when the person switches it on, never in library mode ----
  function keep() {
    if (!keepOffered || !keepBox.checked) return;
    try {
      localStorage.setItem(KEPT, JSON.stringify(currentCase()));
    } catch (_) {
      keepBox.checked = false;
      showError(words.msgKeepFailed);
    }
  }

  function isKept() {
    try {
      return keepBox.checked || localStorage.getItem(KEPT) !== null;
    } catch (_) {
      return keepBox.checked;
    }
  }

  function forget() {
    try {
      if (localStorage.getItem(KEPT) !== null) localStorage.removeItem(KEPT);
    } catch (_) { /* storage is off in this browser: nothing was kept */ }
  }

  let keepTimer = null;
  function changed() {
    clearTimeout(keepTimer);
    keepTimer = setTimeout(keep, 300);
  }

  // ---- The case on the page ----
  function applyCase(data, answer) {
    providers = answer.case_providers;  // a version-1 file's one provider, as Python read it
    opened = data.answers || {};
    carried = {};
    for (const name of builder.fill(opened)) carried[name] = opened[name];
    log = Array.isArray(data.log) ? data.log : [];
    letters = Array.isArray(data.letters) ? data.letters : [];
    showProviders();
    renderLog();
    renderLetters();
  }

  // ---- Several providers ----
  // The log form's provider question: one option for each provider, asked only when there are several.
  function showProviders() {
    if (!providerChoice) return;
    const chosen = providerChoice.value;
    providerChoice.replaceChildren(...providers.map((provider) => {
      const option = element("option", provider.name || provider.id);
      option.value = provider.id;
      return option;
    }));
    if (providers.some((provider) => provider.id === chosen)) providerChoice.value = chosen;
    providerChoice.closest(".calc-field").hidden = providers.length < 2;
  }

  // The provider whose part matches the letter form's answers now (its name, address, …), if any.
  function partInForm() {
    const given = builder.caseAnswers();
    return parts.find((part) => Object.entries(part.answers).every(([name, value]) => (given[name] || "") === value));
  }

  function partNamed(id) {
    return parts.find((part) => part.id === id);
  }

  function newProviderId() {
    let n = 1;
    while (providers.some((provider) => provider.id === `provider-${n}`)) n += 1;
    return `provider-${n}`;
  }

  async function addProvider(event) {
    event.preventDefault();
    const error = document.getElementById("add-case_provider_name-error");
    error.hidden = true;
    const entry = {};
    for (const field of providerForm.querySelectorAll("[data-field]")) {
      const value = field.value.trim();
      if (value) entry[field.dataset.field] = value;
    }
    const nameField = providerForm.querySelector("[required]");
    const named = (provider) => (provider.name || "").trim().toLowerCase() === (entry.name || "").toLowerCase();
    let problem = "";
    if (!entry.name) problem = say(words.msgRequired, { label: providerForm.querySelector(`label[for="${nameField.id}"]`).textContent.trim() });
    else if (providers.some(named)) problem = say(words.msgProviderExists, { name: entry.name });
    else if (providers.length >= Number(words.providersLimit)) problem = say(words.msgTooManyProviders, { limit: words.providersLimit });
    if (problem) {
      error.textContent = problem;
      error.hidden = false;
      nameField.focus();
      return;
    }
    const before = providers;
    if (!providers.length) {  // the case's one provider so far, as the letter answers name it
      const answer = await ask({ kind: "case", case: currentCase() });
      providers = answer.error ? [] : answer.case_providers.filter((provider) => provider.name);
    }
    providers = [...providers, { id: newProviderId(), ...entry }];
    if (!(await update())) {
      providers = before;  // Python refused it (its message names it): the case stays as it was
      return;
    }
    showProviders();
    renderLetters();
    providerForm.reset();
    showStatus(say(words.msgProviderAdded, { name: entry.name }));
    changed();
  }

  // An entry in words, in the order of the log form's questions: each choice by its label, a date in
  // words, typed text as typed (the entry's names are the form's data-field attributes).
  function entryInWords(entry) {
    const parts = [];
    for (const field of logForm.querySelectorAll("[data-field]")) {
      const value = entry[field.dataset.field];
      if (value === undefined || value === "") continue;
      if (field.tagName === "SELECT") {
        const option = Array.from(field.options).find((each) => each.value === value);
        parts.push(`${option ? option.textContent.trim() : value}.`);
      } else if (field.type === "date") {
        parts.unshift(`${builder.dateInWords(value)}:`);
      } else {
        parts.push(value);
      }
    }
    return parts;
  }

  function renderLog() {
    logList.replaceChildren();
    document.getElementById("case-log-empty").hidden = log.length > 0;
    log.forEach((entry, index) => {
      const item = element("li", "", "case-log__entry");
      const parts = entryInWords(entry);
      item.append(element("span", parts.join(" "), "case-log__text"));
      const remove = element("button", words.msgRemove, "letter-check__change");
      remove.type = "button";
      remove.append(element("span", ` ${parts.slice(0, 2).join(" ")}`, "letter-visually-hidden"));
      remove.addEventListener("click", () => {
        log.splice(index, 1);
        renderLog();
        showStatus(words.msgRemoved);
        changed();
        update();
      });
      item.append(remove);
      logList.append(item);
    });
  }

  function renderLetters() {
    const list = document.getElementById("case-letters-list");
    list.replaceChildren();
    for (const made of letters) {
      const madeFor = made.provider && partNamed(made.provider);
      const values = { letter: builder.letterLabel(made.type), date: made.made ? builder.dateInWords(made.made) : "",
                       name: madeFor ? madeFor.name : "" };
      const item = element("li", say(madeFor ? words.msgLetterFor : words.msgLetterMade, values));
      // "Make this letter for another provider": the same answers, the other provider's name and address.
      for (const part of parts.length > 1 ? parts : []) {
        if (part.id === made.provider) continue;
        const button = element("button", say(words.msgForProvider, { name: part.name || part.id }), "md-button");
        button.type = "button";
        button.addEventListener("click", () => {
          builder.open(made.type, { ...part.answers, ...(part.log_answers[made.type] || {}), sent_date: builder.today() });
          changed();
        });
        item.append(" ", button);
      }
      list.append(item);
    }
    document.getElementById("case-letters").hidden = letters.length === 0;
  }

  function writeButton(next, primary = true) {
    // The step in a few words; a letter offered beside the next step is a plain button.
    const button = element("button", next.button, primary ? "md-button md-button--primary" : "md-button");
    button.type = "button";
    button.addEventListener("click", () => {
      builder.open(next.letter, next.answers);
      changed();
    });
    return button;
  }

  function requestBlock(request, full, level = "h4") {
    const block = element("div", "", "case-request");
    block.append(element(level, request.label));
    block.append(element("p", request.headline, "case-request__headline"));
    block.append(element("p", request.next.text));
    if (request.next.letter) {
      const actions = element("p", "", "calc-actions");
      actions.append(writeButton(request.next));
      for (const other of request.next.also || []) actions.append(" ", writeButton(other, false));
      block.append(actions);
    }
    if (!full) return block;
    const dates = element("ol", "", "case-dates");
    for (const milestone of request.milestones) {
      const item = element("li", "", milestone.passed ? "case-date case-date--passed" : "case-date");
      item.append(element("span", milestone.text));
      if (milestone.status_text) item.append(" ", element("strong", milestone.status_text, "case-date__status"));
      if (milestone.steps.length) {
        const details = element("details");
        details.append(element("summary", words.msgHowCounted));
        const steps = element("ol");
        for (const step of milestone.steps) steps.append(element("li", step.text));
        details.append(steps);
        item.append(details);
      }
      dates.append(item);
    }
    block.append(dates);
    if (request.sources.length) {
      block.append(element("p", words.msgSources));
      const sources = element("ul", "", "case-sources");
      for (const source of request.sources) sources.append(element("li", source.text));
      block.append(sources);
    }
    return block;
  }

  // What is due first (at the top of the page) and the whole timeline (in "Keep track of your case").
  // With several providers, each one's part under its name (most urgent first), its own next step.
  function renderTimeline(answer) {
    logAnswers = answer.log_answers || {};
    parts = answer.providers || [];
    const several = answer.several_providers;
    const body = document.getElementById("case-timeline-body");
    body.replaceChildren(element("p", answer.today_text));
    if (answer.empty_text) body.append(element("p", answer.empty_text));
    const due = document.getElementById("case-due");
    const list = document.getElementById("case-due-list");
    list.replaceChildren();
    for (const part of several ? parts : [{ requests: answer.requests }]) {
      const whole = several ? element("section", "", "case-provider") : body;
      const open = several ? element("section", "", "case-provider") : list;
      if (several) {
        whole.append(element("h4", part.heading, "case-provider__name"));
        open.append(element("h4", part.heading, "case-provider__name"));
      }
      for (const request of part.requests) whole.append(requestBlock(request, true, several ? "h5" : "h4"));
      const waiting = part.requests.filter((request) => request.status !== "answer");
      for (const request of waiting) open.append(requestBlock(request, false, several ? "h5" : "h4"));
      if (several && part.requests.length) body.append(whole);
      if (several && waiting.length) list.append(open);
    }
    due.hidden = list.children.length === 0;
    renderLetters();
  }

  async function update() {
    if (!log.length && providers.length < 2) {
      renderTimeline({ today_text: "", empty_text: null, requests: [] });
      document.getElementById("case-timeline-body").replaceChildren(element("p", words.msgTimelineEmpty));
      return true;
    }
    const answer = await ask({ kind: "case", case: currentCase() });
    if (answer.error) {
      showError(answer.error.message);
      return false;
    }
    renderTimeline(answer);
    return true;
  }

  // ---- Open and save ----
  async function openFile(file) {
    if (file.size > Number(words.caseMaxChars) * 4) {
      showError(`${words.msgFileTooBig} ${words.msgUnchanged}`);
      return;
    }
    let bytes;
    try {
      bytes = await file.arrayBuffer();
    } catch (_) {
      showError(`${words.msgFileUnreadable} ${words.msgUnchanged}`);
      return;
    }
    // Read as UTF-8, as the command line reads it: a byte order mark is skipped; UTF-16 or bytes that
    // are not UTF-8 are refused here in plain words (file.text() would turn them into "�").
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (_) {
      showError(`${words.msgFileNotUtf8} ${words.msgUnchanged}`);
      return;
    }
    if (text.length > Number(words.caseMaxChars)) {  // the case's own limit, before the request's
      showError(`${words.msgFileTooBig} ${words.msgUnchanged}`);
      return;
    }
    showStatus(words.msgWorking);
    // Python reads and checks the file first: a file it refuses changes nothing on the page.
    const answer = await ask({ kind: "case", case: text });
    if (answer.error) {
      showError(`${answer.error.message} ${words.msgUnchanged}`);
      return;
    }
    applyCase(JSON.parse(text), answer);
    renderTimeline(answer);
    showStatus(say(words.msgOpened, { log: CalculatorStatus.counted(words.msgLogEntries, log.length),
                                         letters: CalculatorStatus.counted(words.msgLettersMade, letters.length) }));
    changed();
    if (!document.getElementById("case-due").hidden) document.getElementById("case-due-heading").focus();
  }

  function download(content, type, name) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([content], { type }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function saveFile() {
    const name = say(words.msgFileName, { date: builder.today() });
    download(`${JSON.stringify(currentCase(), null, 2)}\n`, "application/json", name);
    showStatus(say(words.msgSaved, { file: name }));
  }

  async function saveCalendar() {
    const answer = await ask({ kind: "case", case: currentCase(), format: "ics" });
    if (answer.error) showError(answer.error.code === "case-no-dates" ? words.msgNoDates : answer.error.message);
    else download(answer.content, "text/calendar;charset=utf-8", say(words.msgCalendarName, { date: builder.today() }));
  }

  // ---- Clear, leave, and library mode ----
  function clearEverything(message = words.msgCleared) {
    closeQuestion(false);
    builder.clear();
    log = [];
    letters = [];
    providers = [];
    parts = [];
    opened = {};
    carried = {};
    logAnswers = {};
    keepBox.checked = false;
    forget();
    logForm.reset();
    if (providerForm) providerForm.reset();
    showProviders();
    renderLog();
    renderLetters();
    update();
    showStatus(message);
  }

  function leave() {
    clearEverything("");
    location.replace(words.leaveUrl);
  }

  // ---- One question before a kept case is deleted ("Clear everything", "Leave this page") ----
  // Asked in the page, in its language, under the button pressed, naming what goes: window.confirm
  // would answer "OK"/"Cancel" in the browser's language, and some browsers stop showing it.
  let asking = null;  // the question on show, if any
  function closeQuestion(focusBack) {
    if (!asking) return;
    asking.box.remove();
    if (focusBack) asking.button.focus();
    asking = null;
  }

  function askFirst(button, action, go) {
    if (!isKept()) {
      go();
      return;
    }
    if (asking && asking.button === button) {  // asked once: the question is already there
      asking.box.querySelector("p[tabindex]").focus();
      return;
    }
    closeQuestion(false);
    const box = element("div", "", "admonition warning case-confirm");
    box.setAttribute("role", "group");
    box.id = "case-confirm";
    const title = element("p", words.msgConfirmTitle, "admonition-title");
    title.id = "case-confirm-title";
    box.setAttribute("aria-labelledby", title.id);
    const what = element("p", say(words.msgConfirmWhat, { log: CalculatorStatus.counted(words.msgLogEntries, log.length),
                                                         letters: CalculatorStatus.counted(words.msgLettersMade, letters.length) }));
    what.tabIndex = -1;
    what.id = "case-confirm-what";
    const actions = element("p", "", "calc-actions");
    const yes = element("button", action === "leave" ? words.msgConfirmLeave : words.msgConfirmClear,
                        "md-button md-button--primary");
    const no = element("button", action === "leave" ? words.msgConfirmStay : words.msgConfirmKeep, "md-button");
    yes.type = no.type = "button";
    yes.dataset.confirm = "yes";
    no.dataset.confirm = "no";
    yes.addEventListener("click", () => { closeQuestion(false); go(); });
    no.addEventListener("click", () => closeQuestion(true));
    box.addEventListener("keydown", (event) => { if (event.key === "Escape") closeQuestion(true); });
    actions.append(yes, " ", no);
    box.append(title, what, actions);
    button.parentElement.after(box);
    asking = { box, button };
    what.focus();
  }

  if (libraryMode) {
    // On a shared computer nothing is kept: cleared when the page is left or hidden in the history, and
    // after some minutes without use (with a warning one minute before).
    let warnTimer = null;
    let clearTimer = null;
    const restart = () => {
      clearTimeout(warnTimer);
      clearTimeout(clearTimer);
      if (errorBox.dataset.idle) {
        errorBox.hidden = true;
        delete errorBox.dataset.idle;
      }
      warnTimer = setTimeout(() => {
        errorBox.textContent = words.msgIdleWarning;
        errorBox.dataset.idle = "yes";
        errorBox.hidden = false;
      }, Math.max(idleMs - 60000, idleMs / 2));
      clearTimer = setTimeout(() => clearEverything(say(words.msgClearedIdle, { minutes: idleMinutesText })), idleMs);
    };
    for (const event of ["keydown", "pointerdown", "input", "wheel", "touchstart"]) {
      document.addEventListener(event, restart, { passive: true, capture: true });
    }
    restart();
    forget();  // a case kept before library mode was switched on is not left for the next person
    window.addEventListener("pagehide", () => clearEverything(""));
    window.addEventListener("pageshow", (event) => { if (event.persisted) clearEverything(""); });
  }

  // ---- The log form: its conditions come from the build (data-shown-if), as on the letter builder ----
  function logValue(name) {
    const field = logForm.querySelector(`[data-field="${CSS.escape(name)}"]`);
    return field ? field.value : null;
  }

  function applyLogConditions() {
    for (const group of logForm.querySelectorAll(".calc-field[data-shown-if]")) {
      group.hidden = !Object.entries(JSON.parse(group.dataset.shownIf))
        .every(([name, values]) => values.includes(logValue(name)));
    }
  }

  function resetLogForm() {
    logForm.reset();
    for (const field of logForm.querySelectorAll("[data-today]")) field.value = builder.today();
    applyLogConditions();
  }

  logForm.addEventListener("change", applyLogConditions);
  logForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const error of logForm.querySelectorAll(".calc-error")) error.hidden = true;
    const entry = {};
    const missing = [];
    for (const field of logForm.querySelectorAll("[data-field]")) {
      if (field.closest("[hidden]")) continue;
      const value = field.value.trim();
      if (value) entry[field.dataset.field] = value;
      else if (field.required) missing.push(field);
    }
    if (missing.length) {
      for (const field of missing) {
        const error = document.getElementById(`${field.id}-error`);
        error.textContent = say(words.msgRequired, { label: logForm.querySelector(`label[for="${field.id}"]`).textContent.trim() });
        error.hidden = false;
      }
      missing[0].focus();
      return;
    }
    log.push(entry);
    if (!(await update())) {
      log.pop();  // Python refused the entry (its message names it): the log stays as it was
      return;
    }
    renderLog();
    resetLogForm();
    showStatus(words.msgAdded);
    changed();
  });

  // ---- Buttons and the builder's news ----
  for (const button of document.querySelectorAll("[data-case-action]")) {
    const action = button.dataset.caseAction;
    button.addEventListener("click", {
      open: () => fileInput.click(),
      save: saveFile,
      leave: () => askFirst(button, "leave", leave),
      clear: () => askFirst(button, "clear", () => clearEverything()),
      "download-ics": saveCalendar,
    }[action]);
  }
  fileInput.addEventListener("change", () => {
    const file = fileInput.files[0];
    fileInput.value = "";  // the same file can be chosen again
    if (file) openFile(file);
  });
  keepBox.addEventListener("change", () => {
    if (keepBox.checked) {
      keep();
      if (keepBox.checked) showStatus(words.msgKept);
    } else {
      forget();
      showStatus(words.msgNotKept);
    }
  });
  if (providerForm) providerForm.addEventListener("submit", addProvider);
  // What the log answers for a letter opened any way: from the log of the provider the form names.
  builder.logAnswersFrom((type) => {
    if (!log.length) return {};
    const part = parts.length > 1 ? partInForm() : null;
    return (part ? part.log_answers[type] : logAnswers[type]) || {};
  });
  builder.on("change", changed);
  builder.on("letter", (made) => {
    const part = parts.length > 1 ? partInForm() : null;  // which provider it was made for
    if (part) made = { ...made, provider: part.id };
    letters = letters.filter((each) => !(each.type === made.type && each.made === made.made && each.provider === made.provider));
    letters.push(made);
    renderLetters();
    changed();
  });

  showProviders();
  resetLogForm();
  renderLog();
  // On return: a case kept on this computer opens by itself, with what is due first.
  if (keepOffered) {
    let kept = null;
    try {
      kept = localStorage.getItem(KEPT);
    } catch (_) { /* storage is off in this browser */ }
    if (kept !== null) {
      keepBox.checked = true;
      ask({ kind: "case", case: kept }).then((answer) => {
        if (answer.error) {
          showError(answer.error.message);
          return;
        }
        applyCase(JSON.parse(kept), answer);
        renderTimeline(answer);
        showStatus(words.msgRestored);
      });
    }
  }
})();
