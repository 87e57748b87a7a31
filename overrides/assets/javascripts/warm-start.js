// The calculator starts warm: on a guide page, once the reader has stayed a few seconds and the page
// is idle, this fetches the files the calculator's snapshot start downloads (assets/pyodide/manifest.js,
// `starts.snapshot`), one at a time and at low priority, into the browser's cache. The calculator and
// letters pages then start without waiting for the network. Their names carry a hash of their
// content, so a host keeps them a year (deploy/, overrides/serve.py) and a new build never mixes
// with an old one.
//
// Never when the browser asks to save data or says the link is slow, never from a folder (file://,
// where nothing is downloaded), and not on the calculator or letters page (they load the calculator
// themselves). The first file is a probe: unless it arrives at about 10 Mbps or better (the speed at
// which the loader itself picks the snapshot start), it is dropped and nothing more is fetched.
// Nothing a person types is involved: these are the site's own files, from this site.
(function () {
  "use strict";
  if (window.CalculatorLoader || !/^https?:$/.test(location.protocol) || !window.fetch) return;
  const connection = navigator.connection;
  if (connection && (connection.saveData || /(^|-)(2g|3g)$/.test(connection.effectiveType || ""))) return;

  const READING_MS = 3000;
  const SLACK_MS = 100;  // allowed on top of the probe's transfer time at FAST_MBPS
  const ANSWER_MS = 3000;  // a host that takes longer to start answering is not a fast link
  const folder = new URL("../pyodide/", document.currentScript.src);

  // Once the reader has stayed READING_MS on the page after it loaded (someone reading, not passing
  // through), at the browser's next idle moment.
  function whenReading() {
    return new Promise((resolve) => {
      const idle = () => (window.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 5000 }) : resolve());
      const wait = () => setTimeout(idle, READING_MS);
      if (document.readyState === "complete") wait();
      else window.addEventListener("load", wait, { once: true });
    });
  }

  function manifest() {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL("manifest.js", folder).href;
      script.onload = () => (self.calculatorManifest ? resolve(self.calculatorManifest) : reject(new Error("no manifest")));
      script.onerror = () => reject(new Error("no manifest"));
      document.head.append(script);
    });
  }

  // Fetches one file into the cache. With `bodyMs` (the probe), gives up, and says false, unless the
  // answer starts within ANSWER_MS and its body is all here within bodyMs of that: the body's time is
  // the link's speed, not the server's time to answer (which may compress the file first).
  async function fetchInto(url, bodyMs) {
    const controller = new AbortController();
    let timer = bodyMs ? setTimeout(() => controller.abort(), ANSWER_MS) : null;
    try {
      const response = await fetch(url, { signal: controller.signal, priority: "low", credentials: "same-origin" });
      if (!response.ok) return false;
      if (bodyMs) {
        clearTimeout(timer);
        timer = setTimeout(() => controller.abort(), bodyMs);
      }
      await response.blob();  // the cache keeps only what was read to the end
      return true;
    } catch (_) {
      return false;  // aborted, offline, or the host refused: the calculator page downloads as usual
    } finally {
      clearTimeout(timer);
    }
  }

  whenReading().then(manifest).then(async (found) => {
    const names = (found.starts && found.starts.snapshot) || [];
    if (!names.length) return;
    // The loader's own link test, from the manifest (the build's vendor_assets.py LINK_PROBE): it reads
    // this many bytes within this many milliseconds before it picks the snapshot start (about 10 Mbps).
    const PROBE_BYTES = found.probe.bytes;
    const FAST_MBPS = (found.probe.bytes * 8) / (found.probe.ms * 1000);
    // The probe: the largest file under the loader's own probe size, which must come at FAST_MBPS.
    const probe = names.filter((name) => found.files[name].wire <= PROBE_BYTES)
      .sort((a, b) => found.files[b].wire - found.files[a].wire)[0];
    const rest = names.filter((name) => name !== probe);
    const probeMs = SLACK_MS + (found.files[probe].wire * 8) / (FAST_MBPS * 1000);
    if (!(await fetchInto(new URL(found.files[probe].url, folder).href, probeMs))) return;
    for (const name of rest) {
      if (!(await fetchInto(new URL(found.files[name].url, folder).href))) return;
    }
    document.documentElement.dataset.calculatorWarm = "ready";  // for tests and the bench
  }).catch(() => { /* no warm start: nothing else changes */ });
})();
