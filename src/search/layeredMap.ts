/**
 * A read-only map over two maps without copying either: `top` wins where both have a key, and keys
 * in `hidden` are left out of `bottom`. A server's view of the shared library plus its own articles.
 */
export class LayeredMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly bottom: ReadonlyMap<string, V>,
    private readonly top: ReadonlyMap<string, V>,
    private readonly hidden: ReadonlySet<string>,
  ) {}

  get(key: string): V | undefined {
    return this.top.get(key) ?? (this.hidden.has(key) ? undefined : this.bottom.get(key));
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    let size = this.top.size;
    for (const key of this.bottom.keys()) if (!this.hidden.has(key) && !this.top.has(key)) size++;
    return size;
  }

  *entries(): MapIterator<[string, V]> {
    for (const entry of this.bottom) if (!this.hidden.has(entry[0]) && !this.top.has(entry[0])) yield entry;
    yield* this.top;
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}

/**
 * How many keys the map has, counted only up to `most`: a layered map counts its size by walking the
 * whole shared library, which an answer must not do for "none" or "just one".
 */
export function keysUpTo(map: ReadonlyMap<string, unknown>, most: number): number {
  let count = 0;
  for (const _ of map.keys()) if (++count >= most) break;
  return count;
}
