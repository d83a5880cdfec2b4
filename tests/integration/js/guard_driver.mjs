// Drives Debian's Chromium (playwright-core) as an attacker's page for
// browser_guard_test.py, through driver_loop.mjs's command loop.
// Every *.test name resolves to 127.0.0.1 (--host-resolver-rules), so a page
// "from" attacker.test or a rebinding domain reaches kinesisd's loopback port.
// The attacker's pages come from a server on this machine (the test's), so
// Chromium's own Private Network Access check, which would stop a public page
// calling a loopback address (other browsers have none), does not apply: what
// is under test is kinesisd's Host and Origin rules.
//
//   node guard_driver.mjs
import { chromium } from "playwright-core";

import { serve } from "./driver_loop.mjs";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--host-resolver-rules=MAP *.test 127.0.0.1"],
});
const context = await browser.newContext({ ignoreHTTPSErrors: true });
const page = await context.newPage();

const ops = {
  // Loads `url`; answers its status.
  async visit({ url }) {
    const response = await page.goto(url);
    return response ? response.status() : null;
  },
  // Runs `script` (an async function's body) in the page; returns its value.
  async run({ script }) { return page.evaluate(`(async () => { ${script} })()`); },
  async text({ selector, timeout = 10000 }) {
    const l = page.locator(selector).first();
    await l.waitFor({ timeout });
    return l.innerText();
  },
  async close() { await browser.close(); process.exit(0); },
};

await serve(ops, browser);
