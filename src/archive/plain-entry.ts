// Fast path of the list scanner for the entry shape every X archive uses, whole inside a chunk:
//   { "<type>" : { "accountId" : "<digits>" [, "userLink" : "<plain string>"] } }
// One tight function instead of the general state machine makes scanning several times faster.
// Anything else (other fields or order, escapes, an entry split across chunks) is left to the
// general path, which reads it from the same position.

export type PlainEntry = { end: number; idStart: number; idEnd: number; newlines: number };

/** Bytes the fast path may look at; out-of-bounds reads would deoptimise it, so it stays inside. */
const WINDOW = 1024;
const ACCOUNT_ID = new TextEncoder().encode('accountId');
const USER_LINK = new TextEncoder().encode('userLink');

/** Index after `"<word>"` at i, or -1. The caller keeps i + word.length + 2 inside the chunk. */
function matchQuoted(c: Uint8Array, i: number, word: Uint8Array): number {
  if (i < 0 || c[i] !== 0x22) return -1;
  for (let k = 0; k < word.length; k++) if (c[i + 1 + k] !== word[k]) return -1;
  return c[i + 1 + word.length] === 0x22 ? i + 2 + word.length : -1;
}

/** Skips whitespace before `limit`, counting line feeds into out.newlines. */
function skipSpace(c: Uint8Array, from: number, limit: number, out: PlainEntry): number {
  let i = from;
  while (i < limit) {
    const b = c[i] as number;
    if (b === 0x20 || b === 0x09 || b === 0x0d) i++;
    else if (b === 0x0a) {
      out.newlines++;
      i++;
    } else break;
  }
  return i;
}

/** Skips `"<key>" :` and the space after; -1 if the key is not there. */
function skipKey(c: Uint8Array, from: number, limit: number, key: Uint8Array, out: PlainEntry): number {
  const afterKey = matchQuoted(c, skipSpace(c, from, limit, out), key);
  if (afterKey < 0) return -1;
  const colon = skipSpace(c, afterKey, limit, out);
  return c[colon] === 0x3a ? skipSpace(c, colon + 1, limit, out) : -1;
}

/**
 * Matches the entry opening with "{" at `start`; on success fills `out` (end = index after the
 * closing "}") and returns true. Ids are only checked to be 1 to 20 digits here.
 */
export function matchPlainEntry(c: Uint8Array, start: number, type: Uint8Array, out: PlainEntry): boolean {
  const limit = start + WINDOW;
  if (limit + 32 > c.length) return false;
  out.newlines = 0;
  let i = skipKey(c, start + 1, limit, type, out);
  if (i < 0 || c[i] !== 0x7b) return false;
  i = skipKey(c, i + 1, limit, ACCOUNT_ID, out);
  if (i < 0 || c[i] !== 0x22) return false;
  const idStart = i + 1;
  let idEnd = idStart;
  while (idEnd < limit && ((c[idEnd] as number) - 0x30) >>> 0 <= 9) idEnd++;
  if (c[idEnd] !== 0x22 || idEnd === idStart || idEnd - idStart > 20) return false;
  i = skipSpace(c, idEnd + 1, limit, out);
  if (c[i] === 0x2c) {
    i = skipKey(c, i + 1, limit, USER_LINK, out);
    if (i < 0 || c[i] !== 0x22) return false;
    i++;
    while (i < limit) {
      const b = c[i] as number;
      if (b === 0x22 || b === 0x5c || b < 0x20) break;
      i++;
    }
    if (c[i] !== 0x22) return false;
    i = skipSpace(c, i + 1, limit, out);
  }
  if (c[i] !== 0x7d) return false;
  i = skipSpace(c, i + 1, limit, out);
  if (c[i] !== 0x7d) return false;
  out.end = i + 1;
  out.idStart = idStart;
  out.idEnd = idEnd;
  return true;
}
