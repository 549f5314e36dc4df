// A Worker that only loads under `nodejs_compat` (it imports node:buffer): the flag is on, and
// healthauth's workerd entry works next to Node's built-ins.
import { Buffer } from "node:buffer";
import { createPkce } from "healthauth";

export default {
  fetch() {
    return Response.json({ buffer: typeof Buffer, process: typeof globalThis.process, method: createPkce().method });
  },
};
