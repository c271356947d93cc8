// Test helper: a fresh, uniquely named database per test (fake-indexeddb is one global factory).
import { openGeDb, type GeDb, type OpenOptions } from './schema';

export function uniqueDbName(): string {
  return `ge-tracker-test-${crypto.randomUUID()}`;
}

export function openTestDb(options: OpenOptions = {}): Promise<GeDb> {
  return openGeDb({ name: uniqueDbName(), ...options });
}
