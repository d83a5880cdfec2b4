// kinesisd console: one page, no framework, no CDN. Everything it shows comes
// from the APIs a client uses (Kinesis and Firehose JSON, Lambda's REST API,
// /metrics, /_kinesisd/faults) and the console's own /console/api/ (mapping
// progress, on-failure records, the live tail as Server-Sent Events).

const main = document.getElementById("main");
const regionInput = document.getElementById("region");
let server = { region: "us-east-1", account_id: "000000000000" };
let region = localStorage.getItem("kinesisd.region") || "";
// Timers and event sources of the page on screen; a new page stops them.
let pageTimers = [];
let pageSources = [];

// ---------- DOM ----------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const SVG = "http://www.w3.org/2000/svg";
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children.flat(Infinity)) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}
function toast(text, error) {
  const t = h("div", { class: error ? "error" : "" }, text);
  document.getElementById("toast").append(t);
  setTimeout(() => t.remove(), error ? 8000 : 4000);
}
function every(ms, fn) { pageTimers.push(setInterval(fn, ms)); }
function fmtInt(n) { return Number(n || 0).toLocaleString("en-US"); }
function fmtBytes(n) {
  n = Number(n || 0);
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let i = -1;
  do { n /= 1024; i++; } while (n >= 1024 && i < units.length - 1);
  return `${n.toFixed(n < 10 ? 2 : 1)} ${units[i]}`;
}
function fmtTime(epochSeconds) {
  if (epochSeconds === undefined || epochSeconds === null) return "";
  const d = new Date(Number(epochSeconds) * 1000);
  return d.toISOString().replace("T", " ").replace("Z", " UTC");
}
function statusCell(status) { return h("span", { class: `status-${status}` }, status); }

// ---------- APIs ----------

class ApiError extends Error {
  constructor(type, message, status) { super(message ? `${type}: ${message}` : type); this.type = type; this.status = status; }
}
// Signature Version 4 (the AWS General Reference's "Create a signed AWS API
// request"), with WebCrypto. kinesisd takes the region from the credential
// scope, as AWS does. With --auth sigv4 the identity signed in on this tab
// signs; with authentication off any signature of the right form is accepted.
let identity = JSON.parse(sessionStorage.getItem("kinesisd.identity") || "null");
const utf8 = new TextEncoder();
const toHex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
const sha256 = async (text) => toHex(await crypto.subtle.digest("SHA-256", utf8.encode(text)));
async function hmac(key, text) {
  const k = await crypto.subtle.importKey("raw", typeof key === "string" ? utf8.encode(key) : key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", k, utf8.encode(text));
}
const rfc3986 = (v) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const queryString = (params) => params.map(([k, v]) => [rfc3986(k), rfc3986(v)]).sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join("&");
function amzDate() { return new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, ""); }  // 20261202T101500Z
// Signs a request: its headers gain Authorization (or, presigned, the query
// gains X-Amz-*). Returns {headers, query}.
async function sign({ service, method = "GET", path, params = [], headers = {}, body = "", presign = false }) {
  const date = amzDate();
  const key = identity?.accessKeyId || "console";
  const scope = `${date.slice(0, 8)}/${region}/${service}/aws4_request`;
  if (!identity) {  // authentication off: only the form matters
    if (presign) return { headers, query: queryString(params) };
    return { headers: { ...headers, "X-Amz-Date": date, Authorization: `AWS4-HMAC-SHA256 Credential=${key}/${scope}, SignedHeaders=host;x-amz-date, Signature=0` }, query: queryString(params) };
  }
  const canonicalHeaders = { host: location.host };
  for (const [k, v] of Object.entries(headers)) canonicalHeaders[k.toLowerCase()] = String(v).trim();
  const out = { ...headers };
  params = [...params];
  if (presign) {
    params.push(["X-Amz-Algorithm", "AWS4-HMAC-SHA256"], ["X-Amz-Credential", `${key}/${scope}`], ["X-Amz-Date", date], ["X-Amz-Expires", "300"], ["X-Amz-SignedHeaders", "host"]);
    if (identity.sessionToken) params.push(["X-Amz-Security-Token", identity.sessionToken]);
  } else {
    canonicalHeaders["x-amz-date"] = date;
    out["X-Amz-Date"] = date;
    if (identity.sessionToken) { canonicalHeaders["x-amz-security-token"] = identity.sessionToken; out["X-Amz-Security-Token"] = identity.sessionToken; }
  }
  const names = Object.keys(canonicalHeaders).sort();
  const signedHeaders = presign ? "host" : names.join(";");
  const headerBlock = (presign ? ["host"] : names).map((n) => `${n}:${canonicalHeaders[n]}\n`).join("");
  const query = queryString(params);
  const canonical = [method, path.split("/").map(rfc3986).join("/"), query, headerBlock, signedHeaders, presign ? "UNSIGNED-PAYLOAD" : await sha256(body)].join("\n");
  const toSign = ["AWS4-HMAC-SHA256", date, scope, await sha256(canonical)].join("\n");
  let k = await hmac(`AWS4${identity.secretAccessKey}`, date.slice(0, 8));
  for (const part of [region, service, "aws4_request"]) k = await hmac(k, part);
  const signature = toHex(await hmac(k, toSign));
  if (presign) return { headers: out, query: `${query}&X-Amz-Signature=${signature}` };
  out.Authorization = `AWS4-HMAC-SHA256 Credential=${key}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { headers: out, query };
}
async function awsJson(prefix, service, op, body) {
  const text = JSON.stringify(body || {});
  const { headers } = await sign({ service, method: "POST", path: "/", body: text,
                                   headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": `${prefix}.${op}` } });
  const res = await fetch("/", { method: "POST", headers, body: text });
  const answer = await res.text();
  const data = answer ? JSON.parse(answer) : {};
  if (!res.ok) {
    const type = String(data.__type || res.headers.get("x-amzn-ErrorType") || res.status).split("#").pop();
    throw new ApiError(type, data.message || data.Message || "", res.status);
  }
  return data;
}
const kinesis = (op, body) => awsJson("Kinesis_20131202", "kinesis", op, body);
const firehose = (op, body) => awsJson("Firehose_20150804", "firehose", op, body);
// A GET; `service` signs it (`params` are its query).
async function getJson(path, service, params = []) {
  let url = path, headers = {};
  if (service) {
    const signed = await sign({ service, path, params });
    headers = signed.headers;
    if (signed.query) url = `${path}?${signed.query}`;
  } else if (params.length) url = `${path}?${queryString(params)}`;
  const res = await fetch(url, { headers });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(data.Type || data.__type || String(res.status), data.message || data.Message || "", res.status);
  return data;
}
async function listMappings() {
  const out = [];
  let marker = "";
  do {
    const page = await getJson("/2015-03-31/event-source-mappings/", "lambda", [["MaxItems", "100"], ...(marker ? [["Marker", marker]] : [])]);
    out.push(...(page.EventSourceMappings || []));
    marker = page.NextMarker || "";
  } while (marker);
  return out;
}
async function listStreamNames() {
  const names = [];
  let token;
  for (;;) {
    const page = await kinesis("ListStreams", token ? { NextToken: token } : { Limit: 100 });
    names.push(...page.StreamNames);
    if (!page.HasMoreStreams || !page.NextToken) return names;
    token = page.NextToken;
  }
}
async function listShards(name) {
  const shards = [];
  let token;
  for (;;) {
    const page = await kinesis("ListShards", token ? { NextToken: token } : { StreamName: name, ShardFilter: { Type: "FROM_TRIM_HORIZON" } });
    shards.push(...page.Shards);
    if (!page.NextToken) return shards;
    token = page.NextToken;
  }
}

// Prometheus text (format 0.0.4) from /metrics: [{name, labels, value}].
async function metrics() {
  const res = await fetch("/metrics");
  const text = await res.text();
  const out = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels = {};
    if (m[3]) for (const l of m[3].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2].replace(/\\n/g, "\n").replace(/\\(.)/g, "$1");
    out.push({ name: m[1], labels, value: Number(m[4]) });
  }
  return out;
}
function metric(all, name, match) {
  let sum = 0;
  for (const m of all) {
    if (m.name !== name) continue;
    if (Object.entries(match).every(([k, v]) => m.labels[k] === v)) sum += m.value;
  }
  return sum;
}

// ---------- records ----------

function base64ToBytes(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}
function bytesToBase64(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
// The payload's text when it is UTF-8, else null.
function asText(bytes) {
  try { return new TextDecoder("utf-8", { fatal: true }).decode(bytes); } catch { return null; }
}
function asJson(text) {
  if (text === null) return null;
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return null; }
}
function asHex(bytes) {
  const lines = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, off + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, "0")).join(" ");
    const ascii = Array.from(row, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : ".")).join("");
    lines.push(`${off.toString(16).padStart(8, "0")}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join("\n");
}
function decodeRecord(r) {
  const bytes = base64ToBytes(r.Data);
  const text = asText(bytes);
  return { ...r, bytes, text, json: asJson(text) };
}
function render(rec, mode) {
  if (mode === "hex" || rec.text === null) return asHex(rec.bytes);
  if (mode === "json") return rec.json ?? rec.text;
  return rec.text;
}
function shellQuote(v) { return `'${String(v).replace(/'/g, `'\\''`)}'`; }
// The AWS CLI command that puts the same record again. Every value the record
// brings (stream name, partition key, payload) goes inside --cli-input-json,
// which the CLI never expands: as an argument, a key or payload such as
// file:///etc/hostname or an http URL would be read from that file or fetched
// instead (the CLI's parameter-file expansion). CLI v2 reads the payload there
// as base64 (exact bytes). CLI v1 sends a string payload as its text, so a
// payload that is not text comes from --data fileb:// of a path the command
// makes itself, the decoded base64.
function putRecordCommand(stream, rec, cli) {
  const base = `aws kinesis put-record --endpoint-url ${location.origin} --region ${region}`;
  const input = { StreamName: stream, PartitionKey: rec.PartitionKey };
  const json = (value) => `--cli-input-json ${shellQuote(JSON.stringify(value))}`;
  if (cli !== "v1") return `${base} ${json({ ...input, Data: rec.Data })}`;
  if (rec.text !== null && !rec.text.includes("\0")) return `${base} ${json({ ...input, Data: rec.text })}`;
  return `${base} ${json(input)} --data fileb://<(printf %s ${shellQuote(rec.Data)} | base64 -d)`;
}

// ---------- pages ----------

const routes = [
  [/^#\/(streams)?$/, streamsPage, "streams"],
  [/^#\/stream\/([^/?]+)\/data(\?.*)?$/, viewerPage, "streams"],
  [/^#\/stream\/([^/?]+)$/, streamPage, "streams"],
  [/^#\/mappings$/, mappingsPage, "mappings"],
  [/^#\/firehose$/, firehosePage, "firehose"],
  [/^#\/server$/, serverPage, "server"],
];

// --auth sigv4: the identity this tab signs with (kept for the tab only).
function signInPage() {
  const key = h("input", { id: "signin-key", required: true, autocomplete: "username", spellcheck: "false" });
  const secret = h("input", { id: "signin-secret", type: "password", required: true, autocomplete: "current-password" });
  const token = h("input", { id: "signin-token", autocomplete: "off", spellcheck: "false" });
  const problem = h("p", { class: "error", role: "alert" });
  main.replaceChildren(h("h1", {}, "Sign in"),
    h("p", {}, "This kinesisd verifies SigV4 signatures (--auth sigv4). The console signs its calls with one of the config file's identities, and sees what that identity's policies allow."),
    h("form", { class: "stack", id: "signin", onsubmit: async (ev) => {
      ev.preventDefault();
      identity = { accessKeyId: key.value.trim(), secretAccessKey: secret.value, sessionToken: token.value.trim() || undefined };
      try {
        await kinesis("ListStreams", { Limit: 1 });
      } catch (e) {
        if (["UnrecognizedClientException", "InvalidSignatureException", "IncompleteSignatureException"].includes(e.type)) {
          identity = null;
          problem.textContent = e.message;
          return;
        }  // an identity that may not list streams is still an identity
      }
      sessionStorage.setItem("kinesisd.identity", JSON.stringify(identity));
      showIdentity();
      route();
    } },
      h("label", {}, "Access key id", key), h("label", {}, "Secret access key", secret), h("label", {}, "Session token (optional)", token),
      h("div", {}, h("button", { class: "primary", type: "submit" }, "Sign in")), problem));
  key.focus();
}
function showIdentity() {
  document.getElementById("identity")?.remove();
  if (!identity) return;
  regionInput.parentElement.after(h("span", { id: "identity", class: "muted" }, `${identity.accessKeyId} `,
    h("button", { type: "button", onclick: () => { identity = null; sessionStorage.removeItem("kinesisd.identity"); showIdentity(); route(); } }, "Sign out")));
}

async function route() {
  for (const t of pageTimers) clearInterval(t);
  for (const e of pageSources) e.close();
  pageTimers = [];
  pageSources = [];
  if (server.auth === "sigv4" && !identity) { signInPage(); return; }
  const hash = location.hash || "#/streams";
  for (const [re, page, section] of routes) {
    const m = re.exec(hash);
    if (!m) continue;
    for (const a of document.querySelectorAll(".top nav a"))
      if (a.dataset.section === section) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    main.replaceChildren(h("p", { class: "muted" }, "Loading…"));
    try {
      await page(...m.slice(1).map((x) => (x === undefined ? x : decodeURIComponent(x))));
    } catch (e) {
      main.replaceChildren(h("h1", {}, "Something went wrong"), h("p", { class: "error" }, e.message));
    }
    return;
  }
  main.replaceChildren(h("h1", {}, "Not found"), h("p", {}, h("a", { href: "#/streams" }, "Streams")));
}

// Streams: every stream with its status, shards, traffic, consumers and mappings.
async function streamsPage() {
  const body = h("tbody");
  const table = h("div", { class: "scroll" }, h("table", { id: "streams" },
    h("thead", {}, h("tr", {}, ["Stream", "Status", "Mode", "Open shards", "Retention", "Records in", "Bytes in", "Stored records", "Consumers", "Mappings", ""].map((t, i) => h("th", { class: i >= 3 && i <= 9 ? "num" : "" }, t)))),
    body));
  const name = h("input", { id: "new-stream-name", required: true, pattern: "[a-zA-Z0-9_.\\-]+", maxlength: 128, "aria-label": "Stream name" });
  const mode = h("select", { id: "new-stream-mode", "aria-label": "Capacity mode" }, h("option", { value: "PROVISIONED" }, "Provisioned"), h("option", { value: "ON_DEMAND" }, "On-demand"));
  const count = h("input", { id: "new-stream-shards", type: "number", min: 1, max: 500, value: 1, "aria-label": "Shard count" });
  const form = h("form", { class: "inline", id: "create-stream", onsubmit: async (ev) => {
    ev.preventDefault();
    const req = { StreamName: name.value, StreamModeDetails: { StreamMode: mode.value } };
    if (mode.value === "PROVISIONED") req.ShardCount = Number(count.value);
    try {
      await kinesis("CreateStream", req);
      toast(`Creating ${name.value}`);
      name.value = "";
      refresh();
    } catch (e) { toast(e.message, true); }
  } },
    h("label", {}, "Name", name), h("label", {}, "Capacity mode", mode), h("label", {}, "Shards", count),
    h("button", { class: "primary", type: "submit" }, "Create stream"));
  main.replaceChildren(h("h1", {}, "Streams"), h("p", { class: "muted" }, `Region ${region}, account ${server.account_id}`), table,
    h("h2", {}, "Create a stream"), form);

  async function refresh() {
    const [names, all, mappings] = await Promise.all([listStreamNames(), metrics(), listMappings().catch(() => [])]);
    const summaries = await Promise.all(names.map((n) => kinesis("DescribeStreamSummary", { StreamName: n }).then((r) => r.StreamDescriptionSummary).catch(() => null)));
    const rows = summaries.filter(Boolean).map((d) => {
      const match = { region, stream: d.StreamName };
      const maps = mappings.filter((m) => m.EventSourceArn === d.StreamARN).length;
      return h("tr", { "data-stream": d.StreamName },
        h("td", {}, h("a", { href: `#/stream/${encodeURIComponent(d.StreamName)}` }, d.StreamName)),
        h("td", {}, statusCell(d.StreamStatus)),
        h("td", {}, d.StreamModeDetails?.StreamMode === "ON_DEMAND" ? "On-demand" : "Provisioned"),
        h("td", { class: "num" }, d.OpenShardCount),
        h("td", { class: "num" }, `${d.RetentionPeriodHours} h`),
        h("td", { class: "num" }, fmtInt(metric(all, "kinesisd_incoming_records_total", match))),
        h("td", { class: "num" }, fmtBytes(metric(all, "kinesisd_incoming_bytes_total", match))),
        h("td", { class: "num" }, fmtInt(metric(all, "kinesisd_stored_records", match))),
        h("td", { class: "num" }, d.ConsumerCount ?? 0),
        h("td", { class: "num" }, maps),
        h("td", {}, h("button", { class: "danger", "aria-label": `Delete ${d.StreamName}`, disabled: d.StreamStatus === "DELETING", onclick: async () => {
          if (!confirm(`Delete stream ${d.StreamName} and all its records?`)) return;
          try { await kinesis("DeleteStream", { StreamName: d.StreamName, EnforceConsumerDeletion: true }); toast(`Deleting ${d.StreamName}`); refresh(); }
          catch (e) { toast(e.message, true); }
        } }, "Delete")));
    });
    body.replaceChildren(...(rows.length ? rows : [h("tr", {}, h("td", { colspan: 11, class: "muted" }, "No streams in this region yet."))]));
  }
  await refresh();
  every(2000, () => refresh().catch(() => {}));
}

// Generations of the shard lineage: roots 0, a child one below its deepest parent.
function generations(shards) {
  const byId = new Map(shards.map((x) => [x.ShardId, x]));
  const depth = new Map();
  const of = (x) => {
    if (depth.has(x.ShardId)) return depth.get(x.ShardId);
    depth.set(x.ShardId, 0);
    const parents = [x.ParentShardId, x.AdjacentParentShardId].map((p) => byId.get(p)).filter(Boolean);
    const d = parents.length ? Math.max(...parents.map(of)) + 1 : 0;
    depth.set(x.ShardId, d);
    return d;
  };
  shards.forEach(of);
  return depth;
}
const HASH_SPACE = 2n ** 128n;
function hashFraction(key) { return Number((BigInt(key) * 1000000n) / HASH_SPACE) / 1000000; }
function shardNumber(id) { return id.slice(id.lastIndexOf("-") + 1).replace(/^0+(?=\d)/, ""); }

// The shard map: hash-key ranges to scale, one row per generation, parents
// joined to their children.
function shardMap(shards, stored) {
  const depth = generations(shards);
  const rows = Math.max(0, ...depth.values()) + 1;
  const W = 1000, rowH = 44, gap = 26, top = 18;
  const svg = s("svg", { class: "shardmap", viewBox: `0 0 ${W} ${top + rows * (rowH + gap)}`, role: "img", id: "shard-map",
                         "aria-label": `Shard map: ${shards.length} shards in ${rows} generation${rows > 1 ? "s" : ""}` });
  svg.append(s("text", { x: 2, y: 12, class: "axis" }, "hash key 0"), s("text", { x: W - 2, y: 12, class: "axis", "text-anchor": "end" }, "2¹²⁸ − 1"));
  const box = new Map();
  for (const x of shards) {
    const a = hashFraction(x.HashKeyRange.StartingHashKey), b = hashFraction((BigInt(x.HashKeyRange.EndingHashKey) + 1n).toString());
    const r = { x: a * W, w: Math.max(2, (b - a) * W), y: top + depth.get(x.ShardId) * (rowH + gap) };
    box.set(x.ShardId, r);
  }
  for (const x of shards)
    for (const p of [x.ParentShardId, x.AdjacentParentShardId]) {
      const pb = box.get(p), cb = box.get(x.ShardId);
      if (!pb) continue;
      svg.append(s("path", { class: "lineage", d: `M${pb.x + pb.w / 2},${pb.y + rowH} C${pb.x + pb.w / 2},${pb.y + rowH + gap / 2} ${cb.x + cb.w / 2},${cb.y - gap / 2} ${cb.x + cb.w / 2},${cb.y}` }));
    }
  for (const x of shards) {
    const r = box.get(x.ShardId);
    const closed = !!x.SequenceNumberRange.EndingSequenceNumber;
    const g = s("g", { "data-shard": x.ShardId, class: closed ? "closed" : "open" });
    g.append(s("title", {}, `${x.ShardId} (${closed ? "closed" : "open"}), ${fmtInt(stored[x.ShardId])} records stored`));
    g.append(s("rect", { x: r.x + 1, y: r.y, width: Math.max(1, r.w - 2), height: rowH, rx: 3, class: closed ? "shard-closed" : "shard-open" }));
    if (r.w > 34) g.append(s("text", { x: r.x + 6, y: r.y + 17, class: "shard-label" }, shardNumber(x.ShardId)));
    if (r.w > 90) g.append(s("text", { x: r.x + 6, y: r.y + 34, class: "shard-label" }, `${fmtInt(stored[x.ShardId])} rec`));
    svg.append(g);
  }
  return svg;
}
function sparkline(points) {
  const W = 120, H = 24;
  const max = Math.max(1, ...points);
  const step = points.length > 1 ? W / (points.length - 1) : W;
  const pts = points.map((v, i) => `${(i * step).toFixed(1)},${(H - 2 - (v / max) * (H - 4)).toFixed(1)}`).join(" ");
  return s("svg", { class: "spark", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `records per second, last ${points.length} samples, peak ${max.toFixed(1)}` },
    s("polyline", { points: pts || `0,${H - 2} ${W},${H - 2}` }));
}

// A stream: its facts, shard map and lineage, traffic, tags, consumers, policy,
// and a form that puts a record.
async function streamPage(name) {
  const [summary, shards] = await Promise.all([kinesis("DescribeStreamSummary", { StreamName: name }), listShards(name)]);
  const d = summary.StreamDescriptionSummary;
  const [tags, consumers, policy, all] = await Promise.all([
    kinesis("ListTagsForStream", { StreamName: name }).then((r) => r.Tags).catch(() => []),
    kinesis("ListStreamConsumers", { StreamARN: d.StreamARN }).then((r) => r.Consumers).catch(() => []),
    kinesis("GetResourcePolicy", { ResourceARN: d.StreamARN }).then((r) => r.Policy).catch(() => ""),
    metrics(),
  ]);
  const stored = {};
  for (const x of shards) stored[x.ShardId] = metric(all, "kinesisd_stored_records", { region, stream: name, shard: x.ShardId });
  const history = new Map();  // shard -> [records in total, sampled every 2 s]
  const mapHolder = h("div", {}, shardMap(shards, stored));
  const shardRows = h("tbody");
  const drawShards = (list, sample) => {
    shardRows.replaceChildren(...list.map((x) => {
      const closed = !!x.SequenceNumberRange.EndingSequenceNumber;
      const samples = history.get(x.ShardId) || [];
      const rates = samples.slice(1).map((v, i) => (v - samples[i]) / 2);
      return h("tr", { "data-shard": x.ShardId },
        h("td", { class: "mono" }, x.ShardId),
        h("td", {}, closed ? "closed" : h("span", { class: "status-ACTIVE" }, "open")),
        h("td", { class: "mono hide-narrow" }, [x.ParentShardId, x.AdjacentParentShardId].filter(Boolean).join(", ") || "—"),
        h("td", { class: "mono hide-narrow" }, `${(hashFraction(x.HashKeyRange.StartingHashKey) * 100).toFixed(1)}% – ${(hashFraction((BigInt(x.HashKeyRange.EndingHashKey) + 1n).toString()) * 100).toFixed(1)}%`),
        h("td", { class: "num" }, fmtInt(stored[x.ShardId])),
        h("td", { class: "num" }, fmtInt(sample[x.ShardId] || 0)),
        h("td", {}, sparkline(rates)),
        h("td", {}, h("a", { href: `#/stream/${encodeURIComponent(name)}/data?shard=${encodeURIComponent(x.ShardId)}` }, "View data")));
    }));
  };
  const sampleMetrics = async () => {
    const [m, list] = await Promise.all([metrics(), listShards(name)]);
    const totals = {};
    for (const x of list) {
      stored[x.ShardId] = metric(m, "kinesisd_stored_records", { region, stream: name, shard: x.ShardId });
      totals[x.ShardId] = metric(m, "kinesisd_incoming_records_total", { region, stream: name, shard: x.ShardId });
      const hist = history.get(x.ShardId) || [];
      hist.push(totals[x.ShardId]);
      if (hist.length > 31) hist.shift();
      history.set(x.ShardId, hist);
    }
    mapHolder.replaceChildren(shardMap(list, stored));
    drawShards(list, totals);
  };

  const pk = h("input", { id: "put-partition-key", required: true, maxlength: 256 });
  const kind = h("select", { id: "put-data-kind" }, h("option", { value: "text" }, "Text"), h("option", { value: "json" }, "JSON"), h("option", { value: "base64" }, "Base64"));
  const data = h("textarea", { id: "put-data", spellcheck: "false" });
  const ehk = h("input", { id: "put-explicit-hash-key", inputmode: "numeric" });
  const result = h("output", { id: "put-result", class: "result mono" });
  const putForm = h("form", { class: "stack", id: "put-record", onsubmit: async (ev) => {
    ev.preventDefault();
    let bytes;
    try {
      if (kind.value === "base64") bytes = base64ToBytes(data.value.trim());
      else if (kind.value === "json") bytes = new TextEncoder().encode(JSON.stringify(JSON.parse(data.value)));
      else bytes = new TextEncoder().encode(data.value);
    } catch (e) { result.replaceChildren(h("span", { class: "error" }, `The data is not ${kind.value === "json" ? "JSON" : "base64"}: ${e.message}`)); return; }
    const req = { StreamName: name, PartitionKey: pk.value, Data: bytesToBase64(bytes) };
    if (ehk.value.trim()) req.ExplicitHashKey = ehk.value.trim();
    try {
      const r = await kinesis("PutRecord", req);
      result.replaceChildren(`Put into ${r.ShardId}, sequence number `, h("span", { id: "put-sequence" }, r.SequenceNumber));
      result.dataset.shard = r.ShardId;
    } catch (e) { result.replaceChildren(h("span", { class: "error" }, e.message)); }
  } },
    h("label", {}, "Partition key", pk), h("label", {}, "Data as", kind), h("label", {}, "Data", data),
    h("label", {}, "Explicit hash key (optional, 0 … 2¹²⁸−1)", ehk), h("div", {}, h("button", { class: "primary", type: "submit" }, "Put record")), result);

  const facts = [
    ["ARN", d.StreamARN], ["Status", statusCell(d.StreamStatus)], ["Capacity mode", d.StreamModeDetails?.StreamMode],
    ["Open shards", d.OpenShardCount], ["Retention", `${d.RetentionPeriodHours} hours`],
    ["Created", fmtTime(d.StreamCreationTimestamp)],
    ["Encryption", d.EncryptionType === "KMS" ? `KMS (${d.KeyId})` : "none"],
    ["Enhanced monitoring", (d.EnhancedMonitoring || []).flatMap((e) => e.ShardLevelMetrics).join(", ") || "none"],
    ["Max record size", d.MaxRecordSizeInKiB ? `${d.MaxRecordSizeInKiB} KiB` : "1024 KiB"],
  ];
  main.replaceChildren(
    h("div", { class: "crumbs" }, h("a", { href: "#/streams" }, "Streams"), " / "),
    h("h1", {}, name),
    h("p", {}, h("a", { href: `#/stream/${encodeURIComponent(name)}/data` }, "Data viewer"), " · ",
      h("button", { type: "button", onclick: () => document.getElementById("put-partition-key").focus() }, "Put a record")),
    h("div", { class: "cards" },
      h("section", {}, h("h2", {}, "Stream"), h("dl", { class: "facts" }, facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]))),
      h("section", {}, h("h2", {}, "Tags"), tags.length ? h("dl", { class: "facts", id: "tags" }, tags.map((t) => [h("dt", {}, t.Key), h("dd", {}, t.Value ?? "")])) : h("p", { class: "muted" }, "No tags."),
        h("h2", {}, "Consumers"), consumers.length ? h("ul", { id: "consumers" }, consumers.map((c) => h("li", {}, `${c.ConsumerName} — `, statusCell(c.ConsumerStatus)))) : h("p", { class: "muted" }, "No registered consumers."),
        h("h2", {}, "Resource policy"), policy && policy !== "{}" ? h("pre", {}, asJson(policy) ?? policy) : h("p", { class: "muted" }, "None."))),
    h("h2", {}, "Shard map"), mapHolder,
    h("div", { class: "scroll" }, h("table", { id: "shards" }, h("thead", {}, h("tr", {}, ["Shard", "State", "Parents", "Hash keys", "Stored", "Records in", "Records/s", ""].map((t, i) => h("th", { class: `${i === 4 || i === 5 ? "num" : ""} ${i === 2 || i === 3 ? "hide-narrow" : ""}` }, t)))), shardRows)),
    h("h2", {}, "Put a record"), putForm);
  await sampleMetrics();
  every(2000, () => sampleMetrics().catch(() => {}));
}

// The data viewer: a shard from a position, page by page; each payload as
// text, JSON or hex; a search in the page; a live tail; the command that puts
// a record again.
async function viewerPage(name, query) {
  const params = new URLSearchParams((query || "").slice(1));
  const shards = await listShards(name);
  const shard = h("select", { id: "viewer-shard" }, shards.map((x) => h("option", { value: x.ShardId, selected: x.ShardId === params.get("shard") }, `${x.ShardId}${x.SequenceNumberRange.EndingSequenceNumber ? " (closed)" : ""}`)));
  const position = h("select", { id: "viewer-position" }, ["TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "AT_TIMESTAMP"].map((p) => h("option", { value: p, selected: p === (params.get("position") || "TRIM_HORIZON") }, p)));
  const seq = h("input", { id: "viewer-sequence", size: 30, class: "mono" });
  const when = h("input", { id: "viewer-timestamp", type: "datetime-local", step: 1 });
  const limit = h("input", { id: "viewer-limit", type: "number", min: 1, max: 10000, value: 25 });
  const mode = h("select", { id: "viewer-mode" }, h("option", { value: "text" }, "Text"), h("option", { value: "json" }, "JSON"), h("option", { value: "hex" }, "Hex"));
  const cli = h("select", { id: "viewer-cli" }, h("option", { value: "v2" }, "AWS CLI v2"), h("option", { value: "v1" }, "AWS CLI v1"));
  const search = h("input", { id: "viewer-search", type: "search" });
  const next = h("button", { type: "button", id: "viewer-next", disabled: true }, "Next page");
  const tailButton = h("button", { type: "button", id: "viewer-tail", "aria-pressed": "false" }, "Live tail");
  const state = h("p", { id: "viewer-state", class: "muted", role: "status" });
  const rows = h("tbody", { id: "records" });
  let records = [];
  let iterator = null;
  let tail = null;

  const showPositionInputs = () => {
    seq.parentElement.classList.toggle("hidden", !position.value.includes("SEQUENCE"));
    when.parentElement.classList.toggle("hidden", position.value !== "AT_TIMESTAMP");
  };
  const row = (rec, fresh) => {
    const preview = rec.text === null ? `${rec.bytes.length} bytes of binary` : rec.text.slice(0, 200);
    const detail = h("tr", { class: "detail hidden" }, h("td", { colspan: 6 }));
    const expand = h("button", { type: "button", class: "expand mono", "aria-expanded": "false", onclick: () => {
      const open = detail.classList.toggle("hidden") === false;
      expand.setAttribute("aria-expanded", String(open));
      if (!open) return;
      const command = putRecordCommand(name, rec, cli.value);
      detail.firstChild.replaceChildren(
        h("pre", { class: "payload" }, render(rec, mode.value)),
        h("div", { class: "controls" },
          h("button", { type: "button", class: "copy", onclick: async () => {
            try { await navigator.clipboard.writeText(command); toast("Copied the put-record command"); }
            catch { toast("The browser did not allow copying; select the command below", true); }
          } }, "Copy as aws kinesis put-record")),
        h("pre", { class: "command" }, command));
    } }, rec.SequenceNumber);
    const tr = h("tr", { class: `record${fresh ? " fresh" : ""}`, "data-sequence": rec.SequenceNumber },
      h("td", {}, expand), h("td", { class: "mono" }, rec.PartitionKey), h("td", { class: "hide-narrow" }, fmtTime(rec.ApproximateArrivalTimestamp)),
      h("td", { class: "num" }, fmtBytes(rec.bytes.length)), h("td", { class: "preview mono" }, preview));
    tr.detail = detail;
    tr.rec = rec;
    return tr;
  };
  const filter = () => {
    const q = search.value.trim().toLowerCase();
    let shown = 0;
    for (const tr of rows.querySelectorAll("tr.record")) {
      const r = tr.rec;
      const hit = !q || r.PartitionKey.toLowerCase().includes(q) || r.SequenceNumber.includes(q) || (r.text || "").toLowerCase().includes(q);
      tr.classList.toggle("hidden", !hit);
      if (!hit) tr.detail.classList.add("hidden");
      shown += hit;
    }
    return shown;
  };
  const redraw = () => {
    rows.replaceChildren(...records.flatMap((r) => { const tr = row(r, r.fresh); return [tr, tr.detail]; }));
    const shown = filter();
    if (!records.length) rows.replaceChildren(h("tr", {}, h("td", { colspan: 6, class: "muted" }, "No records on this page.")));
    return shown;
  };
  const page = async (first) => {
    try {
      if (first) {
        const req = { StreamName: name, ShardId: shard.value, ShardIteratorType: position.value };
        if (position.value.includes("SEQUENCE")) req.StartingSequenceNumber = seq.value.trim();
        if (position.value === "AT_TIMESTAMP") req.Timestamp = when.value ? new Date(when.value).getTime() / 1000 : Date.now() / 1000;
        iterator = (await kinesis("GetShardIterator", req)).ShardIterator;
      }
      if (!iterator) return;
      const r = await kinesis("GetRecords", { ShardIterator: iterator, Limit: Number(limit.value) || 25 });
      iterator = r.NextShardIterator || null;
      records = r.Records.map(decodeRecord);
      const shown = redraw();
      next.disabled = !iterator;
      state.textContent = `${records.length} records on this page${shown !== records.length ? `, ${shown} match` : ""}; ${r.MillisBehindLatest ?? 0} ms behind the tip${iterator ? "" : "; the shard is closed and read to its end"}.`;
    } catch (e) { state.replaceChildren(h("span", { class: "error" }, e.message)); }
  };
  let tailWanted = false;
  let lastSeen = "";  // the tail's last record: a new connection resumes after it
  const stopTail = () => {
    tailWanted = false;
    if (tail) tail.close();
    tail = null;
    tailButton.setAttribute("aria-pressed", "false");
    tailButton.textContent = "Live tail";
  };
  // The tail's URL is signed in its query (EventSource sends no headers); a
  // signature lives 5 minutes, so a connection the server ends or refuses is
  // opened again, freshly signed, after the last record seen.
  const openTail = async (shardId) => {
    const params = [["stream", name], ["shard", shardId], ["region", region]];
    if (lastSeen) params.push(["after", lastSeen]);
    const signed = await sign({ service: "kinesis", path: "/console/api/tail", params, presign: true });
    if (!tailWanted) return;
    tail = new EventSource(`/console/api/tail?${signed.query}`);
    pageSources.push(tail);
    tail.addEventListener("record", (ev) => {
      lastSeen = ev.lastEventId;
      const rec = decodeRecord(JSON.parse(ev.data));
      rec.fresh = true;
      records.unshift(rec);
      if (records.length > 1000) records.pop();
      const tr = row(rec, true);
      rows.querySelector("tr:not(.record):not(.detail)")?.remove();
      rows.prepend(tr, tr.detail);
      filter();
      setTimeout(() => tr.classList.remove("fresh"), 1500);
    });
    tail.addEventListener("end", (ev) => {
      const why = JSON.parse(ev.data).reason;
      stopTail();
      state.textContent = why === "closed" ? "The shard was closed by a reshard: the tail ended." : "The stream is being deleted: the tail ended.";
    });
    tail.onerror = () => {
      if (!tailWanted || !tail) return;
      if (tail.readyState === EventSource.CONNECTING) { state.textContent = "Reconnecting the live tail…"; return; }
      tail.close();
      tail = null;
      setTimeout(() => { if (tailWanted) openTail(shardId).catch((e) => toast(e.message, true)); }, 1000);
    };
  };
  tailButton.addEventListener("click", () => {
    if (tail || tailWanted) { stopTail(); state.textContent = "Live tail stopped."; return; }
    records = [];
    lastSeen = "";
    redraw();
    tailWanted = true;
    tailButton.setAttribute("aria-pressed", "true");
    tailButton.textContent = "Stop live tail";
    state.replaceChildren(h("span", { class: "live" }, "● live"), ` — new records of ${shard.value} appear here as they are put.`);
    openTail(shard.value).catch((e) => { stopTail(); state.replaceChildren(h("span", { class: "error" }, e.message)); });
  });

  main.replaceChildren(
    h("div", { class: "crumbs" }, h("a", { href: "#/streams" }, "Streams"), " / ", h("a", { href: `#/stream/${encodeURIComponent(name)}` }, name), " /"),
    h("h1", {}, `Data viewer: ${name}`),
    h("form", { class: "controls", id: "viewer-form", onsubmit: (ev) => { ev.preventDefault(); stopTail(); page(true); } },
      h("label", {}, "Shard", shard), h("label", {}, "Starting position", position),
      h("label", {}, "Sequence number", seq), h("label", {}, "Timestamp (local)", when), h("label", {}, "Records per page", limit),
      h("button", { class: "primary", type: "submit", id: "viewer-get" }, "Get records"), next, tailButton),
    h("div", { class: "controls" }, h("label", {}, "Show payloads as", mode), h("label", {}, "Copy commands for", cli), h("label", {}, "Search this page (key, sequence or text)", search)),
    state,
    h("div", { class: "scroll" }, h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "Sequence number"), h("th", {}, "Partition key"), h("th", { class: "hide-narrow" }, "Arrival"), h("th", { class: "num" }, "Size"), h("th", {}, "Payload"))), rows)));
  position.addEventListener("change", showPositionInputs);
  showPositionInputs();
  next.addEventListener("click", () => page(false));
  search.addEventListener("input", () => { const n = filter(); state.textContent = `${records.length} records loaded, ${n} match.`; });
  mode.addEventListener("change", redraw);
  cli.addEventListener("change", redraw);
  shard.addEventListener("change", stopTail);
  await page(true);
}

// Event source mappings: parameters, per-shard checkpoints and lag, errors,
// and the on-failure records of a file destination.
async function mappingsPage() {
  const holder = h("div", { id: "mappings" });
  const failureView = h("div", { id: "failure-view" });
  main.replaceChildren(h("h1", {}, "Event source mappings"), holder, failureView);
  const openFailure = async (uuid, file) => {
    try {
      const signed = await sign({ service: "lambda", path: "/console/api/failure", params: [["uuid", uuid], ["name", file]] });
      const r = await fetch(`/console/api/failure?${signed.query}`, { headers: signed.headers });
      const text = await r.text();
      failureView.replaceChildren(h("h2", {}, `On-failure record ${file}`), h("pre", { id: "failure-record" }, asJson(text) ?? text));
      failureView.scrollIntoView({ block: "nearest" });
    } catch (e) { toast(e.message, true); }
  };
  const refresh = async () => {
    const [list, progress] = await Promise.all([listMappings(), getJson("/console/api/mappings", "lambda")]);
    const byUuid = new Map(progress.mappings.map((m) => [m.uuid, m]));
    if (!list.length) { holder.replaceChildren(h("p", { class: "muted" }, "No event source mappings. Create one with Lambda's CreateEventSourceMapping or the config file.")); return; }
    const sections = await Promise.all(list.map(async (m) => {
      const p = byUuid.get(m.UUID) || { shards: [] };
      const stream = m.EventSourceArn.split("/").slice(1).join("/");
      let failures = null;
      if (p.on_failure?.directory) failures = await getJson("/console/api/failures", "lambda", [["uuid", m.UUID]]).catch(() => null);
      const params = [
        ["UUID", m.UUID], ["Function", m.FunctionArn], ["Source", h("a", { href: `#/stream/${encodeURIComponent(stream)}` }, m.EventSourceArn)],
        ["State", h("span", { class: m.State === "Enabled" ? "status-ACTIVE" : "status-UPDATING" }, m.State)], ["Batch size", m.BatchSize], ["Batching window", `${m.MaximumBatchingWindowInSeconds ?? 0} s`],
        ["Starting position", m.StartingPosition], ["Parallelization factor", m.ParallelizationFactor ?? 1],
        ["Retries", m.MaximumRetryAttempts === -1 || m.MaximumRetryAttempts === undefined ? "until the record expires" : m.MaximumRetryAttempts],
        ["Bisect on error", m.BisectBatchOnFunctionError ? "yes" : "no"],
        ["On failure", m.DestinationConfig?.OnFailure?.Destination || "none"], ["Last result", m.LastProcessingResult || ""],
      ];
      const shardTable = h("table", { class: "mapping-shards" }, h("thead", {}, h("tr", {}, ["Shard", "Checkpoint", "Records behind", "ms behind", "Invocations", "Function errors", "Processed", "On failure", "Last error"].map((t, i) => h("th", { class: i >= 2 && i <= 7 ? "num" : "" }, t)))),
        h("tbody", {}, p.shards.map((x) => h("tr", { "data-shard": x.shard_id },
          h("td", { class: "mono" }, x.shard_id), h("td", { class: "mono checkpoint" }, x.checkpoint || "—"),
          h("td", { class: "num" }, fmtInt(x.records_behind)), h("td", { class: "num" }, fmtInt(x.millis_behind)),
          h("td", { class: "num" }, fmtInt(x.invocations)), h("td", { class: "num" }, fmtInt(x.function_errors)),
          h("td", { class: "num" }, fmtInt(x.records_processed)), h("td", { class: "num" }, fmtInt(x.records_dead_lettered)),
          h("td", { class: "error" }, x.last_error || "")))));
      let failureList = null;
      if (failures)
        failureList = [h("h3", {}, `On-failure records in ${failures.directory} (${failures.total})`),
          failures.files.length ? h("ul", { class: "failures" }, failures.files.map((f) => h("li", {}, h("button", { type: "button", onclick: () => openFailure(m.UUID, f.name) }, f.name), ` ${fmtBytes(f.size)}`))) : h("p", { class: "muted" }, "None yet.")];
      // MetricsConfig EventCount: Lambda's six counts for the mapping.
      const counts = p.event_count ? h("dl", { class: "facts event-count" }, Object.entries(p.event_count).map(([k, v]) =>
        [h("dt", {}, k), h("dd", { class: "num", "data-metric": k }, fmtInt(v))])) : null;
      return h("section", { class: "mapping", "data-uuid": m.UUID }, h("h2", {}, `${m.FunctionArn.split(":").pop()} ← ${stream}`),
        h("dl", { class: "facts" }, params.map(([k, ...v]) => [h("dt", {}, k), h("dd", {}, ...v)])),
        counts, h("div", { class: "scroll" }, shardTable), failureList);
    }));
    holder.replaceChildren(...sections);
  };
  await refresh();
  every(1000, () => refresh().catch(() => {}));
}

// Delivery streams: source, destination, buffer fill and deliveries.
async function firehosePage() {
  const holder = h("div", { id: "delivery-streams" });
  main.replaceChildren(h("h1", {}, "Firehose delivery streams"), holder);
  const refresh = async () => {
    const names = (await firehose("ListDeliveryStreams", { Limit: 100 })).DeliveryStreamNames;
    const [all, ...described] = await Promise.all([metrics(), ...names.map((n) => firehose("DescribeDeliveryStream", { DeliveryStreamName: n }).then((r) => r.DeliveryStreamDescription).catch(() => null))]);
    const rows = described.filter(Boolean).map((d) => {
      const match = { region, delivery_stream: d.DeliveryStreamName };
      const dest = d.Destinations?.[0]?.ExtendedS3DestinationDescription || d.Destinations?.[0]?.S3DestinationDescription || {};
      const source = d.Source?.KinesisStreamSourceDescription?.KinesisStreamARN;
      const hints = dest.BufferingHints || {};
      return h("tr", { "data-delivery-stream": d.DeliveryStreamName },
        h("td", {}, d.DeliveryStreamName), h("td", {}, statusCell(d.DeliveryStreamStatus)),
        h("td", {}, source ? `Kinesis: ${source.split("/").pop()}` : "Direct PUT"),
        h("td", { class: "mono" }, dest.BucketARN ? `${dest.BucketARN.replace("arn:aws:s3:::", "s3://")}/${dest.Prefix || ""}` : "—"),
        h("td", { class: "hide-narrow" }, `${hints.SizeInMBs ?? 5} MiB / ${hints.IntervalInSeconds ?? 300} s${dest.CompressionFormat && dest.CompressionFormat !== "UNCOMPRESSED" ? `, ${dest.CompressionFormat}` : ""}`),
        h("td", { class: "num" }, `${fmtInt(metric(all, "kinesisd_firehose_buffered_records", match))} rec, ${fmtBytes(metric(all, "kinesisd_firehose_buffered_bytes", match))}`),
        h("td", { class: "num" }, fmtInt(metric(all, "kinesisd_firehose_incoming_records_total", match))),
        h("td", { class: "num" }, fmtInt(metric(all, "kinesisd_firehose_delivered_records_total", match))),
        h("td", { class: "num" }, fmtInt(metric(all, "kinesisd_firehose_objects_total", match))),
        h("td", { class: "num" }, fmtInt(metric(all, "kinesisd_firehose_failed_records_total", match))));
    });
    holder.replaceChildren(rows.length ? h("div", { class: "scroll" }, h("table", {}, h("thead", {}, h("tr", {}, ["Delivery stream", "Status", "Source", "Destination", "Buffering", "In buffer", "Records in", "Delivered", "Objects", "Failed"].map((t, i) => h("th", { class: `${i >= 5 ? "num" : ""} ${i === 4 ? "hide-narrow" : ""}` }, t)))), h("tbody", {}, rows)))
      : h("p", { class: "muted" }, `No delivery streams${server.firehose_s3 ? "" : " (start kinesisd with --s3-dir to deliver to S3)"}.`));
  };
  await refresh();
  every(2000, () => refresh().catch(() => {}));
}

// Limits and faults: what the server enforces, the fault rules, throttling.
async function serverPage() {
  const holder = h("div", {});
  main.replaceChildren(h("h1", {}, "Limits and faults"), holder);
  const refresh = async () => {
    const [all, rules] = await Promise.all([metrics(), server.faults ? getJson("/_kinesisd/faults").then((r) => r.rules) : Promise.resolve(null)]);
    const throttled = all.filter((m) => m.name === "kinesisd_throttled_requests_total");
    holder.replaceChildren(
      h("dl", { class: "facts" },
        h("dt", {}, "Version"), h("dd", {}, server.version),
        h("dt", {}, "Limits"), h("dd", { id: "limits" }, server.limits === "aws" ? "AWS's shard throughput limits and control-plane quotas (--limits aws)" : "off (--limits aws turns them on; the config file may per stream)"),
        h("dt", {}, "Storage"), h("dd", {}, server.data_dir ? `${server.data_dir} (durability ${server.durability})` : "in memory (--data-dir keeps everything across restarts)"),
        h("dt", {}, "Fault injection"), h("dd", {}, server.faults ? "on: /_kinesisd/faults" : "off (--faults 1 turns it on)")),
      h("h2", {}, "Fault rules"),
      rules === null ? h("p", { class: "muted" }, "Fault injection is off.") : rules.length === 0 ? h("p", { class: "muted" }, "No rules.") :
        h("div", { class: "scroll" }, h("table", { id: "fault-rules" }, h("thead", {}, h("tr", {}, ["Id", "Rule", "Matched", "Fired", "Remaining", ""].map((t) => h("th", {}, t)))),
          h("tbody", {}, rules.map((r) => {
            const { id, matched, fired, remaining, ...rule } = r;
            return h("tr", {}, h("td", {}, id), h("td", { class: "mono" }, JSON.stringify(rule)), h("td", { class: "num" }, matched), h("td", { class: "num" }, fired), h("td", { class: "num" }, remaining ?? "∞"),
              h("td", {}, h("button", { class: "danger", onclick: async () => { await fetch(`/_kinesisd/faults/${id}`, { method: "DELETE" }); refresh(); } }, "Remove")));
          })))),
      h("h2", {}, "Throttled requests"),
      throttled.length ? h("div", { class: "scroll" }, h("table", {}, h("thead", {}, h("tr", {}, ["Operation", "Stream", "Shard", "Throttled"].map((t) => h("th", {}, t)))),
        h("tbody", {}, throttled.map((m) => h("tr", {}, h("td", {}, m.labels.operation), h("td", {}, m.labels.stream), h("td", { class: "mono" }, m.labels.shard), h("td", { class: "num" }, fmtInt(m.value)))))))
        : h("p", { class: "muted" }, "None."));
  };
  await refresh();
  every(2000, () => refresh().catch(() => {}));
}

// ---------- start ----------

async function start() {
  try { server = await getJson("/console/api/server"); } catch { /* the defaults */ }
  if (!region) region = server.region;
  regionInput.value = region;
  if (server.auth !== "sigv4") identity = null;
  showIdentity();
  regionInput.addEventListener("change", () => {
    region = regionInput.value.trim() || server.region;
    regionInput.value = region;
    localStorage.setItem("kinesisd.region", region);
    route();
  });
  window.addEventListener("hashchange", () => { route(); main.focus({ preventScroll: true }); });
  await route();
}
start();
