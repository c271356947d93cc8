// A stand-in push service on https://127.0.0.1:0 (a self-signed certificate from `selfsigned`):
// it captures every push, answers each as the test scripts it (a status, or never), and hands out
// subscriptions whose keys the test holds, so it can decrypt what the server sent.
import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { decrypt } from 'http_ece';
import { generate } from 'selfsigned';

export interface CapturedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type PushAnswer = { status: number; headers?: Record<string, string> } | 'hang';

export interface HeldSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  ecdh: ECDH;
  authSecret: Buffer;
}

export interface PushStandIn {
  origin: string;
  /** Accepts the stand-in's certificate; pass to the server as its push agent. */
  agent: Agent;
  pushes: CapturedPush[];
  /** How the next pushes to `path` are answered, in order; afterwards 201. */
  script(path: string, ...answers: PushAnswer[]): void;
  subscription(name: string): HeldSubscription;
  /** The decrypted payload of a captured push for `held`. */
  open(push: CapturedPush, held: HeldSubscription): unknown;
  close(): Promise<void>;
}

export async function startPushStandIn(): Promise<PushStandIn> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keySize: 2048, algorithm: 'sha256' });
  const pushes: CapturedPush[] = [];
  const scripts = new Map<string, PushAnswer[]>();
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      pushes.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
      const answer = scripts.get(path)?.shift() ?? { status: 201 };
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new Agent({ rejectUnauthorized: false });
  return {
    origin,
    agent,
    pushes,
    script(path, ...answers) {
      scripts.set(path, [...(scripts.get(path) ?? []), ...answers]);
    },
    subscription(name) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const authSecret = randomBytes(16);
      return {
        endpoint: `${origin}/push/${name}`,
        keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') },
        ecdh,
        authSecret,
      };
    },
    open(push, held) {
      return JSON.parse(decrypt(push.body, { version: 'aes128gcm', privateKey: held.ecdh, authSecret: held.authSecret }).toString('utf8'));
    },
    async close() {
      for (const res of hanging) res.destroy();
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
