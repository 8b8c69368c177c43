import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHost, type Host } from '../../../../main/host/createHost';
import { serveBrowserMode, type BrowserModeServer } from '../../../../main/host/serveBrowserMode';
import { MAX_BRIDGE_MESSAGE_BYTES } from '../../../../shared/bridge/bridgeProtocol';

/** Every wait in these tests ends by this bound. */
const WAIT_MS = 5_000;

type Outcome = { opened: true; ws: WebSocket } | { opened: false; status: number | null };

function connect(url: string, origin?: string, headers: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ...(origin ? { origin } : {}), headers });
    const timer = setTimeout(() => reject(new Error('no answer')), WAIT_MS);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve({ opened: true, ws });
    });
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      resolve({ opened: false, status: res.statusCode ?? null });
      ws.terminate();
    });
    ws.once('error', () => {
      clearTimeout(timer);
      resolve({ opened: false, status: null });
    });
  });
}

/** A GET with the path sent byte for byte (node:http does not normalise it; a browser would). */
function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host }, timeout: WAIT_MS }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function callOver(ws: WebSocket, message: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no reply')), WAIT_MS);
    ws.once('message', (data) => {
      clearTimeout(timer);
      resolve(JSON.parse(data.toString()));
    });
    ws.send(JSON.stringify(message));
  });
}

describe('serveBrowserMode', () => {
  let base: string;
  let host: Host;
  let server: BrowserModeServer;
  let bridgeUrl: string;
  const opened: WebSocket[] = [];

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'eventflow-serve-'));
    const renderer = join(base, 'renderer');
    await mkdir(join(renderer, 'assets'), { recursive: true });
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>EventFlow Studio</title>');
    await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(base, 'secret.txt'), 'do not serve');
    // A symlink inside the renderer folder to a file outside it, and one to a folder outside.
    await mkdir(join(base, 'private'));
    await writeFile(join(base, 'private', 'key.txt'), 'do not serve');
    await symlink(join(base, 'secret.txt'), join(renderer, 'leak.txt'));
    await symlink(join(base, 'private'), join(renderer, 'leakdir'));
    // A symlink that stays inside is fine.
    await symlink(join(renderer, 'assets', 'app.js'), join(renderer, 'alias.js'));
    host = await createHost({ workspaceRoots: [renderer], stateDir: join(base, 'state') });
    server = await serveBrowserMode({ host, rendererDir: renderer, port: 0 });
    bridgeUrl = `ws://127.0.0.1:${server.port}/bridge?token=${server.token}`;
  });
  afterAll(async () => {
    for (const ws of opened) ws.terminate();
    await server.close();
    await host.close();
    await rm(base, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only and prints a URL with a random token', () => {
    // The socket's own address, as the OS reports it: not 0.0.0.0, not ::, not a LAN address.
    expect(server.address()).toEqual({ address: '127.0.0.1', family: 'IPv4', port: server.port });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('serves the renderer with a strict CSP', async () => {
    const index = await get(server.port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('EventFlow Studio');
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'");
    expect((await get(server.port, '/assets/app.js')).headers['content-type']).toContain('javascript');
    expect((await get(server.port, '/alias.js')).body).toBe('console.log(1)');
  });

  // Each of these names ../secret.txt (or a file outside) in a way the URL parser does not fold
  // away, so the request reaches the server's own path check: without it, they would be served.
  it.each([
    ['an encoded slash after ..', '/..%2fsecret.txt'],
    ['an encoded .. and slash', '/%2e%2e%2fsecret.txt'],
    ['mixed-case encoding', '/%2E%2E%2Fsecret.txt'],
    ['two levels, encoded', '/assets%2f..%2f..%2fsecret.txt'],
    ['an encoded backslash (a separator on Windows)', '/..%5csecret.txt'],
    ['a NUL byte', '/index.html%00.js'],
    ['an absolute path, encoded', `/${encodeURIComponent('/etc/passwd')}`],
    ['a doubled slash', '//etc/passwd'.replace('//', '/%2f')],
    ['broken percent-encoding', '/%E0%A4%A'],
  ])('refuses a path outside the renderer folder: %s', async (_what, path) => {
    const r = await get(server.port, path);
    expect(r.status).toBe(400);
    expect(r.body).not.toContain('do not serve');
    expect(r.body).not.toContain('root:');
  });

  it('does not follow a symlink in the renderer folder out of it', async () => {
    for (const path of ['/leak.txt', '/leakdir/key.txt']) {
      const r = await get(server.port, path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('do not serve');
    }
  });

  it('serves nothing for paths the URL parser folds before they arrive', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const r = await get(server.port, path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('do not serve');
    }
  });

  it('refuses a Host header that is not loopback (DNS rebinding), for pages and for the bridge', async () => {
    expect((await get(server.port, '/', `evil.example:${server.port}`)).status).toBe(421);
    const rebound = await connect(bridgeUrl, server.origin, { host: `evil.example:${server.port}` });
    if (rebound.opened) opened.push(rebound.ws);
    expect(rebound).toEqual({ opened: false, status: 421 });
  });

  it('serves the page to a browser that opened http://localhost:PORT', async () => {
    const index = await get(server.port, '/', `localhost:${server.port}`);
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toContain(`ws://localhost:${server.port}`);
  });

  it('refuses a bridge connection without the token', async () => {
    const r = await connect(`ws://127.0.0.1:${server.port}/bridge`, server.origin);
    expect(r).toEqual({ opened: false, status: 401 });
  });

  it('refuses a bridge connection with a wrong token', async () => {
    const r = await connect(`ws://127.0.0.1:${server.port}/bridge?token=${'x'.repeat(server.token.length)}`, server.origin);
    expect(r).toEqual({ opened: false, status: 401 });
  });

  it('refuses a bridge connection from another Origin, or with none', async () => {
    expect(await connect(bridgeUrl, 'http://evil.example')).toEqual({ opened: false, status: 403 });
    expect(await connect(bridgeUrl, `http://evil.example:${server.port}`)).toEqual({ opened: false, status: 403 });
    expect(await connect(bridgeUrl, `http://localhost:${server.port + 1}`)).toEqual({ opened: false, status: 403 });
    expect(await connect(bridgeUrl, `https://localhost:${server.port}`)).toEqual({ opened: false, status: 403 });
    expect(await connect(bridgeUrl, `http://127.0.0.2:${server.port}`)).toEqual({ opened: false, status: 403 });
    expect(await connect(bridgeUrl)).toEqual({ opened: false, status: 403 });
  });

  it.each([
    ['http://127.0.0.1:PORT', (port: number) => ({ origin: `http://127.0.0.1:${port}`, url: `ws://127.0.0.1:${port}` })],
    ['http://localhost:PORT', (port: number) => ({ origin: `http://localhost:${port}`, url: `ws://localhost:${port}` })],
  ])('accepts the bridge from a page opened at %s, with the token', async (_name, at) => {
    const { origin, url } = at(server.port);
    const withoutToken = await connect(`${url}/bridge`, origin);
    expect(withoutToken).toEqual({ opened: false, status: 401 });
    const r = await connect(`${url}/bridge?token=${server.token}`, origin);
    expect(r.opened).toBe(true);
    if (!r.opened) return;
    opened.push(r.ws);
    expect(await callOver(r.ws, { type: 'request', id: 1, method: 'getHostInfo', params: {} })).toMatchObject({ id: 1, ok: true });
  });

  it('answers requests from the right origin with the token, and refuses bad ones with values', async () => {
    const r = await connect(bridgeUrl, server.origin);
    expect(r.opened).toBe(true);
    if (!r.opened) return;
    opened.push(r.ws);
    expect(await callOver(r.ws, { type: 'request', id: 1, method: 'getHostInfo', params: {} })).toMatchObject({
      type: 'response',
      id: 1,
      ok: true,
      result: { mode: 'browser' },
    });
    expect(await callOver(r.ws, { type: 'request', id: 2, method: 'rmrf', params: {} })).toMatchObject({
      id: 2,
      ok: false,
      error: { code: 'unknown-method' },
    });
    expect(await callOver(r.ws, { type: 'request', id: 3, method: 'openFile', params: { path: '/etc/passwd' } })).toMatchObject({
      id: 3,
      ok: false,
      error: { code: 'outside-workspace' },
    });
    expect(await callOver(r.ws, { id: 4, hello: true })).toMatchObject({ id: 4, ok: false, error: { code: 'bad-message' } });
  });

  it('forwards host pushes to connected clients', async () => {
    const r = await connect(bridgeUrl, server.origin);
    if (!r.opened) throw new Error('not opened');
    opened.push(r.ws);
    const message = new Promise<unknown>((resolve) => r.ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    host.push({ event: 'runLog', payload: { level: 'info', message: 'hello', at: 1 } });
    expect(await message).toEqual({ type: 'push', event: 'runLog', payload: { level: 'info', message: 'hello', at: 1 } });
  });

  it('closes the connection on a message over the size limit', async () => {
    const r = await connect(bridgeUrl, server.origin);
    if (!r.opened) throw new Error('not opened');
    const closed = new Promise<number>((resolve) => r.ws.once('close', (code) => resolve(code)));
    r.ws.send('x'.repeat(MAX_BRIDGE_MESSAGE_BYTES + 1));
    expect(await closed).toBe(1009);
  });
});
