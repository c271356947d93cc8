// The layout's rules, checked over the source itself: no import circle anywhere, every SQL query
// in server/store/, the client's live layer independent of its page state, and the client never
// reaching into the server (both sides share only shared/).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir))) {
    const path = join(dir, entry);
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry)) out.push(path);
  }
  return out;
}

const files = ['server', 'client', 'shared'].flatMap(sources);

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
    const base = resolve(dirname(join(root, file)), match[1] ?? '');
    const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find((c) => existsSync(c) && statSync(c).isFile());
    if (target) found.push(relative(root, target));
  }
  return found;
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));

function cycles(): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (state.get(dep) === 'open') found.push([...stack.slice(stack.indexOf(dep)), dep].join(' -> '));
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return found;
}

describe('the import graph', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get('server/app.ts')?.length).toBeGreaterThan(0);
  });

  it('has no circle', () => {
    expect(cycles()).toEqual([]);
  });

  it('keeps every SQL query in server/store/', () => {
    const outside = files.filter((f) => f.startsWith('server/') && !f.startsWith('server/store/'))
      .filter((f) => /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/.test(readFileSync(join(root, f), 'utf8')));
    expect(outside).toEqual([]);
  });

  it('keeps client/live independent of client/state, and the client out of the server', () => {
    const offending = [...graph].flatMap(([file, deps]) => deps
      .filter((dep) => (file.startsWith('client/live/') && dep.startsWith('client/state/')) || (file.startsWith('client/') && dep.startsWith('server/')))
      .map((dep) => `${file} -> ${dep}`));
    expect(offending).toEqual([]);
  });
});
