/**
 * Gunzips a stream of bytes piece by piece into exactly what gunzipSync gives on the whole
 * (concatenated members; zero padding after a member ends the data, whatever follows it), or fails
 * with the same zlib error. stream.pipeline does not: when zlib stops at zero padding it ends its
 * output early and pipeline reports a premature close, and bytes fed after that would be read as
 * another member.
 */
import { createGunzip } from 'node:zlib';

/** The gunzipped bytes of `source`, at most `chunkBytes` (at least 64) at a time; throws zlib's error (code Z_…) on bad data. */
export async function* gunzipStream(source: AsyncIterable<Uint8Array>, chunkBytes = 1 << 20): AsyncGenerator<Buffer> {
  const gunzip = createGunzip({ chunkSize: Math.max(64, chunkBytes) });
  // A write's callback may never come once the stream failed: stop waiting when it closes.
  const closed = new Promise<void>((resolve) => gunzip.once('close', resolve));
  const feed = (async () => {
    let fed = 0;
    try {
      for await (const piece of source) {
        fed += piece.length;
        await Promise.race([new Promise<void>((resolve, reject) => gunzip.write(piece, (err) => (err ? reject(err) : resolve()))), closed]);
        // Closed, or zlib consumed less than it was given: it stopped at padding, and gunzipSync ignores the rest.
        if (gunzip.destroyed || gunzip.bytesWritten < fed) break;
      }
      if (!gunzip.destroyed) gunzip.end();
    } catch (err) {
      gunzip.destroy(err as Error);
    }
  })();
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } finally {
    gunzip.destroy();
    await feed;
  }
}
