import type MiniSearch from 'minisearch';
import { LazyJson } from '../jsonPieces.js';

/** The parts of MiniSearch 7 that its own toJSON() reads. */
interface MiniSearchInternals {
  readonly _documentCount: number;
  readonly _nextId: number;
  readonly _documentIds: Map<number, unknown>;
  readonly _fieldIds: Record<string, number>;
  readonly _fieldLength: Map<number, number[]>;
  readonly _avgFieldLength: number[];
  readonly _storedFields: Map<number, unknown>;
  readonly _dirtCount: number;
  readonly _index: Iterable<[string, Map<number, Map<number, number>>]>;
}

/**
 * What MiniSearch's toJSON() returns (the form loadJS reads), produced only as it is serialised:
 * toJSON() builds the whole index as plain objects in one go, which blocks the event loop for
 * seconds at 10,000 articles. Mirrors MiniSearch 7.2's toJSON (serializationVersion 2); the snapshot
 * tests load what this writes and compare answers.
 */
export function lazyMiniSearchJson(miniSearch: MiniSearch): LazyJson {
  const internals = miniSearch as unknown as MiniSearchInternals;
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

function* termEntries(index: MiniSearchInternals['_index']): Generator<[string, Record<string, object>]> {
  for (const [term, fieldIndex] of index) {
    const data: Record<string, object> = {};
    for (const [fieldId, frequencies] of fieldIndex) data[fieldId] = Object.fromEntries(frequencies);
    yield [term, data];
  }
}
