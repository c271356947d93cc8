// `npm run bench`: runs every bench/*.bench.ts in its own process, one after another, so one
// benchmark's heap and sockets never skew the next. Each prints its own table.
// `npm run bench -- fanout` runs only the files whose name contains "fanout".
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

let failed = 0;
for (const file of files) {
  process.stdout.write(`\n### ${file}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(dir, file)], {
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  });
  if (result.status !== 0) {
    failed += 1;
    process.stdout.write(`${file} failed with status ${result.status}\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);
