/** The value cached under `key`, made by `make` the first time (for Intl objects and labels, costly to build per call). */
export function cached<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    v = make();
    cache.set(key, v);
  }
  return v;
}
