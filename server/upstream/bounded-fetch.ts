// One HTTP GET to the wiki with the limits a misbehaving upstream must not get past: at most a
// few redirects (a redirect loop is one failed call, not hundreds of requests), and a body of at
// most `maxBytes` (announced or not: a body that grows past the cap is cut and refused), so an
// answer far larger than the real API's never reaches memory or the store.

export class FetchLimitError extends Error {
  constructor(
    readonly limit: 'redirects' | 'size',
    message: string,
  ) {
    super(message);
    this.name = 'FetchLimitError';
  }
}

export interface BoundedFetchOptions {
  headers: Record<string, string>;
  signal: AbortSignal;
  maxBytes: number;
  maxRedirects: number;
}

export interface BoundedResponse {
  status: number;
  headers: Headers;
  /** The body as text; only read for a 2xx answer. */
  text(): Promise<string>;
  discard(): Promise<void>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function boundedFetch(url: string, options: BoundedFetchOptions): Promise<BoundedResponse> {
  let target = url;
  for (let hops = 0; ; hops += 1) {
    const response = await fetch(target, { headers: options.headers, signal: options.signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || location === null) return bounded(response, options.maxBytes);
    await response.body?.cancel().catch(() => undefined);
    const next = new URL(location, target);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new FetchLimitError('redirects', `redirected to a ${next.protocol} URL`);
    }
    if (hops >= options.maxRedirects) {
      throw new FetchLimitError('redirects', `more than ${options.maxRedirects} redirects (the last to ${next.href})`);
    }
    target = next.href;
  }
}

function bounded(response: Response, maxBytes: number): BoundedResponse {
  const tooLarge = (size: string) => new FetchLimitError('size', `body larger than ${maxBytes} bytes (${size})`);
  return {
    status: response.status,
    headers: response.headers,
    async text() {
      const announced = Number(response.headers.get('content-length') ?? NaN);
      if (announced > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw tooLarge(`Content-Length ${announced}`);
      }
      if (!response.body) return '';
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw tooLarge(`more than ${size} bytes read`);
        }
        chunks.push(value);
      }
      return Buffer.concat(chunks, size).toString('utf8');
    },
    async discard() {
      await response.body?.cancel().catch(() => undefined);
    },
  };
}
