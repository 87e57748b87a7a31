// letter-start.js: the letters page opened from a guide link that names a letter
// (letters.html?letter=access) starts Python from <head>, as the calculator page does, as soon as the
// browser has parsed that letter's choice in the form. letters.js runs only once the whole page is
// parsed and Material's scripts at its end have run (it is deferred); it takes this start over
// (window.LetterStart). Without a letter in the address, or with a name that is none of the page's
// letters, nothing starts here: Python starts when a person begins a letter (letters.js).
(function () {
  "use strict";
  const named = new URL(location.href).searchParams.get("letter");
  if (!named || !window.CalculatorLoader || !window.CalculatorStatus || document.readyState !== "loading") return;
  const choice = () => document.getElementById("letter-form")?.querySelector(`input[name="type"][value="${CSS.escape(named)}"]`);
  // The start's status and progress lines come after the form: its words go there once they are parsed.
  const linesParsed = CalculatorStatus.whenParsed(() => document.getElementById("letter-failed-actions"));
  CalculatorStatus.whenParsed(choice).then((found) => {
    // Found only once the page was parsed: letters.js has run by then, and started Python itself.
    if (!found || document.readyState !== "loading") return;
    const app = () => document.getElementById("letter-app");
    const shown = CalculatorStatus.attach({ prefix: "letter", words: () => app().dataset, root: app, whenShown: linesParsed });
    const calculator = CalculatorLoader.start({ onStatus: shown.onStatus, onProgress: shown.onProgress });
    window.LetterStart = { calculator, shown };
  });
})();
