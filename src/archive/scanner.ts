// Byte-level scanner for the X archive list files (following*.js, follower*.js, block*.js, mute*.js):
//   window.YTD.<type>.partN = [ { "<entry key>" : { "accountId" : "123", ... } }, ... ]
// The entry key is the type itself for follows, "blocking" in block.js and "muting" in mute.js.
// It is fed Uint8Array chunks of any size and keeps only a few dozen bytes of state between them,
// so a list file larger than the longest possible JS string streams in bounded memory. It checks
// the JSON grammar as it goes, skips any unknown value, and hands each accountId over as bytes.

import { emptyFile, invalidId, malformedEntry, type Position, wrongPrefix } from './errors.ts';
import { matchPlainEntry, type PlainEntry } from './plain-entry.ts';

export type ListType = 'following' | 'follower' | 'block' | 'mute';

/** The key of each entry's object in a list file of that type. */
export const ENTRY_KEY: Record<ListType, string> = {
  following: 'following',
  follower: 'follower',
  block: 'blocking',
  mute: 'muting',
};
export type ListLayout = 'compact' | 'expanded' | 'empty';

export interface IdSink {
  addDigits(bytes: Uint8Array, start: number, end: number): boolean;
}

const S_HEADER = 0;
const S_VALUE = 1; // a value must follow (after ":" or "," in an array)
const S_VALUE_OR_CLOSE = 2; // just after "["
const S_KEY = 3; // a key must follow (after "," in an object)
const S_KEY_OR_CLOSE = 4; // just after "{"
const S_COLON = 5;
const S_AFTER_VALUE = 6;
const S_STRING = 7;
const S_LITERAL = 8;
const S_TRAILER = 9; // after the closing "]"

const ARRAY = 0;
const OBJECT = 1;
const MAX_DEPTH = 64;
const MAX_HEADER = 256;
const CAPTURE_MAX = 64;

const CAPTURE_NONE = 0;
const CAPTURE_ENTRY_KEY = 1; // key of an entry object: is it "<type>"?
const CAPTURE_FIELD_KEY = 2; // key inside the "<type>" object: is it "accountId"?
const CAPTURE_ID = 3;
const CAPTURE_LITERAL = 4;

const HEADER_PATTERN = /^\s*window\.YTD\.([A-Za-z0-9_]+)\.part(\d+)\s*=\s*$/;
const LITERAL_PATTERN = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)$/;
const ACCOUNT_ID = new TextEncoder().encode('accountId');
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder();

function sameBytes(a: Uint8Array, length: number, b: Uint8Array): boolean {
  if (length !== b.length) return false;
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class ListScanner {
  private readonly file: string;
  private readonly type: ListType;
  private readonly entryKey: string;
  private readonly typeBytes: Uint8Array;
  private readonly sink: IdSink;
  private state = S_HEADER;
  private readonly stack = new Uint8Array(MAX_DEPTH);
  private depth = 0;
  private readonly header = new Uint8Array(MAX_HEADER);
  private headerLength = 0;
  private readonly capture = new Uint8Array(CAPTURE_MAX);
  private captureLength = 0;
  private captureMode = CAPTURE_NONE;
  private escaped = false;
  private stringIsKey = false;
  private bytesBefore = 0;
  private lines = 0;
  private newlineBeforeFirst = false;
  private keyIsType = false;
  private inTypeObject = false;
  private pendingId = false;
  private entryHasId = false;
  private readonly fast: PlainEntry = { end: 0, idStart: 0, idEnd: 0, newlines: 0 };
  entries = 0;
  layout: ListLayout = 'empty';

  constructor(file: string, type: ListType, sink: IdSink) {
    this.file = file;
    this.type = type;
    this.entryKey = ENTRY_KEY[type];
    this.typeBytes = new TextEncoder().encode(this.entryKey);
    this.sink = sink;
  }

  push(chunk: Uint8Array): void {
    let i = this.state === S_HEADER ? this.scanHeader(chunk) : 0;
    const n = chunk.length;
    let state = this.state;
    while (i < n) {
      let b = chunk[i] as number;
      if (state === S_STRING) {
        const start = i;
        if (this.escaped) {
          this.escaped = false;
          i++;
        }
        while (i < n) {
          b = chunk[i] as number;
          if (b === 0x22 || b === 0x5c || b < 0x20) break;
          i++;
        }
        if (this.captureMode !== CAPTURE_NONE) this.capturePart(chunk, start, i);
        if (i === n) break;
        if (b === 0x5c) {
          this.escaped = true;
          if (this.captureMode !== CAPTURE_NONE) this.capturePart(chunk, i, i + 1);
          i++;
          continue;
        }
        if (b < 0x20) throw this.malformed(i, 'a line break or control character inside a string');
        i++;
        state = this.endString(i);
        continue;
      }
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) {
        if (state === S_LITERAL) state = this.endLiteral(i);
        if (b === 0x0a) {
          this.lines++;
          if (this.entries === 0) this.newlineBeforeFirst = true;
        }
        i++;
        continue;
      }
      this.state = state;
      switch (state) {
        case S_AFTER_VALUE:
          state = this.afterValue(b, i);
          break;
        case S_VALUE:
        case S_VALUE_OR_CLOSE:
          if (b === 0x7b && this.depth === 1 && matchPlainEntry(chunk, i, this.typeBytes, this.fast)) {
            this.acceptPlainEntry(chunk);
            i = this.fast.end;
            state = S_AFTER_VALUE;
            continue;
          }
          state = b === 0x5d && state === S_VALUE_OR_CLOSE ? this.close(ARRAY, i) : this.startValue(b, i);
          break;
        case S_KEY:
        case S_KEY_OR_CLOSE:
          if (b === 0x7d && state === S_KEY_OR_CLOSE) state = this.close(OBJECT, i);
          else if (b === 0x22) state = this.startKey();
          else throw this.malformed(i, `expected a quoted key, found ${this.describe(b)}`);
          break;
        case S_COLON:
          if (b !== 0x3a) throw this.malformed(i, `expected ":", found ${this.describe(b)}`);
          state = S_VALUE;
          break;
        case S_LITERAL:
          if (b === 0x2c || b === 0x7d || b === 0x5d) {
            state = this.endLiteral(i);
            continue;
          }
          this.capturePart(chunk, i, i + 1);
          break;
        default:
          if (b !== 0x3b) throw this.malformed(i, `unexpected ${this.describe(b)} after the end of the list`);
      }
      i++;
    }
    this.state = state;
    this.bytesBefore += n;
  }

  private acceptPlainEntry(chunk: Uint8Array): void {
    if (this.entries === 0) this.layout = this.newlineBeforeFirst ? 'expanded' : 'compact';
    this.entries++;
    this.lines += this.fast.newlines;
    this.sink.addDigits(chunk, this.fast.idStart, this.fast.idEnd);
  }

  /** Call after the last chunk; throws if the file stopped before the list was closed. */
  end(): void {
    if (this.state === S_LITERAL) this.state = this.endLiteral(0);
    if (this.state === S_TRAILER) return;
    if (this.state === S_HEADER) {
      if (this.bytesBefore === 0) throw emptyFile(this.file);
      throw wrongPrefix(this.file, this.type, this.headerText());
    }
    throw this.malformed(0, 'the file ends before the list is closed (truncated?)');
  }

  /** Reads the "window.YTD.<type>.partN = [" header; returns the index just after "[" or chunk length. */
  private scanHeader(chunk: Uint8Array): number {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === 0x0a) this.lines++;
      if (b === 0x5b) {
        this.checkHeader();
        this.stack[0] = ARRAY;
        this.depth = 1;
        this.state = S_VALUE_OR_CLOSE;
        return i + 1;
      }
      if (this.headerLength === MAX_HEADER) throw wrongPrefix(this.file, this.type, this.headerText());
      this.header[this.headerLength++] = b;
    }
    return chunk.length;
  }

  private checkHeader(): void {
    const match = HEADER_PATTERN.exec(latin1.decode(this.headerBytes()));
    if (!match || match[1] !== this.type) throw wrongPrefix(this.file, this.type, this.headerText());
  }

  private headerText(): string {
    const text = utf8.decode(this.headerBytes()).trim();
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  }

  /** Header bytes without the UTF-8 byte order mark some editors add. */
  private headerBytes(): Uint8Array {
    const h = this.header;
    const bom = this.headerLength >= 3 && h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf;
    return h.subarray(bom ? 3 : 0, this.headerLength);
  }

  private startValue(b: number, i: number): number {
    const depth = this.depth;
    if (depth === 1 && b !== 0x7b)
      throw this.malformed(i, `an entry must be an object, found ${this.describe(b)}`);
    if (this.pendingId && depth === 3 && b !== 0x22) {
      throw invalidId(this.position(i), `${String.fromCharCode(b)}…`);
    }
    if (b === 0x7b || b === 0x5b) return this.open(b === 0x7b ? OBJECT : ARRAY, i);
    if (b === 0x22) {
      this.captureMode = this.pendingId && depth === 3 ? CAPTURE_ID : CAPTURE_NONE;
      this.captureLength = 0;
      this.stringIsKey = false;
      return S_STRING;
    }
    if (b === 0x2d || (b >= 0x30 && b <= 0x39) || b === 0x74 || b === 0x66 || b === 0x6e) {
      this.captureMode = CAPTURE_LITERAL;
      this.capture[0] = b;
      this.captureLength = 1;
      return S_LITERAL;
    }
    throw this.malformed(i, `expected a value, found ${this.describe(b)}`);
  }

  private open(kind: number, i: number): number {
    if (this.depth === MAX_DEPTH) throw this.malformed(i, 'values nested too deeply');
    if (this.depth === 1) {
      if (this.entries === 0) this.layout = this.newlineBeforeFirst ? 'expanded' : 'compact';
      this.entries++;
      this.entryHasId = false;
    } else if (this.depth === 2 && kind === OBJECT && this.keyIsType) {
      this.inTypeObject = true;
    }
    this.stack[this.depth++] = kind;
    return kind === OBJECT ? S_KEY_OR_CLOSE : S_VALUE_OR_CLOSE;
  }

  private close(kind: number, i: number): number {
    if (this.stack[this.depth - 1] !== kind) {
      throw this.malformed(i, `unexpected "${kind === OBJECT ? '}' : ']'}"`);
    }
    if (this.depth === 2 && !this.entryHasId) {
      throw this.malformed(i, `the entry has no "${this.entryKey}": { "accountId": … }`);
    }
    this.depth--;
    if (this.depth === 0) return S_TRAILER;
    if (this.depth === 2) this.inTypeObject = false;
    return this.valueDone();
  }

  private valueDone(): number {
    if (this.depth === 2) this.keyIsType = false;
    if (this.depth === 3) this.pendingId = false;
    return S_AFTER_VALUE;
  }

  private afterValue(b: number, i: number): number {
    const top = this.stack[this.depth - 1];
    if (b === 0x2c) return top === OBJECT ? S_KEY : S_VALUE;
    if (b === 0x7d || b === 0x5d) return this.close(b === 0x7d ? OBJECT : ARRAY, i);
    throw this.malformed(i, `expected "," or "${top === OBJECT ? '}' : ']'}", found ${this.describe(b)}`);
  }

  private startKey(): number {
    if (this.depth === 2) this.captureMode = CAPTURE_ENTRY_KEY;
    else if (this.depth === 3 && this.inTypeObject) this.captureMode = CAPTURE_FIELD_KEY;
    else this.captureMode = CAPTURE_NONE;
    this.captureLength = 0;
    this.stringIsKey = true;
    if (this.depth === 2) this.keyIsType = false;
    return S_STRING;
  }

  private capturePart(chunk: Uint8Array, start: number, end: number): void {
    const capture = this.capture;
    const stop = Math.min(end, start + CAPTURE_MAX - this.captureLength);
    for (let from = start, to = this.captureLength; from < stop; from++, to++)
      capture[to] = chunk[from] as number;
    // Length keeps counting past the buffer so over-long values are still recognised as such.
    this.captureLength += end - start;
  }

  /** Handles the string that just closed; i is the index after the closing quote. */
  private endString(i: number): number {
    const mode = this.captureMode;
    this.captureMode = CAPTURE_NONE;
    const isKey = this.stringIsKey;
    if (mode === CAPTURE_ENTRY_KEY && isKey) {
      this.keyIsType = sameBytes(this.capture, this.captureLength, this.typeBytes);
      return S_COLON;
    }
    if (mode === CAPTURE_FIELD_KEY && isKey) {
      this.pendingId = !this.entryHasId && sameBytes(this.capture, this.captureLength, ACCOUNT_ID);
      return S_COLON;
    }
    if (mode === CAPTURE_ID) {
      this.acceptId(i);
      return this.valueDone();
    }
    return isKey ? S_COLON : this.valueDone();
  }

  private acceptId(i: number): void {
    const length = this.captureLength;
    let valid = length >= 1 && length <= 20;
    for (let k = 0; valid && k < length; k++) {
      const d = this.capture[k] as number;
      valid = d >= 0x30 && d <= 0x39;
    }
    if (!valid) {
      const shown = utf8.decode(this.capture.subarray(0, Math.min(length, CAPTURE_MAX)));
      throw invalidId(this.position(i), shown);
    }
    this.sink.addDigits(this.capture, 0, length);
    this.entryHasId = true;
  }

  private endLiteral(i: number): number {
    this.captureMode = CAPTURE_NONE;
    const text = latin1.decode(this.capture.subarray(0, Math.min(this.captureLength, CAPTURE_MAX)));
    if (this.captureLength > CAPTURE_MAX || !LITERAL_PATTERN.test(text)) {
      throw this.malformed(i, `"${text.slice(0, 32)}" is not a JSON value`);
    }
    return this.valueDone();
  }

  private describe(b: number): string {
    return b >= 0x21 && b < 0x7f
      ? `"${String.fromCharCode(b)}"`
      : `byte 0x${b.toString(16).padStart(2, '0')}`;
  }

  private position(i: number): Position {
    const entry = this.depth >= 2 ? this.entries : this.entries + 1;
    return { file: this.file, entry, offset: this.bytesBefore + i, line: this.lines + 1 };
  }

  private malformed(i: number, detail: string): Error {
    return malformedEntry(this.position(i), detail);
  }
}
