// Dashboard end-to-end test in headless Chromium, driven over the DevTools protocol through
// --remote-debugging-pipe (no npm packages). Run by tests/dashboard_e2e.rs:
//   node dashboard.mjs <base-url> <token> <exception-id> <screenshot-dir>
// Exits 0 when every step passed; prints what it checked.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, token, exceptionId, shots] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "posture-e2e-"));
const chrome = spawn(process.env.CHROMIUM || "chromium", [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  `--user-data-dir=${profile}`, "--remote-debugging-pipe", "--window-size=1280,1000", "about:blank",
], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
let stderr = "";
chrome.stdio[2].on("data", (d) => { stderr += d; });

function fail(msg) {
  console.error(`FAIL: ${msg}`);
  if (stderr) console.error(`chromium stderr (tail): ${stderr.slice(-2000)}`);
  chrome.kill("SIGKILL");
  try { rmSync(profile, { recursive: true, force: true, maxRetries: 5 }); } catch (_) { /* best effort */ }
  process.exit(1);
}
setTimeout(() => fail("timed out after 90 s"), 90_000).unref();
chrome.on("exit", (code) => { if (!done) fail(`chromium exited (${code})`); });

// ---- the protocol: NUL-terminated JSON messages on fds 3 (to chromium) and 4 (from it) ----
let nextId = 0;
let done = false;
const pending = new Map();
const waiters = [];
let buf = Buffer.alloc(0);
chrome.stdio[4].on("data", (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  let i;
  while ((i = buf.indexOf(0)) >= 0) {
    const msg = JSON.parse(buf.subarray(0, i).toString("utf8"));
    buf = buf.subarray(i + 1);
    if (msg.id !== undefined && pending.has(msg.id)) {
      const { resolve, reject, method } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
      else resolve(msg.result);
    } else if (msg.method) {
      for (const w of [...waiters]) {
        if (w.method === msg.method && (!w.session || w.session === msg.sessionId)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(msg.params);
        }
      }
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = ++nextId;
  const msg = { id, method, params };
  if (sessionId) msg.sessionId = sessionId;
  chrome.stdio[3].write(JSON.stringify(msg) + "\0");
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject, method }));
}
function once(method, session) {
  return new Promise((resolve) => waiters.push({ method, session, resolve }));
}

const { targetId } = await send("Target.createTarget", { url: "about:blank" });
const { sessionId: s } = await send("Target.attachToTarget", { targetId, flatten: true });
await send("Page.enable", {}, s);
await send("Runtime.enable", {}, s);

async function js(expr) {
  const r = await send("Runtime.evaluate", { expression: expr, returnByValue: true, awaitPromise: true }, s);
  if (r.exceptionDetails) fail(`script error in ${expr}: ${JSON.stringify(r.exceptionDetails)}`);
  return r.result.value;
}
async function go(url) {
  const loaded = once("Page.loadEventFired", s);
  await send("Page.navigate", { url }, s);
  await loaded;
}
async function act(expr) {
  const loaded = once("Page.loadEventFired", s);
  await js(expr);
  await loaded;
}
async function shot(name) {
  const { data } = await send("Page.captureScreenshot", { format: "png", captureBeyondViewport: true }, s);
  writeFileSync(join(shots, name), Buffer.from(data, "base64"));
  console.log(`screenshot ${name}`);
}
function check(cond, what) {
  if (!cond) fail(what);
  console.log(`ok: ${what}`);
}

// 1. Not logged in: the dashboard sends us to the login page.
await go(`${base}/ui/overview`);
check((await js("location.pathname")) === "/", "an anonymous visit lands on the login page");
// A wrong token is refused.
await act(`document.getElementById('token').value = 'pst_wrong'; document.getElementById('login').click()`);
check((await js("document.getElementById('error')?.textContent || ''")).includes("not valid"), "a wrong token is refused");
// 2. Log in with the token.
await act(`document.getElementById('token').value = ${JSON.stringify(token)}; document.getElementById('login').click()`);
check((await js("location.pathname")) === "/ui/overview", "logged in, on the overview");
check((await js("document.cookie")) === "", "the session cookie is not readable by scripts (HttpOnly)");
// 3. See the charts.
const points = await js("document.querySelectorAll('#trend-chart circle').length");
check(points >= 10, `the trend chart has points (${points})`);
const bars = await js("document.querySelectorAll('#posture-chart rect.bar').length");
check(bars >= 1, `the posture chart has a bar per framework (${bars})`);
await shot("overview.png");
// 4. Filter findings: choosing a severity submits the filter form.
await go(`${base}/ui/findings`);
const all = await js("document.querySelectorAll('#findings tr').length - 1");
await act(`const sel = document.getElementById('f-severity'); sel.value = 'critical'; sel.dispatchEvent(new Event('change'))`);
check((await js("location.search")).includes("severity=critical"), "the filter is in the URL");
const sevs = await js("[...document.querySelectorAll('#findings td.sev')].map(td => td.textContent)");
check(sevs.length > 0 && sevs.length < all && sevs.every((x) => x === "critical"), `only critical findings listed (${sevs.length} of ${all} on the first page)`);
await shot("findings-critical.png");
// Detail: evidence, risk factors, fix and compliance references.
// Open a finding of a catalog rule (toxic-combination findings map to no framework).
await act("[...document.querySelectorAll('#findings tr')].find((tr) => { const sub = tr.querySelector('td:nth-child(3) .sub'); return sub && !sub.textContent.startsWith('risk.'); }).querySelector('a').click()");
check((await js("document.getElementById('evidence').textContent.length")) > 0, "the detail shows evidence");
check((await js("document.querySelectorAll('#risk-factors tr').length")) > 1, "the detail shows risk factors");
check((await js("!!document.getElementById('fix')")), "the detail shows the fix");
check((await js("document.querySelectorAll('#compliance li:not(.empty)').length")) > 0, "the detail shows compliance references");
await shot("finding-detail.png");
// 5. Approve the exception (the page asks for confirmation; accept it).
await go(`${base}/ui/exceptions`);
check((await js("window.__xss === undefined")), "a script in a justification is not executed");
check((await js("document.getElementById('exceptions').textContent.includes('<script>')")), "the justification is shown as text");
check((await js(`document.querySelector('#exception-${exceptionId} .state').textContent`)) === "requested", "the exception waits for approval");
await act(`window.confirm = () => true; document.getElementById('approve-${exceptionId}').click()`);
check((await js("document.getElementById('notice')?.textContent || ''")).includes("approved"), "the approval is confirmed");
check((await js(`document.querySelector('#exception-${exceptionId} .state').textContent`)) === "approved", "the exception is approved");
await shot("exceptions-approved.png");
// 6. A forged cross-site form post (no CSRF token) is refused.
const forged = await js(`fetch('/ui/exceptions/${exceptionId}/approve', {method: 'POST'}).then(r => r.status)`);
check(forged === 403, `a post without the CSRF token is refused (${forged})`);

done = true;
// Close the browser properly (its helper processes exit too), then remove the profile.
await new Promise((resolve) => {
  chrome.once("exit", resolve);
  send("Browser.close").catch(() => {});
  setTimeout(() => chrome.kill("SIGKILL"), 10_000).unref();
});
try {
  rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
} catch (e) {
  console.log(`note: could not remove ${profile}: ${e.message}`);
}
console.log("PASS");
process.exit(0);
