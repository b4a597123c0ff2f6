// Maps that MiniSearch reads as its own, backed by packed arrays until something changes them (see
// packedMiniSearch.ts). Making 133,000 map entries per map took a fifth of a second at 10,000
// articles on every start from a snapshot, for maps a search only ever reads a few entries of.

/** Where a packed map's entries come from until it is first changed. */
export interface MapSource<K, V> {
  readonly size: number;
  /** The value of `key`, undefined when the map has none. */
  get(key: K): V | undefined;
  entries(): Iterable<[K, V]>;
}

/**
 * A Map made from `entriesToMake()` the first time anything at all reads or changes it: the maps
 * MiniSearch changes in place (a term's postings) or never reads while searching (ids to short ids).
 */
export abstract class MadeOnFirstUse<K, V> extends Map<K, V> {
  private pending = true;

  /** The entries the map is made of, once. */
  protected abstract entriesToMake(): Iterable<[K, V]>;

  /** Whether nothing has read or changed the map yet. */
  get unused(): boolean {
    return this.pending;
  }

  private made(): this {
    if (this.pending) {
      this.pending = false;
      for (const [key, value] of this.entriesToMake()) super.set(key, value);
    }
    return this;
  }

  override get size(): number {
    this.made();
    return super.size;
  }
  override get(key: K): V | undefined {
    this.made();
    return super.get(key);
  }
  override has(key: K): boolean {
    this.made();
    return super.has(key);
  }
  override set(key: K, value: V): this {
    this.made();
    return super.set(key, value);
  }
  override delete(key: K): boolean {
    this.made();
    return super.delete(key);
  }
  override clear(): void {
    this.pending = false;
    super.clear();
  }
  override entries(): MapIterator<[K, V]> {
    this.made();
    return super.entries();
  }
  override keys(): MapIterator<K> {
    this.made();
    return super.keys();
  }
  override values(): MapIterator<V> {
    this.made();
    return super.values();
  }
  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.made();
    super.forEach(callback, thisArg);
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}

/**
 * A Map whose entries are read from `source` until any change (set, delete, clear): it is then
 * made into a plain map of the same entries, in the same order, and changed (see MadeOnFirstUse,
 * whose reads it serves from the source instead).
 */
export class ReadThroughMap<K, V> extends MadeOnFirstUse<K, V> {
  constructor(private readonly source: MapSource<K, V>) {
    super();
  }

  protected override entriesToMake(): Iterable<[K, V]> {
    return this.source.entries();
  }

  /** The source while the map has not been changed. */
  get unchanged(): MapSource<K, V> | undefined {
    return this.unused ? this.source : undefined;
  }

  override get size(): number {
    return this.unused ? this.source.size : super.size;
  }
  override get(key: K): V | undefined {
    return this.unused ? this.source.get(key) : super.get(key);
  }
  override has(key: K): boolean {
    return this.unused ? this.source.get(key) !== undefined : super.has(key);
  }
  override entries(): MapIterator<[K, V]> {
    return this.unused ? (this.source.entries()[Symbol.iterator]() as MapIterator<[K, V]>) : super.entries();
  }
  override keys(): MapIterator<K> {
    if (!this.unused) return super.keys();
    const entries = this.entries();
    return (function* () {
      for (const [key] of entries) yield key;
    })() as MapIterator<K>;
  }
  override values(): MapIterator<V> {
    if (!this.unused) return super.values();
    const entries = this.entries();
    return (function* () {
      for (const [, value] of entries) yield value;
    })() as MapIterator<V>;
  }
  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    if (!this.unused) super.forEach(callback, thisArg);
    else for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

/** A map made on first use (see MadeOnFirstUse) from `make`. */
export class MadeFrom<K, V> extends MadeOnFirstUse<K, V> {
  constructor(private readonly make: () => Iterable<[K, V]>) {
    super();
  }
  protected override entriesToMake(): Iterable<[K, V]> {
    return this.make();
  }
}
