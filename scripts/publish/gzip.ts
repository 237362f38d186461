/** Deterministic gzip: fixed level, header mtime 0 and a fixed OS byte, whatever the machine. */
import { gzipSync } from 'node:zlib';

/**
 * Largest input gzipped in one call. Node hands zlib the input length as a 32-bit count, so a
 * larger input would be silently cut to its length modulo 4 GiB (nodejs/node#60809).
 */
export const GZIP_MAX_INPUT = 2 ** 32 - 1;

/** Gzips bytes at level 9 with a reproducible header. */
export function gzipDeterministic(bytes: Uint8Array): Buffer {
  if (bytes.byteLength > GZIP_MAX_INPUT) {
    throw new Error(`cannot gzip ${bytes.byteLength} bytes in one piece: Node's zlib would silently truncate input past 4 GiB; publish the file in parts or gzip it with a streaming deflate`);
  }
  const out = gzipSync(bytes, { level: 9 });
  // RFC 1952 header: bytes 4..7 are MTIME, byte 9 is OS. No header CRC is written, so patching is safe.
  out.writeUInt32LE(0, 4);
  out[9] = 3; // Unix
  return out;
}
