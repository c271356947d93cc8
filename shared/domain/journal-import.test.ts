import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNameResolver } from './item-names';
import { exportJson } from './journal-export';
import { readImportFile } from './journal-import-read';
import { buildPreview, type PreviewContext } from './journal-import-preview';
import { ImportFormatError } from './journal-import';
import { matchTrades, totalProfit } from './journal-profit';
import { tradeKey } from './journal-trade';

const CATALOGUE = [
  { id: 4151, name: 'Abyssal whip' },
  { id: 2, name: 'Steel cannonball' },
  { id: 13190, name: 'Old school bond' },
];
const fixture = (name: string) => readFileSync(new URL(`./import-fixtures/${name}`, import.meta.url), 'utf8');
const options = { timeZone: 'Europe/London', account: null };
let next = 0;
const context = (extra: Partial<PreviewContext> = {}): PreviewContext => ({
  resolveName: createNameResolver(CATALOGUE),
  isKnownId: (id) => CATALOGUE.some((item) => item.id === id),
  existing: new Set(),
  choices: new Map(),
  newId: () => `id${(next += 1)}`,
  ...extra,
});
const utc = (text: string) => Date.parse(text) / 1000;
const short = (preview: ReturnType<typeof buildPreview>) => preview.trades.map((t) => [t.itemId, t.side, t.quantity, t.price, t.time]);

describe('Flipping Utilities CSV', () => {
  const file = readImportFile(fixture('flipping-utilities.csv'), options);
  const preview = buildPreview(file, context());

  it('reads local times in the chosen zone, skips offers still filling and takes sells back to the price before tax', () => {
    expect(file.format).toBe('flipping-utilities-csv');
    expect(short(preview)).toEqual([
      [4151, 'buy', 10, 1_500_000, utc('2024-03-05T21:15:00Z')],
      [4151, 'sell', 10, 1_600_000, utc('2024-03-05T22:02:00Z')],
      [2, 'buy', 5000, 180, utc('2025-06-01T07:00:00Z')],
      [2, 'sell', 4000, 201, utc('2025-06-01T08:30:00Z')],
    ]);
    // The 2024 sell pays 1%: 10 × (100,000 − 16,000).
    expect(totalProfit(matchTrades(preview.trades).flips.filter((flip) => flip.itemId === 4151)).profit).toBe(840_000);
  });

  it('lists the unknown name and names the broken rows', () => {
    expect(preview.unknownNames).toEqual([{ name: 'Abyssal whipp', rows: 1 }]);
    expect(preview.errors).toEqual([
      { line: 12, message: 'unknown state "EXPLODED"' },
      { line: 13, message: '"last tuesday" is not a date like 2024-03-05 09:15 PM' },
    ]);
    expect([preview.buys, preview.sells, preview.from, preview.to]).toEqual([2, 2, utc('2024-03-05T21:15:00Z'), utc('2025-06-01T08:30:00Z')]);
  });

  it('adds a name the user resolves, skips one the user skips, and adds nothing the second time', () => {
    const resolved = buildPreview(file, context({ choices: new Map([['Abyssal whipp', 4151]]) }));
    expect(resolved.trades).toHaveLength(5);
    expect(buildPreview(file, context({ choices: new Map([['Abyssal whipp', null]]) })).skipped).toBe(1);
    const again = buildPreview(file, context({ existing: new Set(resolved.trades.map(tradeKey)), choices: new Map([['Abyssal whipp', 4151]]) }));
    expect([again.trades.length, again.duplicates]).toEqual([0, 5]);
  });
});

describe('Flipping Utilities JSON', () => {
  it('takes each offer’s last record, reads {seconds, nanos}, epoch-ms and ISO times, and names an unknown state', () => {
    const file = readImportFile(fixture('flipping-utilities.json'), options);
    const preview = buildPreview(file, context());
    expect(short(preview)).toEqual([
      [4151, 'buy', 10, 1_500_000, 1_748_600_100],
      [4151, 'sell', 10, 1_600_000, 1_748_603_700],
      [2, 'buy', 100, 180, utc('2024-02-01T12:00:00Z')],
    ]);
    expect(preview.errors).toEqual([{ line: 5, message: 'unknown state "MELTED"' }]);
  });
});

describe('Flipping Copilot', () => {
  it('reads transactions.csv with quoted amounts, a minus-signed tax, accounts, a renamed and an unknown item', () => {
    const preview = buildPreview(readImportFile(fixture('copilot-transactions.csv'), options), context());
    expect(short(preview)).toEqual([
      [4151, 'buy', 2, 1_500_000, utc('2025-06-01T10:00:00Z')],
      [4151, 'sell', 2, 1_600_000, utc('2025-06-01T11:00:00Z')],
      [2, 'buy', 1000, 180, utc('2024-01-10T09:00:00Z')],
    ]);
    expect(preview.trades[0]?.account).toBe('Main Acc');
    expect(preview.unknownNames).toEqual([{ name: 'Dragon scimitar (or)', rows: 1 }]);
    expect(preview.errors).toEqual([{ line: 6, message: 'unknown side "HOLD"' }]);
  });

  it('reads flips.csv as a buy and a sell per flip, leaving open flips’ missing sells out', () => {
    const preview = buildPreview(readImportFile(fixture('copilot-flips.csv'), options), context());
    expect(short(preview)).toEqual([
      [2, 'buy', 1000, 180, utc('2024-05-01T10:00:00Z')],
      [2, 'sell', 1000, 200, utc('2024-05-01T12:00:00Z')],
      [4151, 'buy', 5, 1_500_000, utc('2025-06-03T10:00:00Z')],
      [4151, 'buy', 1, 1_500_000, utc('2025-06-03T10:00:00Z')],
    ]);
    expect(preview.errors).toEqual([
      { line: 4, message: '"yesterday" is not a time' },
      { line: 5, message: 'expected 12 fields, found 1' },
    ]);
  });
});

describe('flip-exporter and RuneLite', () => {
  it('folds a noted id onto its item and lists a name the catalogue lacks', () => {
    const preview = buildPreview(readImportFile(fixture('flip-exporter-history.json'), options), context());
    expect(short(preview)).toEqual([
      [4151, 'buy', 3, 1_500_000, utc('2025-06-05T09:01:00Z')],
      [4151, 'sell', 3, 1_600_000, 1_749_117_700],
    ]);
    expect(preview.unknownNames).toEqual([{ name: 'Mystery box', rows: 1 }]);
    expect(preview.errors).toEqual([{ line: 4, message: 'no qty, avgPrice or isBuy' }]);
  });

  it('reads RuneLite’s trade history with {seconds, nanos} times and sells net of tax', () => {
    const preview = buildPreview(readImportFile(fixture('runelite-trade-history.json'), options), context());
    expect(short(preview)).toEqual([
      [4151, 'buy', 2, 1_500_000, 1_748_600_000],
      [4151, 'sell', 2, 1_600_000, 1_748_603_600],
      [2, 'buy', 100, 180, 1_700_000_000],
    ]);
    expect(preview.errors.map((error) => error.line)).toEqual([4]);
  });
});

describe('our own export', () => {
  it('reads back the same journal and watchlist', () => {
    const trades = [
      { id: 'x', itemId: 4151, side: 'buy' as const, quantity: 1, price: 5, time: 1_750_000_000, account: 'main', source: 'manual' },
      { id: 'y', itemId: 2, side: 'sell' as const, quantity: 3, price: 200, time: 1_750_000_100, account: null, source: 'flipping-utilities-csv' },
    ];
    const file = readImportFile(exportJson(trades, [{ itemId: 4151, addedAt: 7 }], 1_750_000_200), options);
    expect(buildPreview(file, context()).trades).toEqual(trades);
    expect(file.watchlist).toEqual([{ itemId: 4151, addedAt: 7 }]);
  });

  it('refuses a file in no format it knows, and broken JSON, with a message', () => {
    expect(() => readImportFile('hello,world\n1,2\n', options)).toThrow(ImportFormatError);
    expect(() => readImportFile('{"trades": [', options)).toThrow(/not valid JSON/);
  });
});
