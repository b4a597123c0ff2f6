import type MiniSearch from 'minisearch';
import { LazyJson } from '../jsonPieces.js';

/** The parts of MiniSearch 7 that its own toJSON() reads and its loadJS() fills. */
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
  };
}

/**
 * What MiniSearch's toJSON() returns (the form loadJS reads), produced only as it is serialised:
 * toJSON() builds the whole index as plain objects in one go, which blocks the event loop for
 * seconds at 10,000 articles. Mirrors MiniSearch 7.2's toJSON (serializationVersion 2); the snapshot
 * tests load what this writes and compare answers.
 */
export function lazyMiniSearchJson(miniSearch: MiniSearch): LazyJson {
  const internals = checkedInternals(miniSearch);
  return LazyJson.object(() => [
    ['documentCount', internals._documentCount],
    ['nextId', internals._nextId],
    ['documentIds', LazyJson.object(() => internals._documentIds)],
    ['fieldIds', internals._fieldIds],
    ['fieldLength', LazyJson.object(() => internals._fieldLength)],
    ['averageFieldLength', internals._avgFieldLength],
    ['storedFields', LazyJson.object(() => internals._storedFields)],
    ['dirtCount', internals._dirtCount],
    ['index', LazyJson.array(() => termEntries(internals._index))],
    ['serializationVersion', 2],
  ]);
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
    typeof (internals._index as { set?: unknown }).set === 'function'
      ? []
      : ['_index']),
  ];
  if (wrong.length > 0)
    throw new Error(
      `MiniSearch's internals are not those of 7.2 (${wrong.join(', ')}): pin minisearch to 7.2.0`,
    );
  return internals as unknown as MiniSearchInternals;
}

function* termEntries(index: MiniSearchInternals['_index']): Generator<[string, Record<string, object>]> {
  for (const [term, fieldIndex] of index) {
    const data: Record<string, object> = {};
    for (const [fieldId, frequencies] of fieldIndex) data[fieldId] = Object.fromEntries(frequencies);
    yield [term, data];
  }
}
