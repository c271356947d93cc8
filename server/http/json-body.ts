// Reading a route's JSON body: application/json only, at most `maxBytes` (announced or sent), and
// parsed before any schema sees it. How long the client may take is HTTP_REQUEST_TIMEOUT's.
import type { Context } from 'koa';
import { HttpError } from '../http-error';

export async function readJsonBody(ctx: Context, maxBytes: number): Promise<unknown> {
  if (ctx.request.type !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  const tooLarge = (): HttpError => {
    // The rest of the body is not read: the connection ends after the answer.
    ctx.set('Connection', 'close');
    return new HttpError(413, 'body_too_large', `the body must be at most ${maxBytes} bytes`);
  };
  const declared = Number(ctx.get('Content-Length') || '0');
  if (declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_body', 'the body is not valid JSON');
  }
}
