import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHost, type Host } from '../../../../main/host/createHost';
import { serveBrowserMode, type BrowserModeServer } from '../../../../main/host/serveBrowserMode';
import { BridgeError } from '../../../../shared/bridge/BridgeError';
import { createWebSocketBridge, type WebSocketBridge, type WebSocketConstructor } from '../../../../renderer/bridge/createWebSocketBridge';
import { bridgeUrl } from '../../../../renderer/bridge/bridgeUrl';

/** The `ws` client sending the Origin a browser on the served page would send. */
function browserLike(origin: string): WebSocketConstructor {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  } as unknown as WebSocketConstructor;
}

describe('createWebSocketBridge against the browser-mode host', () => {
  let base: string;
  let host: Host;
  let server: BrowserModeServer;
  let bridge: WebSocketBridge;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'eventflow-client-'));
    await mkdir(join(base, 'renderer'));
    await writeFile(join(base, 'renderer', 'index.html'), '<!doctype html>');
    await mkdir(join(base, 'flows'));
    host = await createHost({ workspaceRoots: [join(base, 'flows')], stateDir: join(base, 'state') });
    server = await serveBrowserMode({ host, rendererDir: join(base, 'renderer') });
    const page = new URL(server.url);
    const url = bridgeUrl({ protocol: page.protocol, host: page.host, search: page.search });
    bridge = createWebSocketBridge(url!, { WebSocketImpl: browserLike(server.origin), callTimeoutMs: 5_000 });
  });
  afterAll(async () => {
    bridge.close();
    await server.close();
    await host.close();
    await rm(base, { recursive: true, force: true });
  });

  it('builds the bridge URL from the page URL and its token', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:5', search: '?token=a%2Bb' })).toBe('ws://127.0.0.1:5/bridge?token=a%2Bb');
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:5', search: '' })).toBeNull();
  });

  it('calls made while connecting are sent once open, and results are typed and checked', async () => {
    const info = await bridge.call('getHostInfo', {});
    expect(info.mode).toBe('browser');
    expect(bridge.state).toBe('open');
    const saved = await bridge.call('saveFile', {
      path: join(base, 'flows', 'a.eventflow.json'),
      doc: { schemaVersion: 1, name: 'A', nodes: [], edges: [] },
    });
    expect(saved.name).toBe('a.eventflow.json');
  });

  it('refuses bad params before sending, and unknown methods', async () => {
    const bad = await bridge.call('openFile', { path: 7 as unknown as string }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BridgeError);
    expect((bad as BridgeError).code).toBe('bad-params');
    const unknown = await bridge.call('nope' as 'getHostInfo', {}).catch((e: unknown) => e);
    expect((unknown as BridgeError).code).toBe('unknown-method');
  });

  it('rejects with the host’s error', async () => {
    await expect(bridge.call('openFile', { path: '/etc/passwd' })).rejects.toMatchObject({ code: 'outside-workspace' });
  });

  it('delivers checked pushes to listeners until they unsubscribe', async () => {
    const got: string[] = [];
    const off = bridge.on('runLog', (line) => got.push(line.message));
    host.push({ event: 'runLog', payload: { level: 'info', message: 'one', at: 1 } });
    await expect.poll(() => got, { timeout: 5_000 }).toEqual(['one']);
    off();
    host.push({ event: 'runLog', payload: { level: 'info', message: 'two', at: 2 } });
    await bridge.call('getHostInfo', {}); // a round trip after the push: it would have arrived by now
    expect(got).toEqual(['one']);
  });

  it('a client without the right Origin never connects and its calls fail', async () => {
    const page = new URL(server.url);
    const stranger = createWebSocketBridge(bridgeUrl({ protocol: page.protocol, host: page.host, search: page.search })!, {
      WebSocketImpl: browserLike('http://evil.example'),
      callTimeoutMs: 5_000,
    });
    await expect(stranger.call('getHostInfo', {})).rejects.toMatchObject({ code: 'disconnected' });
    stranger.close();
  });
});
