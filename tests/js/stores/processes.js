// Runs node-worker.js in several processes that start their job at one instant. Not a test file itself.
import { fork } from "node:child_process";

/** Forks one process per entry of `configs` and resolves with their results, in order. */
export async function inProcesses(configs, { timeoutMs = 60_000 } = {}) {
  const children = configs.map((config) =>
    fork(new URL("./node-worker.js", import.meta.url), [JSON.stringify(config)], { stdio: ["ignore", "inherit", "inherit", "ipc"] }),
  );
  const timer = setTimeout(() => children.forEach((child) => child.kill("SIGKILL")), timeoutMs);
  try {
    const ready = children.map(
      (child) =>
        new Promise((resolve, reject) => {
          child.once("message", resolve);
          child.once("exit", (code) => reject(new Error(`a store process exited early (${code})`)));
        }),
    );
    await Promise.all(ready);
    const results = children.map(
      (child) =>
        new Promise((resolve, reject) => {
          child.once("message", (result) => (result.error ? reject(new Error(result.error)) : resolve(result.ok)));
          child.once("exit", (code) => reject(new Error(`a store process exited without a result (${code})`)));
        }),
    );
    const startAt = Date.now() + 200;
    for (const child of children) child.send({ startAt });
    return await Promise.all(results);
  } finally {
    clearTimeout(timer);
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  }
}
