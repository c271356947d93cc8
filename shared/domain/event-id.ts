// An event id is `EPOCH.SEQ`: the store's epoch (random, made when its history began) and the
// global sequence number of the last change the holder has seen.

export interface Cursor {
  epoch: string;
  seq: number;
}

const EPOCH_RE = /^[A-Za-z0-9_-]{1,64}$/;
const SEQ_RE = /^(0|[1-9][0-9]{0,15})$/;

export function formatEventId(cursor: Cursor): string {
  return `${cursor.epoch}.${cursor.seq}`;
}

/** Parses `EPOCH.SEQ`; null for anything malformed (the caller answers with a resync). */
export function parseEventId(raw: string | null | undefined): Cursor | null {
  if (typeof raw !== 'string') return null;
  const dot = raw.lastIndexOf('.');
  if (dot <= 0) return null;
  const epoch = raw.slice(0, dot);
  const seqText = raw.slice(dot + 1);
  if (!EPOCH_RE.test(epoch) || !SEQ_RE.test(seqText)) return null;
  const seq = Number(seqText);
  if (!Number.isSafeInteger(seq)) return null;
  return { epoch, seq };
}
