import { request, type Server } from 'node:http';
import { join } from 'node:path';
import type { Host } from '../../dev/host/host';
import { createHostServer } from '../../dev/host/http/server';
import { ROOT, startTestHost } from './host';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A test host behind the real HTTP server on a free loopback port. */
export async function startServedHost(host: Host = startTestHost()): Promise<{ host: Host; port: number; origin: string; close(): void }> {
  const server: Server = createHostServer(host, join(ROOT, 'static', 'build'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    host,
    port,
    origin: `http://127.0.0.1:${port}`,
    close() {
      server.close();
      host.close();
    },
  };
}

/** A raw HTTP request, so that Host, Origin and content-type are exactly what a browser or an attacker sends. */
export function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const all = { host: `127.0.0.1:${port}`, ...headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) };
    const req = request({ host: '127.0.0.1', port, method, path, setHost: false, headers: all }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A JSON request as a tool sends it (no Origin, JSON declared). */
export async function sendJson(port: number, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const answer = await send(port, method, path, body === undefined ? {} : { 'content-type': 'application/json' }, body === undefined ? undefined : JSON.stringify(body));
  return { status: answer.status, json: answer.body === '' ? undefined : (JSON.parse(answer.body) as unknown) };
}
