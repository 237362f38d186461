/**
 * Frees the memory of typed arrays that are no longer needed at once, instead of at V8's next
 * full garbage collection: a large array (a lookup table of millions of rows) otherwise stays
 * resident while the next stage allocates its own, and the two add up in the peak. The array
 * must own its buffer (not a view into a shared one): transferring the buffer to a zero-length
 * one detaches it, and every view of it then has length 0.
 */
export function free(...arrays: readonly ArrayBufferView[]): void {
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer && !a.buffer.detached) a.buffer.transfer(0);
}
