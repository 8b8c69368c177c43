import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAbsolute, join, relative, sep } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { MAX_BRIDGE_MESSAGE_BYTES, bridgeRequestSchema, type HostMessage } from '../../shared/bridge/bridgeProtocol';
import type { Host } from './createHost';
import { rendererContentType } from './rendererContentType';

/** The path of the WebSocket endpoint the renderer connects to. */
export const BRIDGE_PATH = '/bridge';
/** The only interface browser mode listens on: nothing off this machine can reach it. */
export const LOOPBACK_ADDRESS = '127.0.0.1';

export interface BrowserModeOptions {
  host: Host;
  /** The built renderer (out/renderer), holding index.html. */
  rendererDir: string;
  /** 0 (the default): any free port. */
  port?: number;
}

export interface BrowserModeServer {
  /** What the browser opens: the origin plus `/?token=...`. */
  url: string;
  /** `http://127.0.0.1:PORT`, the origin of `url`. The bridge also accepts `http://localhost:PORT`. */
  origin: string;
  port: number;
  token: string;
  /** The listening socket's own address, as the operating system reports it. */
  address(): AddressInfo;
  close(): Promise<void>;
}

/**
 * Browser mode: serve the built renderer and the bridge on 127.0.0.1 only. The bridge is a
 * WebSocket that requires the random session token from the URL the user was given and an
 * Origin of this server itself, as `http://127.0.0.1:PORT` or `http://localhost:PORT` (so
 * another site open in the same browser cannot drive it), and refuses messages larger than
 * MAX_BRIDGE_MESSAGE_BYTES. Every request, the WebSocket upgrade included, must carry a Host
 * header naming 127.0.0.1 or localhost on this port, which defeats DNS rebinding. Static files
 * come only from inside the renderer folder, symlinks followed before that is checked.
 *
 * @example
 * const server = await serveBrowserMode({ host, rendererDir: 'out/renderer' });
 * console.log(server.url); // http://127.0.0.1:41234/?token=...
 */
export async function serveBrowserMode(options: BrowserModeOptions): Promise<BrowserModeServer> {
  const { host } = options;
  const rendererDir = await realpath(options.rendererDir);
  const token = randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let origin = '';
  let port = 0;
  // Both names of this server a browser can show in its address bar. A page can only carry
  // `Origin: http://localhost:PORT` if the browser loaded it from a host *named* localhost,
  // and the Host check (isLoopbackHost) refuses every other name on every request, the upgrade
  // included: a DNS-rebinding page (evil.example resolving to 127.0.0.1) has the origin
  // http://evil.example:PORT and a Host header of evil.example, and is refused on both counts.
  // The session token is still required on top.
  let allowedOrigins: readonly string[] = [];

  const server = createServer((req, res) => {
    serveStatic(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const serveStatic = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!isLoopbackHost(req.headers.host, port)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('wrong Host header: open the URL eventflow web printed');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = rendererFileOf(req.url ?? '/');
    if (file === null) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
      return;
    }
    const full = join(rendererDir, file);
    // The guard: whatever the decoding did, the file must lie inside the renderer folder...
    if (!isInside(rendererDir, full)) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
      return;
    }
    let body: Buffer;
    try {
      // ...and so must the file a symlink in it leads to (the real path is what gets read).
      const real = await realpath(full);
      if (!isInside(rendererDir, real)) throw new Error('outside the renderer folder');
      body = await readFile(real);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = rendererContentType(full) ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-length': body.length,
      'cache-control': file === 'index.html' ? 'no-cache' : 'max-age=3600',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...(type.startsWith('text/html')
        ? {
            'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}; frame-ancestors 'none'`,
          }
        : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_MESSAGE_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: string, why: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${why}`);
    };
    if (!isLoopbackHost(req.headers.host, port)) return refuse('421 Misdirected Request', 'wrong Host header: open the URL eventflow web printed');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== BRIDGE_PATH) return refuse('404 Not Found', 'no such endpoint');
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    if (given.length !== tokenBytes.length || !timingSafeEqual(given, tokenBytes)) {
      return refuse('401 Unauthorized', 'missing or wrong session token: open the URL eventflow web printed');
    }
    if (!allowedOrigins.includes(req.headers.origin ?? '')) return refuse('403 Forbidden', `Origin must be ${allowedOrigins.join(' or ')}`);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const send = (ws: WebSocket, message: HostMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  wss.on('connection', (ws) => {
    ws.on('message', (data: RawData, isBinary: boolean) => {
      void answer(ws, data, isBinary);
    });
    ws.on('error', () => ws.terminate());
  });

  const answer = async (ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> => {
    if (isBinary) {
      ws.close(1003, 'the bridge speaks JSON text');
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      ws.close(1007, 'not JSON');
      return;
    }
    const request = bridgeRequestSchema.safeParse(raw);
    if (!request.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null;
      if (id === null || !Number.isInteger(id) || id < 0) {
        ws.close(1008, 'not a bridge request');
        return;
      }
      send(ws, { type: 'response', id, ok: false, error: { code: 'bad-message', message: 'not a bridge request: expected { type: "request", id, method, params }' } });
      return;
    }
    const reply = await host.handle(request.data.method, request.data.params);
    send(ws, reply.ok
      ? { type: 'response', id: request.data.id, ok: true, result: reply.result }
      : { type: 'response', id: request.data.id, ok: false, error: reply.error });
  };

  const stopPushes = host.onPush((push) => {
    const text = JSON.stringify({ type: 'push', event: push.event, payload: push.payload });
    for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_ADDRESS, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://${LOOPBACK_ADDRESS}:${port}`;
  allowedOrigins = [origin, `http://localhost:${port}`];

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    address: () => server.address() as AddressInfo,
    async close() {
      stopPushes();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isLoopbackHost(header: string | undefined, port: number): boolean {
  return header === `${LOOPBACK_ADDRESS}:${port}` || header === `localhost:${port}`;
}

/**
 * The renderer-relative file a request path names, or null when the path is refused: bad
 * percent-encoding, a NUL, a backslash (a separator on Windows), or a `.`/`..` segment that
 * survived the URL parser because it was percent-encoded (`/..%2fsecret`, `/%2e%2e%2fsecret`).
 */
function rendererFileOf(requestUrl: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://host.invalid').pathname);
  } catch {
    return null;
  }
  if (pathname === '/') return 'index.html';
  if (pathname.includes('\\') || pathname.includes('\0')) return null;
  const segments = pathname.slice(1).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  return segments.join(sep);
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
