// Lighthouse (pinned in package-lock.json) on a list of pages, in one Debian Chromium, for tests/audit.py.
// Reads a JSON job from standard input:
//   {"chrome": "/usr/bin/chromium", "flags": [...], "categories": [...],
//    "runs": [{"url": "...", "form_factor": "mobile" | "desktop"}, ...]}
// and prints, for each run, {"url", "form_factor", "scores": {category: 0-100},
// "failed": [{"id", "title", "score", "value"}...], "ms"} as one JSON array ("ms": how long the run took).
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const job = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const chrome = await chromeLauncher.launch({ chromePath: job.chrome, chromeFlags: job.flags, logLevel: "silent" });
const results = [];
try {
  for (const run of job.runs) {
    const options = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: job.categories };
    // Without the performance category nothing is timed: no screenshots, and shorter waits for the
    // page to settle (its markup, not its speed, is what is judged).
    if (!job.categories.includes("performance")) {
      Object.assign(options, { disableFullPageScreenshot: true, skipAudits: ["screenshot-thumbnails", "final-screenshot"],
                               pauseAfterFcpMs: 250, pauseAfterLoadMs: 250, networkQuietThresholdMs: 250,
                               cpuQuietThresholdMs: 250 });
    }
    const config = run.form_factor === "desktop" ? desktopConfig : undefined;
    const began = Date.now();
    const { lhr } = await lighthouse(run.url, options, config);
    const scores = {};
    for (const [id, category] of Object.entries(lhr.categories)) scores[id] = Math.round(category.score * 100);
    // What cost points: every scored audit of these categories below full marks.
    const counted = new Set(Object.values(lhr.categories).flatMap((c) => c.auditRefs.filter((r) => r.weight > 0).map((r) => r.id)));
    const failed = [...counted].map((id) => lhr.audits[id])
      .filter((audit) => audit.score !== null && audit.score < 1)
      .map((audit) => ({ id: audit.id, title: audit.title, score: audit.score, value: audit.displayValue || "" }));
    results.push({ url: run.url, form_factor: run.form_factor, scores, failed,
                   runtime_error: lhr.runtimeError ? lhr.runtimeError.message : null, ms: Date.now() - began });
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
