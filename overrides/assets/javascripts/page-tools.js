// Every page's reading help: high contrast (kept for this visit only), the plain-word explanations the
// build put in the text (overrides/hooks/glossary.py), and "Listen", which reads a part of the page
// aloud with a voice on this computer. Its words are the page's (the controls and their data-msg-*).
//
// Listen uses only the browser's on-device voices (speechSynthesis voices with localService): a
// control shows only when there is one for its text's language, so nothing is ever sent to a speech
// service. It reads only what is shown (never a hidden part), block by block, and marks each word as it
// is read where the browser says which word that is.
//
// It also reads this copy's library mode from site-settings.js (window.GuideLibrary, for case.js) and,
// on a shared computer, turns the browser's form memory off on every field.
(function () {
  "use strict";
  const root = document.documentElement;

  // ---- High contrast: a class on <html>; remembered in sessionStorage only once switched on ----
  const CONTRAST = "wa-medical-records-contrast";
  function contrast(on) {
    root.classList.toggle("high-contrast", on);
    for (const button of document.querySelectorAll("[data-contrast-toggle]")) button.setAttribute("aria-pressed", String(on));
  }
  try {
    if (sessionStorage.getItem(CONTRAST) === "on") contrast(true);
  } catch (_) { /* storage is off: the switch still works for this page */ }
  document.addEventListener("click", (event) => {
    const toggle = event.target.closest("[data-contrast-toggle]");
    if (!toggle) return;
    const on = !root.classList.contains("high-contrast");
    contrast(on);
    try {
      if (on) sessionStorage.setItem(CONTRAST, "on");
      else sessionStorage.removeItem(CONTRAST);
    } catch (_) { /* nothing kept */ }
  });

  // ---- This copy's publisher and the project's address, from site-settings.js ----
  // A host edits that file without a build (overrides/hooks/site_settings.py); the footer the build
  // wrote says the same until then. It is read by the build's own rules (calculator/facts.py
  // setting_text, footer_contact): text goes in as text without hidden characters (a bidi override,
  // a line break) and at most SETTING_LIMIT characters; an address only if it is a web page, an e-mail
  // or a phone number (plain or as mailto:/tel:), so a mistyped setting cannot put a script in a link,
  // and the address is shown as well as linked. A settings file whose values throw when read, or are
  // huge, leaves the footer the build wrote and every tool below working.
  const SETTING_LIMIT = 200;
  const LINE_BREAK = /[\n\r\t\v\f\x85\p{Zl}\p{Zp}]/gu;
  const HIDDEN = /[\p{Cc}\p{Cf}]/gu;
  const settingText = (value) => (typeof value === "string"
    ? value.slice(0, SETTING_LIMIT * 4).replace(LINE_BREAK, " ").replace(HIDDEN, "").split(/\s+/).filter(Boolean)
      .join(" ").slice(0, SETTING_LIMIT) : "");
  const EMAIL = /^[^\s@<>"'(),;:\\]+@[^\s@<>"'(),;:\\]+\.[^\s@<>"'(),;:\\]+$/;
  const PHONE = /^\+?[0-9][0-9 ()./-]{5,}[0-9]$/;
  function footerContact(value) {  // [the link's address, the words shown for it], or ["", ""]
    const text = typeof value === "string" && value.length <= SETTING_LIMIT ? settingText(value) : "";
    const colon = text.indexOf(":");
    const scheme = colon < 0 ? "" : text.slice(0, colon).toLowerCase();
    const rest = colon < 0 ? text : text.slice(colon + 1);
    if (/^https?:\/\/\S+$/i.test(text)) return [text, text];
    if (scheme === "mailto" && EMAIL.test(rest)) return [text, rest];
    if (EMAIL.test(text)) return [`mailto:${text}`, text];
    const number = scheme === "tel" ? rest : text;
    if (PHONE.test(number) && number.replace(/[^0-9]/g, "").length >= 7) {
      return [`tel:${number.replace(/[^0-9+]/g, "")}`, number];
    }
    return ["", ""];
  }
  function showSettings(settings, footer) {
    const part = (name) => footer.querySelector(`[data-setting="${name}"]`);
    const lang = root.lang;
    const publisher = (settings.publisher && settings.publisher[lang]) || {};
    // Every value is read once, before the footer changes: one that throws leaves the footer as built.
    const name = settingText(publisher.name);
    const [contact, contactShown] = footerContact(publisher.contact);
    const [project, projectShown] = footerContact(settings.project);
    part("published-by").textContent = footer.dataset.msgPublishedBy.replace("{publisher}", () => name);
    part("published-by").hidden = !name;
    // A link only where there is an address (an <a> without one is no link at all).
    const linked = (words, href, after) => {
      const link = document.createElement("a");
      link.href = href;
      link.textContent = words;
      return [link, after];
    };
    part("contact").replaceChildren(...(contact ? [`${footer.dataset.msgReport}: `, ...linked(contactShown, contact, ".")] : []));
    part("contact").hidden = !contact;
    part("no-contact").hidden = Boolean(contact);
    part("project").replaceChildren(...(project ? [footer.dataset.msgProject + " ", ...linked(projectShown, project, "")] : []));
    part("project").hidden = !project;
    part("no-project").hidden = Boolean(project);  // then: where to ask for a newer copy
  }
  const footer = document.querySelector(".legal-footer");
  try {
    const settings = self.guideSettings;
    if (settings && typeof settings === "object" && footer) showSettings(settings, footer);
  } catch (_) { /* a settings file that throws when read: the footer the build wrote stays */ }

  // ---- Library mode, from site-settings.js (staff switch it there, no build needed) ----
  // `library_mode` (true or false) and `library_idle_minutes` (minutes without use before the letters
  // page clears itself, more than 0 and at most a day). A value missing, of another kind or throwing
  // when read means the build's own (this script's data-library-* attributes, from mkdocs.yml; the
  // offline zip's say library mode is on); idle minutes that are still not a number mean 10.
  // case.js reads the answer from window.GuideLibrary.
  const builtLibrary = (document.currentScript && document.currentScript.dataset) || {};
  const MAX_IDLE_MINUTES = 1440;  // a longer browser timer would fire at once
  const minutesOrNull = (value) => {
    const minutes = typeof value === "number" ? value
      : typeof value === "string" && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
    return minutes > 0 && minutes <= MAX_IDLE_MINUTES ? minutes : null;
  };
  const onOrNull = (value) => (typeof value === "boolean" ? value
    : typeof value === "string" && /^\s*(true|false)\s*$/i.test(value) ? /true/i.test(value) : null);
  let libraryOn = builtLibrary.libraryMode === "on";
  let idleMinutes = minutesOrNull(builtLibrary.libraryIdleMinutes) ?? 10;
  try {
    const settings = self.guideSettings;
    if (settings && typeof settings === "object") {
      const on = onOrNull(settings.library_mode);  // each value read once
      const minutes = minutesOrNull(settings.library_idle_minutes);
      if (on !== null) libraryOn = on;
      if (minutes !== null) idleMinutes = minutes;
    }
  } catch (_) { /* a settings file that throws when read: the build's library settings stay */ }
  window.GuideLibrary = Object.freeze({ on: libraryOn, idleMinutes });

  // On a shared computer the browser keeps no field: no autofill offering one person's name to the next,
  // and no typed value in Chromium's session file or refilled on Back (autocomplete="off"; set on every
  // form and field, those a script adds later too).
  if (libraryOn) {
    const FIELDS = "form, input, select, textarea";
    const keepNothing = (node) => {
      if (node.matches && node.matches(FIELDS)) node.setAttribute("autocomplete", "off");
      if (node.querySelectorAll) for (const field of node.querySelectorAll(FIELDS)) field.setAttribute("autocomplete", "off");
    };
    keepNothing(document);
    new MutationObserver((changes) => {
      for (const change of changes) for (const added of change.addedNodes) keepNothing(added);
    }).observe(document.documentElement, { childList: true, subtree: true });
  }

  // ---- Material's menu and search toggles start closed ----
  // They are checkboxes without autocomplete="off" (HTML does not allow it there; see
  // overrides/hooks/theme_markup.py), so Firefox may bring them back ticked on a reload or on Back:
  // the menu would open by itself. A page restored whole from the back-forward cache keeps its state.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) return;
    for (const toggle of document.querySelectorAll("input.md-toggle:checked")) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  });

  // ---- Plain words: a term shows its explanation after it; Escape closes it ----
  function explain(term, open) {
    term.setAttribute("aria-expanded", String(open));
    document.getElementById(term.getAttribute("aria-controls")).hidden = !open;
  }
  document.addEventListener("click", (event) => {
    const term = event.target.closest(".glossary__term");
    if (term) explain(term, term.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const term of document.querySelectorAll('.glossary__term[aria-expanded="true"]')) explain(term, false);
    // The language list closes too, and the focus goes back to its button if it was in the list.
    for (const menu of document.querySelectorAll(".guide-languages__menu[open]")) {
      menu.open = false;
      if (menu.contains(document.activeElement)) menu.querySelector("summary").focus();
    }
  });
  // A click anywhere else closes the language list, as any menu does.
  document.addEventListener("click", (event) => {
    for (const menu of document.querySelectorAll(".guide-languages__menu[open]")) {
      if (!menu.contains(event.target)) menu.open = false;
    }
  });

  // ---- Listen ----
  const speech = window.speechSynthesis;
  const controls = Array.from(document.querySelectorAll("[data-listen]"));
  if (!speech || !window.SpeechSynthesisUtterance || !controls.length) return;
  // Not read: controls (but a term explained in the text is a word of the sentence), the Listen controls.
  const SKIP = "script, style, noscript, template, svg, select, option, textarea, button:not(.glossary__term), [data-listen-skip]";
  let reading = null;  // { control, chunks, index }

  function voiceFor(lang) {
    const local = speech.getVoices().filter((voice) => voice.localService &&
      voice.lang.toLowerCase().replace("_", "-").split("-")[0] === lang);
    return local.find((voice) => voice.default) || local[0] || null;
  }

  function shown(element) {
    if (element.checkVisibility) return element.checkVisibility();
    return element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";
  }

  // The part's shown text, in blocks: each block's text and the text nodes it is made of (for marking
  // words). A letter (one <pre>) is read paragraph by paragraph.
  function chunksOf(part) {
    const chunks = [];
    let block = null;
    const add = (node, from, to, newBlock) => {
      if (newBlock || !chunks.length) chunks.push({ text: "", nodes: [] });
      const chunk = chunks[chunks.length - 1];
      chunk.nodes.push({ node, start: chunk.text.length, nodeOffset: from });
      chunk.text += node.data.slice(from, to);
    };
    const BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, dt, dd, td, th, pre, caption, summary, blockquote, div";
    const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!node.data.trim()) {
        // A space between two inline elements ("<span>…</span> <a>…</a>") still parts two words.
        const last = chunks[chunks.length - 1];
        if (last && (parent.closest(BLOCKS) || part) === block && !/\s$/.test(last.text)) last.text += " ";
        continue;
      }
      if (parent.closest(SKIP) || !shown(parent)) continue;
      const nodeBlock = parent.closest(BLOCKS) || part;
      const newBlock = nodeBlock !== block;
      block = nodeBlock;
      if (nodeBlock.tagName !== "PRE") {
        add(node, 0, node.data.length, newBlock);
        continue;
      }
      // A letter's paragraph may run over several text nodes (a <wbr> inside a citation, the ending kept
      // with the signature in print): a node goes on with the paragraph it is in, and only a blank line
      // starts the next one, so "70.02.080(1)" is read as one citation in one sentence.
      const paragraphs = /\n\s*\n/g;
      let from = 0;
      let first = true;
      for (let found = paragraphs.exec(node.data); ; found = paragraphs.exec(node.data)) {
        const to = found ? found.index : node.data.length;
        add(node, from, to, first ? newBlock : true);
        first = false;
        if (!found) break;
        from = found.index + found[0].length;
      }
    }
    return chunks.filter((chunk) => chunk.text.trim());
  }

  function mark(chunk, charIndex, charLength) {
    if (!window.Highlight || !CSS.highlights) return;
    const at = chunk.nodes.filter((piece) => piece.start <= charIndex).pop();
    if (!at) return;
    const rest = chunk.text.slice(charIndex);
    const length = charLength || (rest.search(/\s/) === -1 ? rest.length : rest.search(/\s/));
    const offset = at.nodeOffset + charIndex - at.start;
    const range = new Range();
    range.setStart(at.node, offset);
    range.setEnd(at.node, Math.min(at.node.data.length, offset + Math.max(length, 1)));
    CSS.highlights.set("listen-word", new Highlight(range));
  }

  function unmark() {
    if (window.Highlight && CSS.highlights) CSS.highlights.delete("listen-word");
  }

  function setState(control, state) {
    const button = (action) => control.querySelector(`[data-listen-action="${action}"]`);
    button("play").hidden = state === "reading" || state === "paused";
    button("pause").hidden = state !== "reading";
    button("resume").hidden = state !== "paused";
    button("stop").hidden = state !== "reading" && state !== "paused";
    control.querySelector(".listen__status").textContent = control.dataset[`msg${state[0].toUpperCase()}${state.slice(1)}`] || "";
  }

  function speakNext() {
    const { control, chunks, voice } = reading;
    if (reading.index >= chunks.length) {
      reading = null;
      unmark();
      setState(control, "done");
      return;
    }
    const chunk = chunks[reading.index];
    const utterance = new SpeechSynthesisUtterance(chunk.text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.addEventListener("boundary", (event) => {
      if (event.name === "word" || event.name === undefined) mark(chunk, event.charIndex, event.charLength);
    });
    const current = reading;
    utterance.addEventListener("end", () => {
      if (reading !== current) return;  // stopped, or another part started
      reading.index += 1;
      speakNext();
    });
    speech.speak(utterance);
  }

  function stop(state = "stopped") {
    if (!reading) return;
    const { control } = reading;
    reading = null;
    speech.cancel();
    unmark();
    setState(control, state);
  }

  function play(control) {
    const part = document.querySelector(control.dataset.listen);
    const voice = voiceFor(control.dataset.listenLang);
    if (!part || !voice) return;
    stop();
    reading = { control, chunks: chunksOf(part), index: 0, voice };
    setState(control, "reading");
    speakNext();
  }

  // A control shows when its language has an on-device voice and its part is on show.
  function showControls() {
    for (const control of controls) {
      const part = document.querySelector(control.dataset.listen);
      const hide = !voiceFor(control.dataset.listenLang) || !part || part.hidden || part.closest("[hidden]") !== null;
      // Only a change: setting `hidden` again is itself a change the observer below sees, and would
      // run this on every frame for as long as the page is open.
      if (control.hidden !== hide) control.hidden = hide;
    }
  }

  for (const control of controls) {
    control.addEventListener("click", (event) => {
      const action = event.target.closest("[data-listen-action]")?.dataset.listenAction;
      if (action === "play") play(control);
      else if (action === "pause" && reading) {
        speech.pause();
        setState(control, "paused");
      } else if (action === "resume" && reading) {
        speech.resume();
        setState(control, "reading");
      } else if (action === "stop") {
        stop();
      }
    });
  }
  // A part shows and hides (a letter made, an answer given): its control follows.
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; showControls(); });
  }).observe(document.body, { attributes: true, subtree: true, attributeFilter: ["hidden"] });
  speech.addEventListener?.("voiceschanged", showControls);
  showControls();
  window.addEventListener("pagehide", () => stop());
})();
