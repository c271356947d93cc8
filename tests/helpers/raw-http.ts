// One HTTP request with exactly the headers a test gives (fetch would add Accept-Encoding and
// decode the answer itself), returning the bytes as they crossed the wire, and the decoding of
// those bytes by their Content-Encoding.
import { request, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent (still compressed when it was). */
  wire: Buffer;
  /** The body decoded by its Content-Encoding, as text. */
  text(): string;
}

export function decodeBody(wire: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'br') return brotliDecompressSync(wire);
  if (encoding === 'gzip') return gunzipSync(wire);
  if (encoding === undefined || encoding === 'identity') return wire;
  throw new Error(`unexpected Content-Encoding ${encoding}`);
}

export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        resolve({ status: res.statusCode ?? 0, headers: res.headers, wire, text: () => decodeBody(wire, encoding).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
