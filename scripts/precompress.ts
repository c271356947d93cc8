// A build step: writes a brotli (.br) and a gzip (.gz) copy beside every text file of the built
// client, at the best quality (paid once per build, not per request), for the static file server
// to send to browsers that accept them (server/http/static-files.ts). Runs after the service
// worker is built, so sw.js gets its copies too; the copies match no precache pattern.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';
import { COPY_SUFFIX, PRECOMPRESSED_EXTENSIONS } from '../server/http/precompressed-files';

/** Smaller files are sent as they are: the copy would save less than a packet. */
const MIN_BYTES = 512;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : Promise.resolve([path]);
  }));
  return nested.flat();
}

async function compressFile(path: string): Promise<void> {
  const source = await readFile(path);
  const [br, gz] = await Promise.all([
    brotli(source, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    }),
    gzipAsync(source, { level: 9 }),
  ]);
  // A copy that is not smaller is not worth a header.
  if (br.length < source.length) await writeFile(`${path}${COPY_SUFFIX.br}`, br);
  if (gz.length < source.length) await writeFile(`${path}${COPY_SUFFIX.gzip}`, gz);
}

/** Writes the .br and .gz copies of every compressible file under `dir`; returns how many files. */
export async function precompressDir(dir: string): Promise<number> {
  const files = [];
  for (const path of await listFiles(dir)) {
    if (PRECOMPRESSED_EXTENSIONS.has(extname(path)) && (await stat(path)).size >= MIN_BYTES) files.push(path);
  }
  await Promise.all(files.map(compressFile));
  return files.length;
}

export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'ge-tracker:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    // Sequential and last: vite-plugin-pwa writes sw.js in its own closeBundle.
    closeBundle: {
      sequential: true,
      order: 'post',
      async handler() {
        await precompressDir(outDir);
      },
    },
  };
}
