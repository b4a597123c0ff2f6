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

/**
 * The JSON text of `value` as consecutive pieces. Arrays and plain objects down to `depth` levels
 * are opened up; anything deeper is one piece.
 */
export function* jsonPieces(value: unknown, depth = 4): Generator<string> {
  if (value instanceof LazyJson) {
    yield* lazyPieces(value, depth);
    return;
  }
  const json =
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
      ? (value as { toJSON: () => unknown }).toJSON()
      : value;
  if (
    depth <= 0 ||
    json === null ||
    typeof json !== 'object' ||
    !(Array.isArray(json) || isPlainObject(json))
  ) {
    yield JSON.stringify(json) ?? 'null';
    return;
  }
  if (Array.isArray(json)) {
    yield '[';
    for (const [i, element] of json.entries()) {
      if (i > 0) yield ',';
      if (element === undefined || typeof element === 'function' || typeof element === 'symbol') yield 'null';
      else yield* jsonPieces(element, depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, member] of Object.entries(json)) {
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(member, depth - 1);
  }
  yield '}';
}

function* lazyPieces(value: LazyJson, depth: number): Generator<string> {
  yield value.kind === 'array' ? '[' : '{';
  let first = true;
  for (const member of value.members()) {
    if (value.kind === 'array') {
      if (!first) yield ',';
      yield* jsonPieces(member === undefined ? null : member, depth - 1);
    } else {
      const [key, inner] = member as readonly [string | number, unknown];
      if (inner === undefined) continue;
      yield `${first ? '' : ','}${JSON.stringify(String(key))}:`;
      yield* jsonPieces(inner, depth - 1);
    }
    first = false;
  }
  yield value.kind === 'array' ? ']' : '}';
}
