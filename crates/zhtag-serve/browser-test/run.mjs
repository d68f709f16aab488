// The page of `zhtag serve` in Debian's headless Chromium (/usr/bin/chromium, never a downloaded
// browser): index examples/news, serve it on a free local port, search for a policy term, click an
// organization facet (the hit count narrows), check that the highlighted spans are the entity
// texts the API returns, tag a text in the "tag this text" box, and save docs/serve.png.
//
//   node run.mjs [path/to/zhtag]      (default: $CARGO_TARGET_DIR or target, release/zhtag)
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const target = process.env.CARGO_TARGET_DIR || join(repo, "target");
const bin = process.argv[2] || join(target, "release", "zhtag");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const scratch = mkdtempSync(join(tmpdir(), "zhtag-browser-"));
let server, context, passed = 0, failed = 0;

// the whole run is bounded: a hung browser or server fails the test instead of the CI run
const guard = setTimeout(() => finish(new Error("browser test timed out after 55 s")), 55_000);

function check(ok, what) {
  if (ok) { passed++; console.log("ok   " + what); } else { failed++; console.log("FAIL " + what); }
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => res(port)); });
  });
}

async function waitHealthy(base) {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(base + "/health")).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("zhtag serve did not answer /health within 10 s");
}

// waits for the page to finish a search it started after `before` (body[data-ready] counts them)
async function searched(page, before) {
  await page.waitForFunction((b) => Number(document.body.dataset.ready || 0) > b, before);
  return Number(await page.getAttribute("#count", "data-total"));
}
const ready = (page) => page.evaluate(() => Number(document.body.dataset.ready || 0));

async function main() {
  if (!existsSync(bin)) throw new Error(`no zhtag binary at ${bin} (cargo build --release first)`);
  const index = join(scratch, "index");
  // from the repository, so the ids are examples/news/…
  execFileSync(bin, ["index", "--index", index, "examples/news"], { stdio: "inherit", cwd: repo });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  server = spawn(bin, ["serve", "--index", index, "--addr", `127.0.0.1:${port}`], { stdio: "inherit" });
  await waitHealthy(base);

  context = await chromium.launchPersistentContext(join(scratch, "profile"), {
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1200, height: 900 },
  });
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(10_000);
  await page.goto(base + "/");
  await page.waitForFunction(() => document.body.dataset.ready);

  // a policy term, in Traditional script
  const policy = "專精特新";
  let before = await ready(page);
  await page.fill("#q", policy);
  await page.click("#go");
  const total = await searched(page, before);
  check(total >= 2, `a search for ${policy} finds ${total} documents (at least 2)`);

  // highlighted entity spans are the entity texts of the API's hits, <mark>s its highlights
  const api = await (await fetch(`${base}/search?q=${encodeURIComponent(policy)}&limit=10`)).json();
  const shown = await page.$$eval("article.hit", (arts) => arts.map((a) => ({
    id: a.dataset.id,
    ents: [...a.querySelectorAll("span.ent")].map((s) => ({ text: s.textContent, data: s.dataset.text, label: s.dataset.label })),
    marks: [...a.querySelectorAll("mark")].map((m) => m.textContent),
  })));
  check(shown.length === api.results.hits.length, `the page shows the API's ${api.results.hits.length} hits`);
  let spans = 0, marks = 0;
  for (const hit of api.results.hits) {
    const s = shown.find((x) => x.id === hit.id);
    if (!s) { check(false, `hit ${hit.id} is on the page`); continue; }
    const apiTexts = new Set(hit.entities.map((e) => `${e.label}:${e.text}`));
    for (const e of s.ents) {
      spans++;
      check(e.text === e.data && apiTexts.has(`${e.label}:${e.text}`),
        `${hit.id}: highlighted ${e.label} span ${JSON.stringify(e.text)} is an entity of the API`);
    }
    const frag = Buffer.from(hit.snippet.fragment);
    const want = hit.snippet.highlights.map((h) =>
      frag.subarray(h.start - hit.snippet.range.start, h.end - hit.snippet.range.start).toString());
    marks += s.marks.length;
    check(JSON.stringify(s.marks) === JSON.stringify(want), `${hit.id}: marked words ${JSON.stringify(s.marks)} are the API's highlights`);
  }
  check(spans > 0 && marks > 0, `${spans} entity spans and ${marks} marks checked`);

  // an organization facet narrows the hits
  const facet = await page.$$eval(".facet[data-kind=org]", (bs) =>
    bs.map((b) => ({ name: b.dataset.name, n: Number(b.querySelector(".n").textContent) })));
  const narrower = facet.find((f) => f.n < total);
  check(narrower !== undefined, `an organization facet counts fewer than ${total} documents`);
  if (narrower) {
    before = await ready(page);
    await page.click(`.facet[data-kind=org][data-name="${narrower.name}"]`);
    const after = await searched(page, before);
    check(after === narrower.n && after < total, `clicking ${narrower.name} narrows ${total} → ${after}`);
    check(new URL(page.url()).searchParams.getAll("org").includes(narrower.name), "the filter is in the page's URL");
  }

  // the "tag this text" box (a sentence of our own)
  const text = "台積電宣布在高雄投資新台幣3000億元，推動專精特新企業發展。";
  await page.click("#tagbox summary");
  await page.fill("#tagtext", text);
  await page.click("#tagbtn");
  await page.waitForSelector("#tagged span.ent");
  const tagged = await page.$$eval("#tagged span.ent", (ss) => ss.map((s) => `${s.dataset.label}:${s.textContent}`));
  const tagApi = await (await fetch(base + "/tag", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }) })).json();
  const tagWant = tagApi.entities.map((e) => `${e.label}:${e.text}`);
  check(tagged.length > 0 && tagged.every((t) => tagWant.includes(t)), `tagged box shows ${tagged.join(" ")}`);
  const title = await page.getAttribute("#tagged span.ent", "title");
  check(Boolean(title) && title.includes(":"), `an entity shows its normalized value on hover (${title})`);

  await page.screenshot({ path: join(repo, "docs/serve.png"), fullPage: true });
  check(existsSync(join(repo, "docs/serve.png")), "screenshot saved to docs/serve.png");
}

async function finish(err) {
  clearTimeout(guard);
  if (err) { failed++; console.log("FAIL " + (err.stack || err)); }
  try { if (context) await context.close(); } catch { /* already gone */ }
  if (server) server.kill();
  rmSync(scratch, { recursive: true, force: true });
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().then(() => finish(), finish);
