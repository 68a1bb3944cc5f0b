/**
 * Bytes of one source, decompressed when they start with the gzip magic number (whatever the file
 * name says). Concatenated gzip members, as S3 and `cat a.gz b.gz` produce, decode as one stream.
 *
 * Files are read into two buffers used in turn, so reading a large file allocates nothing: a chunk
 * stays valid until the next-but-one chunk is read. Consumers that keep a chunk longer (the gzip
 * decoder, lines waiting for their type, JSON documents, a line straddling chunks) copy it.
 */
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export const CHUNK_BYTES = 1 << 20;

/** Raised when compressed data cannot be decoded; the reader counts the rest as one malformed line. */
export class CorruptGzipError extends Error {}

/** Raised when the source itself cannot be read (permissions, a folder, a vanished file, ...). */
export class SourceReadError extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

async function next<T>(it: AsyncIterator<T>): Promise<IteratorResult<T>> {
  try {
    return await it.next();
  } catch (e) {
    throw new SourceReadError(e);
  }
}

export function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

export function openFile(path: string): AsyncIterable<Buffer> {
  return readChunks(path, 0, Number.POSITIVE_INFINITY);
}

/** path's bytes [start, end) in chunks of at most CHUNK_BYTES, into two buffers used in turn. */
async function* readChunks(path: string, start: number, end: number): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r');
  try {
    const bufs = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
    let turn = 0;
    let pos = start;
    // From the start, read on from the current position (null): pipes and FIFOs cannot seek
    // (`<(zcat ...)`); a later part of a file (parallel summary) is always a regular file.
    const seek = start > 0;
    while (pos < end) {
      const b = bufs[turn]!;
      turn ^= 1;
      const { bytesRead } = await fh.read(b, 0, Math.min(b.length, end - pos), seek ? pos : null);
      if (bytesRead === 0) return;
      pos += bytesRead;
      yield b.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/**
 * Decoded chunks of a raw byte stream. `onRaw` sees the size of every raw chunk (for progress).
 * Errors of the raw stream propagate; errors of the decompressor become CorruptGzipError.
 */
export async function* decoded(
  raw: AsyncIterable<Buffer | Uint8Array | string>,
  onRaw?: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  const it = raw[Symbol.asyncIterator]();
  let first: Buffer | undefined;
  // The magic number needs two bytes: gather until there are two, or the stream ends.
  for (;;) {
    const n = await next(it);
    if (n.done) break;
    const chunk = toBuffer(n.value);
    onRaw?.(chunk.length);
    first = first ? Buffer.concat([first, chunk]) : chunk;
    if (first.length >= 2) break;
  }
  if (!first || first.length === 0) return;
  if (!isGzip(first)) {
    try {
      yield first;
      for (;;) {
        const n = await next(it);
        if (n.done) return;
        const chunk = toBuffer(n.value);
        onRaw?.(chunk.length);
        yield chunk;
      }
    } finally {
      await it.return?.();
    }
  }
  const head = first;
  // Copied: the decoder may still hold a chunk when the buffer it came from is read into again.
  async function* rest(): AsyncGenerator<Buffer> {
    yield Buffer.from(head);
    for (;;) {
      const n = await next(it);
      if (n.done) return;
      const chunk = toBuffer(n.value);
      onRaw?.(chunk.length);
      yield Buffer.from(chunk);
    }
  }
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  const src = Readable.from(rest(), { objectMode: false });
  let rawError: unknown;
  src.on('error', (e) => {
    rawError = e instanceof SourceReadError ? e : new SourceReadError(e);
    gunzip.destroy(e);
  });
  src.pipe(gunzip);
  try {
    for await (const c of gunzip) yield c as Buffer;
  } catch (e) {
    if (rawError !== undefined) throw rawError;
    throw new CorruptGzipError(e instanceof Error ? e.message : String(e));
  } finally {
    src.destroy();
    await it.return?.();
  }
}

function toBuffer(v: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

/**
 * The bytes of the lines that start in [start, end) of a file: from the first line start at or
 * after `start` (a line that began before belongs to the previous range) through the newline that
 * ends the line holding byte end - 1.
 */
export async function* openRange(path: string, start: number, end: number): AsyncGenerator<Buffer> {
  const from = start === 0 ? 0 : start - 1;
  let pos = from;
  let skipping = start > 0;
  for await (const chunk of readChunks(path, from, Number.POSITIVE_INFINITY)) {
    const chunkStart = pos;
    pos += chunk.length;
    let s = 0;
    if (skipping) {
      const nl = chunk.indexOf(10);
      if (nl === -1) continue;
      s = nl + 1;
      skipping = false;
      if (chunkStart + s >= end) return;
    }
    // The last line of the range ends at the first newline at or after offset end - 1.
    const last = end - 1 - chunkStart;
    if (last < chunk.length) {
      const nl = chunk.indexOf(10, Math.max(s, last));
      if (nl !== -1) {
        if (nl + 1 > s) yield chunk.subarray(s, nl + 1);
        return;
      }
    }
    if (s < chunk.length) yield chunk.subarray(s);
  }
}
