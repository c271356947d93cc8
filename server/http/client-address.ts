// The one owner of "the client's address" (the per-IP stream limit, the logs). X-Forwarded-For is
// written by whoever sends the request, so only the hops the operator's own proxies appended are
// believed: the address is read from the right of the header, skipping TRUST_PROXY's hops, never
// its left end (anything a client writes there is kept by every proxy).
import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Context, Next } from 'koa';
import type { TrustProxy } from '../trust-proxy';

export type ClientAddress = (req: IncomingMessage) => string;

export function createClientAddress(trust: TrustProxy): ClientAddress {
  if ('hops' in trust) {
    const { hops } = trust;
    if (hops === 0) return (req) => req.socket.remoteAddress ?? '';
    // The chain is the header's hops then the socket's peer; `hops` proxies stand at its right end.
    return (req) => {
      const chain = hopChain(req);
      return chain[Math.max(0, chain.length - 1 - hops)] ?? '';
    };
  }
  const proxies = proxyList(trust.proxies);
  return (req) => {
    const chain = hopChain(req);
    for (let i = chain.length - 1; i > 0; i -= 1) {
      const hop = chain[i] ?? '';
      if (!isProxy(proxies, hop)) return hop;
    }
    // Every hop is a trusted proxy: the leftmost is as close to the client as the proxies saw.
    return chain[0] ?? '';
  };
}

/** Sets ctx.ip for every later middleware, so nothing else reads X-Forwarded-For or the socket. */
export function clientAddressMiddleware(trust: TrustProxy) {
  const address = createClientAddress(trust);
  return async (ctx: Context, next: Next): Promise<void> => {
    ctx.request.ip = address(ctx.req);
    await next();
  };
}

function hopChain(req: IncomingMessage): string[] {
  const header = req.headers['x-forwarded-for'];
  const hops = (typeof header === 'string' ? header : '').split(',').map((hop) => hop.trim()).filter((hop) => hop !== '');
  hops.push(req.socket.remoteAddress ?? '');
  return hops;
}

function proxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

function isProxy(proxies: BlockList, hop: string): boolean {
  const family = isIP(hop);
  return family !== 0 && proxies.check(hop, family === 6 ? 'ipv6' : 'ipv4');
}
