// The largest request body the app reads, but the archive upload's (it carries its own). Kept
// apart from the middleware so the web page can measure what it sends against the same figure.
/** Far above any valid JSON input or form here. */
export const MAX_BODY_BYTES = 16 * 1024;
