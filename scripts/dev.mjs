// `npm run dev`: the server against the demo market (restarting on server changes) on :8080, and
// vite's dev server with hot reload on :5173 forwarding /api to it. Ctrl-C stops both.
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', 'server/main.ts', '--demo'], { stdio: 'inherit', env: { ...process.env, PORT: '8080' } }),
  spawn('npx', ['vite', '--port', '5173'], { stdio: 'inherit' }),
];

function stopAll(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

for (const child of children) child.on('exit', (code) => stopAll(code ?? 0));
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
