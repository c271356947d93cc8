// Reading one configuration value from the environment: each reader names the key and what it
// accepts when a value is bad, so start-up stops with a message an operator can act on.
import { parseDuration } from '../shared/domain/duration';

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

export function str(env: Env, key: string, fallback: string): string {
  const raw = env[key];
  return raw === undefined || raw.trim() === '' ? fallback : raw.trim();
}

export function int(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new ConfigError(key, `expected a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function bool(env: Env, key: string, fallback: boolean): boolean {
  const raw = env[key]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(key, `expected true or false, got "${env[key]}"`);
}

export function duration(env: Env, key: string, fallback: string, minMs = 0): number {
  const raw = str(env, key, fallback);
  const ms = parseDuration(raw);
  if (ms === null || ms < minMs) {
    throw new ConfigError(
      key,
      `expected a duration such as 500ms, 30s, 30m, 1h or 7d${minMs ? ` (at least ${minMs}ms)` : ''}, got "${raw}"`,
    );
  }
  return ms;
}

export function url(env: Env, key: string, fallback: string): string {
  const raw = str(env, key, fallback);
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new ConfigError(key, `expected an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}
