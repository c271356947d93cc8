const SUFFIXES: ReadonlyArray<readonly [number, string]> = [
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** Compact gp: 950, 12.5K, 1.2M, 3.4B; a missing price is a dash, never 0. */
export function formatPrice(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs < 10_000) return Math.round(value).toLocaleString('en-GB');
  for (const [index, [size, suffix]] of SUFFIXES.entries()) {
    if (abs >= size) {
      const scaled = value / size;
      const digits = Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
      const text = scaled.toFixed(digits);
      // 999,999 rounds to "1000K": show it in the next unit up instead.
      const larger = SUFFIXES[index - 1];
      if (larger && Math.abs(Number(text)) >= 1000) return `${value < 0 ? '-' : ''}1${larger[1]}`;
      return `${trimZeros(text)}${suffix}`;
    }
  }
  return String(value);
}

/** Full value with thousands separators: 1,716,616 gp. */
export function formatExact(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${Math.round(value).toLocaleString('en-GB')} gp`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

const PARSE_RE = /^(-?\d+(?:\.\d+)?)\s*([kmb])?$/i;
const MULTIPLIER: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

/** Parses what a trader types: `1.5m`, `250k`, `3b`, `1,200`. Null when it is not a price. */
export function parsePrice(text: string): number | null {
  const cleaned = text.trim().replace(/[,_\s]/g, '').replace(/gp$/i, '');
  const match = PARSE_RE.exec(cleaned);
  if (!match) return null;
  const [, amount, suffix] = match;
  const value = Number(amount) * (suffix ? (MULTIPLIER[suffix.toLowerCase()] ?? 1) : 1);
  return Number.isFinite(value) ? Math.round(value) : null;
}

const PERCENT_RE = /^(-?\d+(?:\.\d+)?)%?$/;

/** Parses a percentage as typed: `4`, `4%`, `2.5 %`. The number of percent, or null. */
export function parsePercent(text: string): number | null {
  const match = PERCENT_RE.exec(text.trim().replace(/\s/g, ''));
  if (!match) return null;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : null;
}

/** ROI fraction as a percentage text: 0.0273 -> "2.73%". */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(Math.abs(fraction) >= 1 ? 0 : 2)}%`;
}

/** Age of a unix-seconds time relative to now: "45s", "12m", "3h", "28d". */
export function formatAge(time: number | null | undefined, now: number): string {
  if (time === null || time === undefined) return '–';
  const seconds = Math.max(0, Math.round(now - time));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

/** How long ago, as the screens say it: "45 s ago", "3 min ago", "2 h ago", "4 d ago". */
export function formatAgo(time: number | null | undefined, now: number): string {
  if (time === null || time === undefined) return '–';
  const age = formatAge(time, now);
  const unit = age.slice(-1);
  return `${age.slice(0, -1)} ${unit === 'm' ? 'min' : unit} ago`;
}
