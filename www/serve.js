// Serves the demo on 127.0.0.1: www/ at /, the built npm package at /pkg/.
// Usage: node www/serve.js [--port N]   (or PORT=N; 0 picks a free port)
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const mounts = [
  ["/pkg/", join(root, "pkg")],
  ["/", join(root, "www")],
];
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
};

function resolvePath(urlPath) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const rest = decodeURIComponent(urlPath.slice(prefix.length)) || "index.html";
    const file = normalize(join(dir, rest));
    // Refuse anything that escapes its mount (../ tricks).
    return file.startsWith(dir + sep) ? file : undefined;
  }
  return undefined;
}

export function startServer(port = 0) {
  const server = createServer(async (req, res) => {
    const file = resolvePath(new URL(req.url, "http://localhost").pathname);
    try {
      if (!file) throw new Error("outside");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": types[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const flag = process.argv.indexOf("--port");
  const wanted = Number(flag > 0 ? process.argv[flag + 1] : (process.env.PORT ?? 8787));
  let server;
  try {
    server = await startServer(wanted);
  } catch (error) {
    if (error.code !== "EADDRINUSE") throw error;
    console.log(`port ${wanted} is busy; picking a free one`);
    server = await startServer(0);
  }
  console.log(`healthauth demo: http://127.0.0.1:${server.address().port}/  (Ctrl-C to stop)`);
}
