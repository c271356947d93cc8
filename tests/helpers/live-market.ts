// A fake wiki for the live browser tests: a few real items whose prices a test moves, and 5m
// windows aligned to the real clock that a test publishes one at a time.
import { startFakeUpstream, type FakeUpstream } from './fake-upstream';
import { MAPPING } from './wiki-fixtures';

const FIVE_MINUTES = 300;

export interface Legs {
  high: number | null;
  low: number | null;
}

export interface LiveMarket {
  fake: FakeUpstream;
  /** The item traded at these prices just now; the server's next sync picks it up. */
  trade(itemId: number, legs: Legs): void;
  /** The item no longer appears in /latest. */
  drop(itemId: number): void;
  /** Publishes the next 5m window with the current prices; returns its start. */
  publishWindow(): number;
  /** /5m answers wait until the returned release is called, so a window lands when the test says. */
  holdWindows(): () => void;
  close(): Promise<void>;
}

export async function startLiveMarket(): Promise<LiveMarket> {
  const fake = await startFakeUpstream();
  fake.setMapping(MAPPING);
  const now = Math.floor(Date.now() / 1000);
  const legs = new Map<number, Legs & { highTime: number; lowTime: number }>([
    [4151, { high: 1_716_616, low: 1_700_000, highTime: now - 60, lowTime: now - 30 }],
    [2, { high: 193, low: 188, highTime: now - 80, lowTime: now - 70 }],
    [561, { high: 115, low: 110, highTime: now - 20, lowTime: now - 40 }],
    [13190, { high: 13_299_048, low: 13_000_000, highTime: now - 5, lowTime: now - 300 }],
  ]);
  const publishLatest = () => fake.setLatest({ data: Object.fromEntries([...legs].map(([id, l]) => [String(id), l])) });
  const windowBody = (timestamp: number) => ({
    timestamp,
    data: Object.fromEntries(
      [...legs].map(([id, l]) => [String(id), { avgHighPrice: l.high, highPriceVolume: 5, avgLowPrice: l.low, lowPriceVolume: 3 }]),
    ),
  });
  // Up to the last complete window, so the chart has no bucket due yet and only a reconnect makes
  // it ask for history; the next one a test publishes is the window under way.
  let current = now - (now % FIVE_MINUTES) - FIVE_MINUTES;
  for (const at of [current - FIVE_MINUTES, current]) fake.setWindow('5m', windowBody(at));
  fake.setCurrentWindow('5m', current);
  publishLatest();
  return {
    fake,
    trade(itemId, next) {
      const at = Math.floor(Date.now() / 1000);
      legs.set(itemId, { ...next, highTime: at, lowTime: at });
      publishLatest();
    },
    drop(itemId) {
      legs.delete(itemId);
      publishLatest();
    },
    publishWindow() {
      current += FIVE_MINUTES;
      fake.setWindow('5m', windowBody(current));
      fake.setCurrentWindow('5m', current);
      return current;
    },
    holdWindows() {
      let release = (): void => {};
      const until = new Promise<void>((resolve) => (release = resolve));
      fake.fail('5m', { kind: 'held', until }, Infinity);
      return () => {
        fake.clearFailures();
        release();
      };
    },
    close: () => fake.close(),
  };
}
