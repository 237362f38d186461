/** Deterministic gzip: fixed level, header mtime 0 and a fixed OS byte, whatever the machine. */
import { gzipSync } from 'node:zlib';

/** Gzips bytes at level 9 with a reproducible header. */
export function gzipDeterministic(bytes: Uint8Array): Buffer {
  const out = gzipSync(bytes, { level: 9 });
  // RFC 1952 header: bytes 4..7 are MTIME, byte 9 is OS. No header CRC is written, so patching is safe.
  out.writeUInt32LE(0, 4);
  out[9] = 3; // Unix
  return out;
}
