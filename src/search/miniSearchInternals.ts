import type MiniSearch from 'minisearch';

/** The parts of MiniSearch 7 that its own toJSON() reads and its loadJS() fills, which Excerpt fills and reads too. */
interface MiniSearchInternals {
  readonly _documentCount: number;
  readonly _nextId: number;
  readonly _documentIds: Map<number, unknown>;
  readonly _idToShortId: Map<unknown, number>;
  readonly _fieldIds: Record<string, number>;
  readonly _fieldLength: Map<number, number[]>;
  readonly _avgFieldLength: number[];
  readonly _storedFields: Map<number, unknown>;
  readonly _dirtCount: number;
  readonly _index: Iterable<[string, Map<number, Map<number, number>>]> & {
    set(term: string, data: Map<number, Map<number, number>>): unknown;
    get(term: string): Map<number, Map<number, number>> | undefined;
  };
}

/**
 * MiniSearch's private fields, checked: package.json pins the exact version this mirrors, and a
 * different one fails here (and in the tests) rather than writing a snapshot it would misread.
 */
export function checkedInternals(miniSearch: MiniSearch): MiniSearchInternals {
  const internals = miniSearch as unknown as Record<string, unknown>;
  const maps = ['_documentIds', '_idToShortId', '_fieldLength', '_storedFields'];
  const numbers = ['_documentCount', '_nextId', '_dirtCount'];
  const wrong = [
    ...maps.filter((key) => !(internals[key] instanceof Map)),
    ...numbers.filter((key) => typeof internals[key] !== 'number'),
    ...(Array.isArray(internals._avgFieldLength) ? [] : ['_avgFieldLength']),
    ...(typeof internals._fieldIds === 'object' && internals._fieldIds !== null ? [] : ['_fieldIds']),
    ...(typeof (internals._index as Iterable<unknown> | undefined)?.[Symbol.iterator] === 'function' &&
    typeof (internals._index as { set?: unknown }).set === 'function' &&
    typeof (internals._index as { get?: unknown }).get === 'function'
      ? []
      : ['_index']),
  ];
  if (wrong.length > 0)
    throw new Error(
      `MiniSearch's internals are not those of 7.2 (${wrong.join(', ')}): pin minisearch to 7.2.0`,
    );
  return internals as unknown as MiniSearchInternals;
}
