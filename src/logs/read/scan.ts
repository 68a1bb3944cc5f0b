/** Byte-level readers shared by the parsers. */

const DOT = 46;

/** Strict dotted quad in buf[s, e) (no leading zeros) as a number, or -1. */
export function ipv4At(buf: Uint8Array, s: number, e: number): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let j = s; j < e; j++) {
    const c = buf[j]!;
    if (c === DOT) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9 || (digits > 0 && part === 0)) return -1;
    part = part * 10 + d;
    if (part > 255) return -1;
    digits++;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
}
