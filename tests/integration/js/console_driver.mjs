// Drives the console in Debian's Chromium (playwright-core; no browser
// download) for console_test.py, through driver_loop.mjs's command loop.
//
//   node console_driver.mjs <base url> <screenshot dir>
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

import { serve } from "./driver_loop.mjs";

const [base, shots] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(String(e)));
page.on("console", (m) => { if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) pageErrors.push(m.text()); });
// Every answer of 400 or more, with what it asked for (an expected error is
// one the page handles and shows; the tests say which they expect).
page.on("response", async (r) => {
  if (r.status() < 400) return;
  const target = r.request().headers()["x-amz-target"] || "";
  pageErrors.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname} ${target} ${await r.text().catch(() => "")}`.trim());
});
page.on("dialog", (d) => d.accept());

const first = (selector, text) => {
  let l = page.locator(selector);
  if (text !== undefined) l = l.filter({ hasText: text });
  return l.first();
};
const ops = {
  async goto({ hash }) {
    await page.goto("about:blank");  // a fresh load, even when only the hash differs
    await page.goto(`${base}/console/${hash || ""}`);
    await page.waitForFunction(() => !document.querySelector("main")?.textContent.startsWith("Loading"));
  },
  async wait({ selector, text, timeout = 10000, state = "visible" }) { await first(selector, text).waitFor({ state, timeout }); },
  async count({ selector }) { return page.locator(selector).count(); },
  async text({ selector }) { return first(selector).innerText(); },
  async texts({ selector }) { return page.locator(selector).allInnerTexts(); },
  async attr({ selector, name }) { return first(selector).getAttribute(name); },
  async fill({ selector, value }) { await first(selector).fill(value); },
  async select({ selector, value }) { await first(selector).selectOption(value); },
  async click({ selector, text }) { await first(selector, text).click(); },
  async press({ selector, key }) { await first(selector).press(key); },
  // The focused element's id, else its text.
  async focused() { return page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent.trim()); },
  async viewport({ width, height }) { await page.setViewportSize({ width, height }); },
  async scheme({ value }) { await page.emulateMedia({ colorScheme: value }); },
  async screenshot({ name }) {
    const file = path.join(shots, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  },
  async errors() { return pageErrors.splice(0); },
  async close() { await browser.close(); process.exit(0); },
};

await serve(ops, browser);
