/**
 * Splits decoded chunks into blocks of whole lines without copying them: each block is a range of
 * one chunk that ends just after a newline (or at the end of the input). Only a line that straddles
 * two chunks is copied. A line longer than `maxLine` bytes that straddles chunks is not kept: it is
 * reported as overlong and its bytes are dropped up to the next newline, so memory stays flat
 * whatever the input (parsers report overlong lines found inside one chunk the same way).
 */

const NL = 10;

export interface Block {
  readonly buf: Buffer;
  readonly start: number;
  readonly end: number;
}

/** Yielded in place of a block for each overlong line. */
export const OVERLONG = Symbol('overlong');

export const MAX_LINE_BYTES = 1 << 20;

export async function* lineBlocks(
  chunks: AsyncIterable<Buffer>,
  maxLine = MAX_LINE_BYTES,
): AsyncGenerator<Block | typeof OVERLONG> {
  let carry: Buffer[] = [];
  let carryLen = 0;
  let dropping = false;
  for await (const chunk of chunks) {
    let pos = 0;
    if (dropping) {
      const nl = chunk.indexOf(NL);
      if (nl === -1) continue;
      dropping = false;
      pos = nl + 1;
    }
    if (carryLen > 0) {
      const nl = chunk.indexOf(NL, pos);
      if (nl === -1) {
        if (carryLen + chunk.length - pos > maxLine) {
          carry = [];
          carryLen = 0;
          dropping = true;
          yield OVERLONG;
        } else {
          // Copied: the chunk's buffer may be read into again before the line ends.
          carry.push(Buffer.from(chunk.subarray(pos)));
          carryLen += chunk.length - pos;
        }
        continue;
      }
      carry.push(chunk.subarray(pos, nl + 1));
      const joined = Buffer.concat(carry, carryLen + nl + 1 - pos);
      carry = [];
      carryLen = 0;
      pos = nl + 1;
      if (joined.length - 1 > maxLine) yield OVERLONG;
      else yield { buf: joined, start: 0, end: joined.length };
    }
    const last = chunk.lastIndexOf(NL);
    if (last >= pos) {
      // Lines inside one chunk are bounded by the chunk; parsers check their length.
      yield { buf: chunk, start: pos, end: last + 1 };
      pos = last + 1;
    }
    if (pos < chunk.length) {
      if (chunk.length - pos > maxLine) {
        dropping = true;
        yield OVERLONG;
      } else {
        // Copied: the chunk's buffer is read into again (see bytes.ts).
        carry.push(Buffer.from(chunk.subarray(pos)));
        carryLen += chunk.length - pos;
      }
    }
  }
  if (carryLen > 0) {
    const joined = Buffer.concat(carry, carryLen);
    yield { buf: joined, start: 0, end: joined.length };
  }
}
