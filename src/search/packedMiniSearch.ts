import MiniSearch from 'minisearch';
import { runToEnd } from '../cooperative.js';
import { checkedInternals } from './miniSearchInternals.js';
import { MadeFrom, MadeOnFirstUse, type MapSource, ReadThroughMap } from './packedMaps.js';

// A one-field MiniSearch whose document ids are integers (sentence numbers, article ordinals), saved
// as a few packed arrays instead of MiniSearch's JSON (an object per term, a key per posting). Its
// loader turned each of those keys back into a number and a map entry: at 10,000 articles 0.4–0.5 s
// of every start from a snapshot, most of it for terms no question would ever ask for. Restored
// from the packed arrays, each term's postings become a map only when a search first reads them.
// A build makes the same arrays straight from the sentences' terms (see miniSearchFromTerms.ts).

/** The packed form, as the snapshot holds it: typed arrays as base64. */
export interface PackedMiniSearch {
  readonly field: string;
  readonly averageLength: number;
  /** By short id (the order documents were added in): the document's id, and its field length. */
  readonly documentIds: string;
  readonly lengths: string;
  /** The terms, in the index's order. */
  readonly terms: readonly string[];
  /** Where each term's postings start in `postings` and `counts` (one more than there are terms). */
  readonly starts: string;
  /** Each posting's short id, in the order the term's map holds them, and the term's count there. */
  readonly postings: string;
  readonly counts: string;
}

type Postings = Map<number, number>;

/** The arrays a restored MiniSearch reads from, shared by its maps. */
export interface Unpacked {
  readonly documentIds: Int32Array;
  readonly lengths: Int32Array;
  readonly postings: Int32Array;
  readonly counts: Int32Array;
}

/** A restored index's maps of documents: their packed source, while nothing has changed them. */
const documentsFrom = new WeakMap<object, Unpacked>();

/** A term's entry in MiniSearch's index (field id → postings), made from its slice of the arrays. */
class PackedTermData extends MadeOnFirstUse<number, Postings> {
  constructor(
    readonly packed: Unpacked,
    readonly from: number,
    readonly to: number,
  ) {
    super();
  }
  protected override entriesToMake(): Iterable<[number, Postings]> {
    const { packed, from, to } = this;
    const postings: Postings = new Map();
    for (let i = from; i < to; i++) postings.set(packed.postings[i] ?? 0, packed.counts[i] ?? 0);
    return [[0, postings]];
  }
}

/** The term's slice of the packed arrays, while nothing has read or changed its entry. */
export const unreadSlice = (
  data: Map<number, Postings>,
): { readonly packed: Unpacked; readonly from: number; readonly to: number } | undefined =>
  data instanceof PackedTermData && data.unused ? data : undefined;

/** A restored index's arrays of documents (ids and lengths by short id), while nothing has changed them. */
export function packedDocuments(miniSearch: MiniSearch): Unpacked | undefined {
  const internals = checkedInternals(miniSearch);
  const documents = unchangedSource(internals._documentIds);
  return documents && unchangedSource(internals._fieldLength) === documents ? documents : undefined;
}

/** The arrays a restored index's map of documents still reads from, if it does. */
const unchangedSource = (map: Map<number, unknown>): Unpacked | undefined =>
  map instanceof ReadThroughMap && map.unchanged ? documentsFrom.get(map) : undefined;

const base64 = (array: Int32Array | Uint32Array) =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
/** A copy in a fresh, aligned buffer: Buffer.from may share a pool at any offset. */
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64')).buffer;

// Documents or terms between two points where the caller may let other work run: packing the
// sentences' index at 10,000 articles takes 40–100 ms in all, too long for one turn of a bot.
const DOCUMENTS_PER_STEP = 20_000;
const TERMS_PER_STEP = 2_000;

/** The packed form of a one-field MiniSearch of integer ids, all at once (see packMiniSearchSteps). */
export function packMiniSearch(miniSearch: MiniSearch): PackedMiniSearch {
  return runToEnd(packMiniSearchSteps(miniSearch));
}

/**
 * The packed form of a one-field MiniSearch of integer ids, in steps. Terms whose postings were never
 * read since a restore are copied from the packed arrays as they are, without making their maps.
 */
export function* packMiniSearchSteps(miniSearch: MiniSearch): Generator<void, PackedMiniSearch> {
  const internals = checkedInternals(miniSearch);
  const fields = Object.entries(internals._fieldIds);
  const [field, fieldId] = fields[0] ?? ['', 0];
  if (fields.length !== 1) throw new Error(`a packed MiniSearch has one field, not ${fields.length}`);
  const count = internals._documentCount;
  const documents = unchangedSource(internals._documentIds);
  let documentIds: Int32Array;
  let lengths: Int32Array;
  // A restored index's documents, unchanged since: its arrays as they are.
  if (documents && unchangedSource(internals._fieldLength) === documents)
    ({ documentIds, lengths } = documents);
  else {
    documentIds = new Int32Array(count);
    lengths = new Int32Array(count);
    let shortId = 0;
    for (const [id, document] of internals._documentIds) {
      if (id !== shortId || !Number.isInteger(document))
        throw new Error('a packed MiniSearch has integer ids, added once each, none discarded');
      documentIds[shortId] = document as number;
      lengths[shortId] = internals._fieldLength.get(id)?.[fieldId] ?? 0;
      shortId++;
      if (shortId % DOCUMENTS_PER_STEP === 0) yield;
    }
    if (shortId !== count)
      throw new Error('a packed MiniSearch has integer ids, added once each, none discarded');
  }
  // Counted first, then copied into arrays of the right size.
  const terms: string[] = [];
  const entries: (readonly [Map<number, Map<number, number>>, Postings | undefined])[] = [];
  let total = 0;
  for (const [term, data] of internals._index) {
    terms.push(term);
    const unread = unreadSlice(data);
    const postings = unread ? undefined : data.get(fieldId);
    total += unread ? unread.to - unread.from : (postings?.size ?? 0);
    entries.push([data, postings]);
    if (terms.length % TERMS_PER_STEP === 0) yield;
  }
  const starts = new Uint32Array(terms.length + 1);
  const postings = new Int32Array(total);
  const counts = new Int32Array(total);
  let at = 0;
  for (const [n, [data, made]] of entries.entries()) {
    const unread = unreadSlice(data);
    if (unread) {
      postings.set(unread.packed.postings.subarray(unread.from, unread.to), at);
      counts.set(unread.packed.counts.subarray(unread.from, unread.to), at);
      at += unread.to - unread.from;
    } else
      for (const [posting, frequency] of made ?? []) {
        postings[at] = posting;
        counts[at] = frequency;
        at++;
      }
    starts[n + 1] = at;
    if (n % TERMS_PER_STEP === TERMS_PER_STEP - 1) yield;
  }
  return {
    field,
    averageLength: internals._avgFieldLength[fieldId] ?? 0,
    documentIds: base64(documentIds),
    lengths: base64(lengths),
    terms,
    starts: base64(starts),
    postings: base64(postings),
    counts: base64(counts),
  };
}

/** The MiniSearch a packed form was made from (`options` as it was made with: the same field). */
export function unpackMiniSearch(
  packed: PackedMiniSearch,
  options: ConstructorParameters<typeof MiniSearch>[0],
): MiniSearch {
  return packedIndex(options, {
    field: packed.field,
    averageLength: packed.averageLength,
    terms: packed.terms,
    starts: new Uint32Array(bytes(packed.starts)),
    arrays: {
      documentIds: new Int32Array(bytes(packed.documentIds)),
      lengths: new Int32Array(bytes(packed.lengths)),
      postings: new Int32Array(bytes(packed.postings)),
      counts: new Int32Array(bytes(packed.counts)),
    },
  });
}

/** A one-field index as packed arrays (see PackedMiniSearch), decoded. */
export interface PackedArrays {
  readonly field: string;
  readonly averageLength: number;
  readonly terms: readonly string[];
  readonly starts: Uint32Array;
  readonly arrays: Unpacked;
}

/**
 * The MiniSearch these arrays describe, reading from them: the maps of documents read through the
 * arrays until something changes them, and each term's postings become a map the first time anything
 * reads them. MiniSearch's loader makes the empty index; the rest is put in its fields (see
 * miniSearchInternals.ts).
 */
export function packedIndex(
  options: ConstructorParameters<typeof MiniSearch>[0],
  packed: PackedArrays,
): MiniSearch {
  return runToEnd(packedIndexSteps(options, packed));
}

/** {@link packedIndex} in steps: putting 24,000 terms in MiniSearch's radix tree takes 30–40 ms. */
export function* packedIndexSteps(
  options: ConstructorParameters<typeof MiniSearch>[0],
  packed: PackedArrays,
): Generator<void, MiniSearch> {
  const { documentIds, lengths } = packed.arrays;
  const count = documentIds.length;
  const miniSearch = MiniSearch.loadJS(
    {
      documentCount: count,
      nextId: count,
      documentIds: {},
      fieldIds: { [packed.field]: 0 },
      fieldLength: {},
      averageFieldLength: count > 0 ? [packed.averageLength] : [],
      storedFields: {},
      dirtCount: 0,
      index: [],
      serializationVersion: 2,
    },
    options,
  );
  const internals = checkedInternals(miniSearch) as unknown as Record<string, unknown>;
  const isShortId = (key: number) => Number.isInteger(key) && key >= 0 && key < count;
  const byShortId = <V>(value: (shortId: number) => V): MapSource<number, V> => ({
    size: count,
    get: (shortId) => (isShortId(shortId) ? value(shortId) : undefined),
    *entries() {
      for (let shortId = 0; shortId < count; shortId++) yield [shortId, value(shortId)];
    },
  });
  // Read on every search: served from the arrays. Changed (a document added): made into plain maps.
  const ids = new ReadThroughMap(byShortId((shortId) => documentIds[shortId] ?? 0));
  const fieldLengths = new ReadThroughMap(byShortId((shortId) => [lengths[shortId] ?? 0]));
  documentsFrom.set(ids, packed.arrays);
  documentsFrom.set(fieldLengths, packed.arrays);
  internals._documentIds = ids;
  internals._fieldLength = fieldLengths;
  // Never read by a search: made when first used.
  internals._idToShortId = new MadeFrom(() =>
    Array.from(documentIds, (id, shortId): [number, number] => [id, shortId]),
  );
  const index = checkedInternals(miniSearch)._index;
  const { starts } = packed;
  for (const [n, term] of packed.terms.entries()) {
    index.set(term, new PackedTermData(packed.arrays, starts[n] ?? 0, starts[n + 1] ?? 0));
    if (n % TERMS_PER_STEP === TERMS_PER_STEP - 1) yield;
  }
  return miniSearch;
}
