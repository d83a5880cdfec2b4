// The command loop of the browser drivers (console_driver.mjs,
// guard_driver.mjs; harness.NodeDriver on the Python side): one JSON command
// per stdin line, {"op": NAME, ...arguments}, one JSON answer per stdout line,
// {"ok": true, "value": ...} or {"ok": false, "error": ...}. Closes the
// browser when stdin ends.
import readline from "node:readline";

export async function serve(ops, browser) {
  for await (const line of readline.createInterface({ input: process.stdin })) {
    let answer;
    try {
      const command = JSON.parse(line);
      answer = { ok: true, value: await ops[command.op](command) ?? null };
    } catch (e) {
      answer = { ok: false, error: String(e && e.message || e) };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  }
  await browser.close();
}
