/**
 * Limits checked on the raw text before anything recursive (JSON.stringify of a rejected payload, a schema walk)
 * sees a value: a body nested thousands deep overflows the stack there, and the request would fail as if storage
 * were down. An event is an object holding at most one object (`payment`), so these leave room for any vendor's
 * extra fields.
 */
export const MAX_JSON_DEPTH = 32;
/** One event (NDJSON line, Kafka message) as text; a real one is under 2 KB. */
export const MAX_EVENT_BYTES = 64 * 1024;

const OPEN_BRACE = 0x7b; // {
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACE = 0x7d; // }
const CLOSE_BRACKET = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * How deep the text's arrays and objects nest (0 for a scalar), counting no bracket inside a string; stops
 * counting once past `stopAbove`. One pass, no recursion, no allocation; it does not check the JSON is valid
 * (JSON.parse does that, iteratively). Works on UTF-16 code units, so a string or a UTF-8 buffer's text alike.
 */
export function jsonNestingDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
  }
  return deepest;
}
