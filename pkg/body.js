// Reading an HTTP body with a size cap: the stream is cancelled as soon as the cap is passed, so
// a hostile or broken server cannot make this isolate buffer an unbounded body.

/** The body size its `content-length` header announces, if it announces a valid one. */
export function announcedLength(message) {
  const value = typeof message.headers?.get === "function" ? message.headers.get("content-length") : null;
  const n = value === null ? NaN : Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * The body's bytes, or `onTooLarge(size)` thrown once more than `max` bytes arrived (or were
 * announced by `content-length`).
 * @param {Request | Response} message
 * @param {number} max
 * @param {(size: number) => Error} onTooLarge
 * @returns {Promise<Uint8Array>}
 */
export async function readCapped(message, max, onTooLarge) {
  const announced = announcedLength(message);
  if (announced !== undefined && announced > max) {
    await message.body?.cancel?.().catch(() => {});
    throw onTooLarge(announced);
  }
  if (!message.body || typeof message.body.getReader !== "function") {
    const bytes = new Uint8Array(await message.arrayBuffer());
    if (bytes.byteLength > max) throw onTooLarge(bytes.byteLength);
    return bytes;
  }
  const reader = message.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw onTooLarge(size);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
