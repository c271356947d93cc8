// What the leader tab tells the others over a BroadcastChannel, and what they ask it. The leader
// has already written IndexedDB, so followers only redraw: nothing is applied twice.
import { isTimestep } from '../../shared/domain/timestep';
import { int, nullable, num, shape, type Guard } from '../db/guards';
import { isPriceRecord, type PriceRecord } from '../db/records';
import type { LiveChange } from './live-applier';
import type { HistoryChanges } from './history-refresh';
import { LIVE_STATES, type LiveState, type LiveStatus } from './live-status';

export type ChannelMessage =
  | { type: 'status'; status: LiveStatus }
  /** Changes the leader stored, newer than what the device held. */
  | { type: 'applied'; changes: LiveChange[] }
  /** The leader replaced every price (a resync or a new epoch) with these. */
  | { type: 'replaced'; records: PriceRecord[] }
  /** The server stored history windows: each tab's open chart refreshes the series they changed. */
  | { type: 'history'; changes: HistoryChanges }
  /** A new tab asks the leader for its status. */
  | { type: 'hello' }
  /** The leader closed the stream for a hidden app (hidden-pause.ts). */
  | { type: 'paused' }
  /** A tab on screen asks a paused leader to reopen the stream. */
  | { type: 'wake' };

const isState: Guard<LiveState> = (value): value is LiveState => (LIVE_STATES as readonly unknown[]).includes(value);
const isStatus = shape<LiveStatus>({ state: isState, attempt: int, reconnects: int, lastUpdate: nullable(num), syncedAt: nullable(num) });
const isChange = shape<LiveChange>({ record: isPriceRecord, at: num });
const isChanges: Guard<HistoryChanges> = (value): value is HistoryChanges =>
  typeof value === 'object' && value !== null && Object.entries(value).every(([step, from]) => isTimestep(step) && int(from));

export function isChannelMessage(value: unknown): value is ChannelMessage {
  if (typeof value !== 'object' || value === null || !('type' in value)) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'status':
      return isStatus(message.status);
    case 'applied':
      return Array.isArray(message.changes) && message.changes.every(isChange);
    case 'replaced':
      return Array.isArray(message.records) && message.records.every(isPriceRecord);
    case 'history':
      return isChanges(message.changes);
    case 'hello':
    case 'paused':
    case 'wake':
      return true;
    default:
      return false;
  }
}

export interface LiveChannel {
  post(message: ChannelMessage): void;
  close(): void;
}

export function openLiveChannel(name: string, receive: (message: ChannelMessage) => void): LiveChannel {
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (isChannelMessage(data)) receive(data);
  };
  return {
    post: (message) => channel.postMessage(message),
    close: () => channel.close(),
  };
}
