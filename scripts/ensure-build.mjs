// Builds the client when dist/ is missing or older than the client sources (or with --force).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const force = process.argv.includes('--force');
const index = join(root, 'dist', 'index.html');

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
// The build's own steps count as sources too: a new precompress step must rebuild an old dist/.
const sources = Math.max(
  newest(join(root, 'client')), newest(join(root, 'shared')), newest(join(root, 'public')),
  mtime(join(root, 'vite.config.ts')), mtime(join(root, 'scripts', 'precompress.ts')), mtime(join(root, 'server', 'http', 'precompressed-files.ts')),
);
const built = existsSync(index) ? statSync(index).mtimeMs : 0;
if (force || built < sources) {
  const result = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
