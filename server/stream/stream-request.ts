// What a stream request asks for: an item filter and where to resume. Bad filters are refused
// (the client sent something it can fix); a bad resume id is not an error, it gets a resync.
import { MAX_ITEM_ID } from '../../shared/protocol/item-id';
import { readWholeNumber } from '../../shared/protocol/whole-number';
import { HttpError } from '../http-error';
import type { ItemFilter } from './sse-client';
import { COMPACT_FORMAT, type PriceFormat } from '../../shared/protocol/compact-prices';

export const MAX_FILTER_IDS = 500;

export const EVERY_ITEM: ItemFilter = { ids: null, key: '' };

/**
 * One query parameter: undefined, its value, or every value when it was repeated. Read from the
 * raw query string rather than Koa's ctx.query, which caches each distinct query string on the
 * request: with a filter per client that cache is a little object of its own on every stream.
 */
export function queryValue(params: URLSearchParams, name: string): string | string[] | undefined {
  const values = params.getAll(name);
  return values.length > 1 ? values : values[0];
}

/** `items=2,4151`: item ids by the one number rule, separated by commas, at most MAX_FILTER_IDS distinct. */
export function parseItemFilter(raw: string | string[] | undefined): ItemFilter {
  if (raw === undefined) return EVERY_ITEM;
  if (Array.isArray(raw)) throw invalid('items was given more than once; list the ids once, comma-separated');
  const parsed = raw.split(',').map((part) => readWholeNumber(part, MAX_ITEM_ID));
  if (parsed.includes(null)) {
    throw invalid('items must be item ids separated by commas, such as items=2,4151');
  }
  const ids = [...new Set(parsed as number[])].sort((a, b) => a - b);
  if (ids.length > MAX_FILTER_IDS) throw invalid(`items lists ${ids.length} ids; at most ${MAX_FILTER_IDS} are allowed`);
  if (ids.includes(0)) throw invalid('items must be positive item ids; 0 is not one');
  return { ids: new Set(ids), key: ids.join(',') };
}

/**
 * The id to resume from. Last-Event-ID wins over `since`: a browser reconnecting on its own
 * repeats the URL it was opened with, so `since` is where the stream began and the header is the
 * last event the client actually received on it.
 */
export function pickResumeId(since: string | string[] | undefined, lastEventId: string): string | undefined {
  if (lastEventId !== '') return lastEventId;
  if (Array.isArray(since)) return since.join(',');
  return since;
}

/** `format=p1` asks for the compact format (stream and /prices/latest alike); absent, the original JSON. */
export function parseFormat(raw: string | string[] | undefined): PriceFormat {
  if (raw === undefined) return 'json';
  if (raw === COMPACT_FORMAT) return raw;
  throw invalid(`format must be ${COMPACT_FORMAT} (or left out for the original JSON)`);
}

function invalid(message: string): HttpError {
  return new HttpError(400, 'invalid_parameter', message);
}
