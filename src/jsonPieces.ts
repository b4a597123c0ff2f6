// JSON.stringify in pieces: a large value (a 10,000-article snapshot) is serialised a small piece at
// a time, so that a caller can write and hash it in slices instead of blocking the event loop for
// the whole string. The pieces join to exactly what JSON.stringify would return.

/**
 * An array or object whose members are produced only while it is serialised, so that a large
 * structure (MiniSearch's index) need not be copied into plain objects first.
 */
export class LazyJson {
  private constructor(
    readonly kind: 'array' | 'object',
    readonly members: () => Iterable<unknown>,
  ) {}

  static array(items: () => Iterable<unknown>): LazyJson {
    return new LazyJson('array', items);
  }

  static object(entries: () => Iterable<readonly [string | number, unknown]>): LazyJson {
    return new LazyJson('object', entries);
  }

  /** The plain value, all at once (what JSON.stringify uses). */
  toJSON(): unknown {
    if (this.kind === 'array') return Array.from(this.members());
    return Object.fromEntries(this.members() as Iterable<readonly [string | number, unknown]>);
  }
}

const isPlainObject = (value: object) => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** Members JSON leaves out of an object, and writes as null in an array. */
const omitted = (value: unknown) =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * The JSON text of `value` as consecutive pieces. Arrays and plain objects down to `depth` levels
 * are opened up; anything deeper is one piece. A LazyJson is always opened up.
 */
export function* jsonPieces(value: unknown, depth = 4): Generator<string> {
  if (value instanceof LazyJson) {
    yield* memberPieces(value.kind, value.members(), depth);
    return;
  }
  const json =
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
      ? (value as { toJSON: () => unknown }).toJSON()
      : value;
  if (typeof json === 'string' && json.length > LONG_STRING) {
    yield* stringPieces(json);
  } else if (
    depth <= 0 ||
    json === null ||
    typeof json !== 'object' ||
    !(Array.isArray(json) || isPlainObject(json))
  ) {
    yield JSON.stringify(json) ?? 'null';
  } else if (Array.isArray(json)) {
    yield* memberPieces('array', json, depth);
  } else {
    yield* memberPieces('object', Object.entries(json), depth);
  }
}

// A string longer than this is written in pieces of this size: a snapshot's packed arrays are strings
// of up to 11 MB at 10,000 articles, and escaping, checking and hashing one in one go held the event
// loop for a third of a second.
const LONG_STRING = 1 << 18;

/**
 * A long string's JSON in pieces, exactly as JSON.stringify writes it: each piece escaped on its own
 * (escapes are per character), never cutting between the two halves of a surrogate pair.
 */
function* stringPieces(text: string): Generator<string> {
  yield '"';
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + LONG_STRING);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    yield JSON.stringify(text.slice(start, end)).slice(1, -1);
    start = end;
  }
  yield '"';
}

/** An array's items, or an object's [key, value] entries, as JSON pieces. */
function* memberPieces(kind: LazyJson['kind'], members: Iterable<unknown>, depth: number): Generator<string> {
  yield kind === 'array' ? '[' : '{';
  let first = true;
  for (const member of members) {
    if (kind === 'array') {
      if (!first) yield ',';
      if (omitted(member)) yield 'null';
      else yield* jsonPieces(member, depth - 1);
    } else {
      const [key, inner] = member as readonly [string | number, unknown];
      if (omitted(inner)) continue;
      yield `${first ? '' : ','}${JSON.stringify(String(key))}:`;
      yield* jsonPieces(inner, depth - 1);
    }
    first = false;
  }
  yield kind === 'array' ? ']' : '}';
}
