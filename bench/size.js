// `make size`: raw and gzip size of every shipped .wasm against its budget
// (tests/js/size-budget.json, which the size tests in `make test` enforce), the section sizes of
// the npm package's wasm, and, when twiggy is installed, what each capability costs (the
// pre-bindgen wasm still carries function names). Prints Markdown.
//
// Usage: node bench/size.js [--top 15]
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const { values } = parseArgs({ options: { top: { type: "string", default: "15" } } });
const root = new URL("../", import.meta.url);
const at = (p) => new URL(p, root);
const budget = JSON.parse(readFileSync(at("tests/js/size-budget.json"), "utf8"));
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const n = (x) => x.toLocaleString("en");

// ---- every shipped wasm -----------------------------------------------------------------------
console.log("## Shipped WebAssembly\n");
console.log("| file | raw | gzip -9 | budget (gzip) | issue 9 target (gzip) |");
console.log("|---|---|---|---|---|");
for (const [name, entry] of Object.entries(budget.files)) {
  const file = at(entry.path);
  if (!existsSync(file)) {
    console.log(`| ${name} (\`${entry.path}\`) | not built (${entry.build}) | | ${n(entry.gzip)} | ${entry.target ? n(entry.target) : "—"} |`);
    continue;
  }
  const bytes = readFileSync(file);
  const size = gz(bytes);
  const over = size > entry.gzip || bytes.length > entry.raw ? " **over budget**" : "";
  console.log(`| ${name} (\`${entry.path}\`) | ${n(bytes.length)} | ${n(size)}${over} | ${n(entry.gzip)} (raw ${n(entry.raw)}) | ${entry.target ? n(entry.target) : "—"} |`);
}

// ---- sections of the npm package's wasm ----------------------------------------------------------
const SECTION = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "data count"];
function leb(bytes, offset) {
  let result = 0, shift = 0, byte;
  do {
    byte = bytes[offset++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [result, offset];
}
function sections(bytes) {
  const out = [];
  let offset = 8;
  while (offset < bytes.length) {
    const id = bytes[offset];
    const [size, start] = leb(bytes, offset + 1);
    const body = bytes.subarray(start, start + size);
    let name = SECTION[id] ?? `id ${id}`;
    if (id === 0) {
      const [len, p] = leb(body, 0);
      name = `custom "${Buffer.from(body.subarray(p, p + len)).toString()}"`;
    }
    let count = "";
    if (id === 10 || id === 11) count = ` (${n(leb(body, 0)[0])} ${id === 10 ? "functions" : "segments"})`;
    out.push({ name: name + count, raw: start + size - offset, gzip: gz(body) });
    offset = start + size;
  }
  return out;
}
const shipped = at(budget.files["npm package"].path);
if (existsSync(shipped)) {
  const bytes = readFileSync(shipped);
  console.log(`\n## Sections of \`${budget.files["npm package"].path}\`\n`);
  console.log("Each section gzipped on its own (so the gzip column does not add up to the file's).\n");
  console.log("| section | raw | gzip -9 |");
  console.log("|---|---|---|");
  for (const s of sections(bytes).filter((s) => s.raw > 64)) console.log(`| ${s.name} | ${n(s.raw)} | ${n(s.gzip)} |`);
}

// ---- what each capability costs (twiggy over the pre-bindgen wasm) -------------------------------
let twiggy;
try {
  execFileSync("twiggy", ["--version"], { stdio: "ignore" });
  twiggy = true;
} catch {
  twiggy = false;
}
/** The per-capability table and the largest items of one pre-bindgen wasm. */
function capabilities(named, label) {
  if (!twiggy) {
    console.log("\n(twiggy not found: `cargo install twiggy` for the per-capability table.)");
  } else if (!existsSync(named)) {
    console.log("\n(no pre-bindgen wasm: run `make pkg` for the per-capability table.)");
  } else {
    const items = JSON.parse(execFileSync("twiggy", ["top", "-n", "1000000", "--format", "json", named.pathname], { maxBuffer: 1 << 28, encoding: "utf8" }));
    // Leftmost crate named in a (demangled) item name decides its capability; generic std code
    // instantiated for a crate's types (drop_in_place<rsa::…>) goes to that crate.
    const CAPABILITIES = [
      ["RSA", ["rsa", "pkcs1", "crypto_primes"]],
      ["P-384", ["p384"]],
      ["P-256", ["p256"]],
      ["ECDSA / curve shared (primeorder, elliptic-curve, ecdsa, sec1, rfc6979)", ["primeorder", "elliptic_curve", "ecdsa", "sec1", "rfc6979", "ff", "group"]],
      ["big integers (crypto-bigint: RSA and the curves)", ["crypto_bigint"]],
      ["Ed25519", ["curve25519_dalek", "ed25519_dalek", "ed25519"]],
      ["SHA-2 / HMAC", ["sha2", "hmac", "digest", "block_buffer"]],
      ["DER / PEM / PKCS#8 / X.509", ["der", "pkcs8", "spki", "x509_cert", "pem_rfc7468", "const_oid", "base64ct"]],
      ["JSON (serde, serde_json)", ["serde_json", "serde", "serde_core"]],
      ["core: JOSE", ["healthauth::jose"]],
      ["core: webhooks", ["healthauth::webhook"]],
      ["core: OAuth, discovery, SMART, providers", ["healthauth::oauth", "healthauth::discovery", "healthauth::smart", "healthauth::providers"]],
      ["core: other (PKCE, errors, encoding, net, random)", ["healthauth"]],
      ["wasm binding (healthauth-wasm, wasm-bindgen, js-sys)", ["healthauth_wasm", "wasm_bindgen", "js_sys"]],
      ["getrandom, zeroize, subtle", ["getrandom", "zeroize", "subtle", "rand_core"]],
    ];
    const patterns = CAPABILITIES.flatMap(([cap, crates]) => crates.map((c) => ({ cap, re: new RegExp(`(?<![A-Za-z0-9_])${c.replace(/:/g, ":")}::`) })));
    const totals = new Map();
    const add = (cap, bytes) => totals.set(cap, (totals.get(cap) ?? 0) + bytes);
    for (const item of items) {
      const name = item.name;
      if (/^custom section|subsection"?$/.test(name)) continue; // not shipped (bindgen strips them)
      if (/^data segment/.test(name)) {
        add(`data segment ${name.slice(13)}`, item.shallow_size);
        continue;
      }
      if (/^__wbindgen_describe/.test(name)) continue; // wasm-bindgen's build-time descriptors, stripped
      if (/^[A-Za-z_]+_[0-9a-f]{16}$|^__wbindgen|^__wbg_/.test(name)) {
        add("wasm binding (healthauth-wasm, wasm-bindgen, js-sys)", item.shallow_size); // exports
        continue;
      }
      let best;
      for (const { cap, re } of patterns) {
        const m = re.exec(name);
        // The healthauth::* patterns come before plain healthauth, so ties keep the specific one.
        if (m && (!best || m.index < best.index)) best = { cap, index: m.index };
      }
      add(best ? best.cap : "std / core / alloc (and unnamed)", item.shallow_size);
    }
    const sum = [...totals.values()].reduce((a, b) => a + b, 0);
    console.log(`\n## What each capability costs in ${label} (twiggy, pre-bindgen \`${named.pathname.split("/target/")[1]}\`, raw bytes)\n`);
    console.log("Attributed by the leftmost crate in each function's name; generic code goes to the crate it was instantiated for. Data segments are listed on their own (`.rodata`: strings, constants and tables; `.data` is mostly zeros, which gzip removes). Function-name items that wasm-bindgen strips (its descriptors) are left out.\n");
    console.log("| capability | raw bytes | share |");
    console.log("|---|---|---|");
    for (const [cap, bytes] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`| ${cap} | ${n(bytes)} | ${((100 * bytes) / sum).toFixed(1)} % |`);
    console.log(`| total (code and data, without custom sections) | ${n(sum)} | |`);
    console.log(`\n## Largest items of ${label} (twiggy top ${values.top})\n`);
    console.log("| raw bytes | item |");
    console.log("|---|---|");
    for (const item of items.filter((i) => !/^custom section|subsection"?$/.test(i.name)).slice(0, Number(values.top))) {
      console.log(`| ${n(item.shallow_size)} | \`${item.name.replace(/::h[0-9a-f]{16}$/, "").slice(0, 140)}\` |`);
    }
  }
}

// healthauth (release profile, every feature) and healthauth/lite (`lite` profile, no `asymmetric`).
capabilities(at("target/wasm32-unknown-unknown/release/healthauth_wasm.wasm"), "healthauth");
capabilities(at("target/wasm32-unknown-unknown/lite/healthauth_wasm.wasm"), "healthauth/lite");
