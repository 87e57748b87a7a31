// Material's search, made to answer in the page's language, to keep what a person types out of
// every address, and to leave focus in sight when a keyboard leaves it. Loaded by partials/alternate.html, before Material's bundle starts the search worker.
//
// Material builds one index for the whole site (every language, with each language's stemming)
// and always loads it from the site root, so a Spanish page would also list English pages. Here the
// index Material hands its search worker keeps only this page's language: the pages in this
// language's folder (es/…), or, for the default language, the pages in no language's folder.
(function () {
  "use strict";
  const SETUP = 0;  // Material's SearchMessageType.SETUP: the message that carries the index
  const QUERY = 2;  // Material's SearchMessageType.QUERY: the words typed, as typed
  // Material's worker searches every word as the start of a word ("de" as de*), so a short joining
  // word matched hundreds ("dentista", "deben", "derecho") and "cobro de más" listed the dentist's
  // page first. Dropped from a query of several words; the index holds none of them anyway (stop words).
  // The page's language's list, from calculator/data/languages.toml (partials/alternate.html).
  const JOINING_WORDS = new Set((document.currentScript.dataset.joiningWords || "").split(" ").filter(Boolean));

  function withoutJoiningWords(query) {
    const words = query.split(/\s+/).filter(Boolean);
    const kept = words.filter((word) => !JOINING_WORDS.has(word.toLowerCase()));
    return kept.length && kept.length < words.length ? kept.join(" ") : query;
  }
  const pageLanguage = document.documentElement.lang;
  // The site's languages, from the build (partials/alternate.html): the head's hreflang links are
  // left out when the host sets no site_url (overrides/hooks/theme_markup.py).
  const languages = (document.currentScript.dataset.languages || "").split(" ").filter(Boolean);

  // Over http Material fetches search/search_index.json, every language's index, for every page: a
  // page fetches its own language's part instead (search_index.<code>.json, written by the build in
  // overrides/hooks/languages.py), a quarter of the bytes. From a folder Material reads
  // search_index.js, the whole index, which the filter below narrows.
  if (location.protocol !== "file:" && languages.includes(pageLanguage)) {
    const pageOpen = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (method, url, ...rest) {
      const address = new URL(String(url), location.href);
      if (address.pathname.endsWith("/search/search_index.json")) {
        address.pathname = address.pathname.replace(/search_index\.json$/, `search_index.${pageLanguage}.json`);
        url = address.href;
      }
      return pageOpen.call(this, method, url, ...rest);
    };
  }

  function inPageLanguage(docs) {
    const inFolder = (code) => (doc) => doc.location.startsWith(`${code}/`);
    const own = docs.filter(inFolder(pageLanguage));
    return own.length ? own : docs.filter((doc) => !languages.some((code) => inFolder(code)(doc)));
  }

  // On a page that runs Python (the calculator, the letters), building the index takes Material's
  // search worker about 0.3 s of a core, and on a 2-core computer that core is Python's start's: the
  // index waits while the start is "loading" or "starting" (loader.js says so in <html
  // data-calculator>), unless the person opens search first.
  const STARTING = ["loading", "starting"];
  function whenStartIsOver(send) {
    const root = document.documentElement;
    if (!STARTING.includes(root.dataset.calculator)) return send();
    const watcher = new MutationObserver(() => { if (!STARTING.includes(root.dataset.calculator)) go(); });
    const opened = (event) => { if (event.target.closest && event.target.closest(".md-search, #__search")) go(); };
    function go() {
      watcher.disconnect();
      document.removeEventListener("focusin", opened, true);
      document.removeEventListener("change", opened, true);
      send();
    }
    watcher.observe(root, { attributes: true, attributeFilter: ["data-calculator"] });
    document.addEventListener("focusin", opened, true);
    document.addEventListener("change", opened, true);  // Material's search toggle, a checkbox
  }

  // On file:// Material's offline shim has already replaced Worker with an iframe stand-in: extend
  // whichever is there. Workers made earlier (the calculator keeps the browser's own) are untouched.
  const PageWorker = window.Worker;
  window.Worker = class extends PageWorker {
    postMessage(message, ...rest) {
      if (message && message.type === SETUP && message.data && Array.isArray(message.data.docs)) {
        const setup = { ...message, data: { ...message.data, docs: inPageLanguage(message.data.docs) } };
        return whenStartIsOver(() => super.postMessage(setup, ...rest));
      } else if (message && message.type === QUERY && typeof message.data === "string") {
        message = { ...message, data: withoutJoiningWords(message.data) };
      }
      return super.postMessage(message, ...rest);
    }
  };

  // While search is open on a phone, Material pins the page in place; once search closes it scrolls
  // back to where the reader was. Someone who left search with Tab has moved focus on by then, and
  // it would sit out of sight: bring it back into view.
  new MutationObserver(() => {
    const focused = document.activeElement;
    if (document.body.hasAttribute("data-md-scrolllock") || !focused || focused === document.body
        || focused.closest(".md-search")) return;
    const box = focused.getBoundingClientRect();
    if (box.bottom < 0 || box.top > window.innerHeight) focused.scrollIntoView({ block: "center" });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-scrolllock"] });

  // The search form never submits (Material answers Enter itself): a submitted form would put the
  // words typed into the address, the history and a server's log as ?query=….
  document.addEventListener("submit", (event) => {
    if (event.target.name === "search") event.preventDefault();
  }, true);
})();
