// `npm run cluster -- N`: N instances (default 3) of the server on consecutive ports from PORT
// (default 8080), all on the same DATABASE_URL (default the local PostgreSQL's ge_tracker) and
// REDIS_URL (default the local Redis), each with its own INSTANCE_ID. Prints their URLs; Ctrl-C
// stops them all. Put docs/deploy/nginx.conf in front to reach them as one.
import { spawn } from 'node:child_process';

const count = Number(process.argv[2] ?? '3');
if (!Number.isInteger(count) || count < 1 || count > 32) {
  process.stderr.write('usage: npm run cluster -- N   (1 to 32 instances)\n');
  process.exit(2);
}
const firstPort = Number(process.env.PORT ?? '8080');
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ge_tracker',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};

const children = Array.from({ length: count }, (_, i) => {
  const port = firstPort + i;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...process.argv.slice(3)], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...env, PORT: String(port), INSTANCE_ID: `${process.env.INSTANCE_ID ?? 'ge'}-${port}` },
  });
  process.stdout.write(`instance ${i + 1}: http://localhost:${port}\n`);
  return child;
});

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

for (const child of children) child.on('exit', (code) => stopAll(code ?? 0));
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
