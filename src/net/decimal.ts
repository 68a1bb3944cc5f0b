// Strict decimal integer parsing shared by the address, prefix, port and protocol parsers.
// Knows only ASCII digits; knows nothing about what the number means.

const ZERO = 48; // '0'
const NINE = 57; // '9'

/**
 * Parses `text[start, end)` as a plain decimal integer in 0..max.
 * Rejects: empty input, any non-digit (signs, spaces, dots), leading zeros ("01"), values above max.
 */
export function parseDecimal(text: string, max: number, start = 0, end = text.length): number | undefined {
  if (end <= start) return undefined;
  if (end - start > 1 && text.charCodeAt(start) === ZERO) return undefined;
  let value = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < ZERO || code > NINE) return undefined;
    value = value * 10 + (code - ZERO);
    if (value > max) return undefined;
  }
  return value;
}
