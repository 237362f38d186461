import { describe, expect, it } from 'vitest';
import { free } from '../../scripts/lib/free.ts';

describe('free(...arrays)', () => {
  it('releases the memory of typed arrays at once, not at the next garbage collection', () => {
    const a = new Int32Array(4_000_000).fill(1);
    const b = new Float64Array(1_000_000).fill(2);
    const before = process.memoryUsage().arrayBuffers;
    free(a, b);
    expect(before - process.memoryUsage().arrayBuffers).toBeGreaterThanOrEqual(a.BYTES_PER_ELEMENT * 4_000_000 + 8 * 1_000_000 - 1);
    expect(a.length).toBe(0);
    expect(b.length).toBe(0);
  });

  it('ignores arrays already freed, and frees the whole buffer of a view', () => {
    const whole = new Uint8Array(1 << 20);
    const view = whole.subarray(0, 10);
    free(view);
    expect(whole.length).toBe(0);
    expect(() => free(view, whole)).not.toThrow();
  });
});
