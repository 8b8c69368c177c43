import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../../../main/host/createHost';
import { registerIpcBridge, type IpcInvokeEventLike, type IpcMainLike, type WebContentsLike } from '../../../../main/electron/ipcBridge';
import type { SenderFrameLike } from '../../../../main/electron/isTrustedSender';
import type { WireEvent, WireReply } from '../../../../main/preload/ipcChannels';

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** A fake ipcMain that records the one handler and lets a test play the renderer. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const invoke = (frame: SenderFrameLike | null, method: unknown, params?: unknown) => {
    const handler = handlers.get('bridge:call');
    if (handler === undefined) throw new Error('no bridge:call handler');
    return handler({ senderFrame: frame }, method, params) as Promise<WireReply>;
  };
  return { ipcMain, handlers, invoke };
}

const appFrame: SenderFrameLike = { url: 'app://eventflow/index.html', parent: null };

function setup(overrides: { callHost?: (m: string, p: unknown) => Promise<WireReply> } = {}) {
  const ipc = fakeIpcMain();
  const hostCalls: { method: string; params: unknown }[] = [];
  const desktopCalls: { method: string; params: unknown }[] = [];
  const refused: string[] = [];
  const sent: { channel: string; args: unknown[] }[] = [];
  let destroyed = false;
  const contents: WebContentsLike = { isDestroyed: () => destroyed, send: (channel, ...args) => sent.push({ channel, args }) };
  const bridge = registerIpcBridge({
    ipcMain: ipc.ipcMain,
    webContents: () => contents,
    callHost: async (method, params) => {
      hostCalls.push({ method, params });
      return overrides.callHost ? overrides.callHost(method, params) : { ok: true, result: { answered: method } };
    },
    callDesktop: async (method, params) => {
      desktopCalls.push({ method, params });
      return { ok: true, result: { path: null } };
    },
    onRefused: (why) => refused.push(why),
  });
  return { ...ipc, bridge, hostCalls, desktopCalls, refused, sent, destroy: () => (destroyed = true) };
}

describe('the IPC transport of the bridge', () => {
  it('registers exactly one invoke channel', () => {
    const { handlers } = setup();
    expect([...handlers.keys()]).toEqual(['bridge:call']);
  });

  it('passes a valid call from the app window to the host facade, defaults filled in', async () => {
    const t = setup();
    const reply = await t.invoke(appFrame, 'saveFile', { path: 'a.eventflow.json', doc: { schemaVersion: 1, name: 'a', nodes: [], edges: [] } });
    expect(reply).toEqual({ ok: true, result: { answered: 'saveFile' } });
    expect(t.hostCalls).toHaveLength(1);
    expect(t.hostCalls[0]?.params).toMatchObject({ path: 'a.eventflow.json', overwrite: true });
  });

  it('routes desktop-only methods to the main process, not the host', async () => {
    const t = setup();
    const reply = await t.invoke(appFrame, 'showSaveDialog', { suggestedName: 'shop.eventflow.json' });
    expect(reply.ok).toBe(true);
    expect(t.desktopCalls.map((c) => c.method)).toEqual(['showSaveDialog']);
    expect(t.hostCalls).toEqual([]);
  });

  it.each([
    ['rm -rf', {}],
    ['__proto__', {}],
    ['constructor', {}],
    ['toString', {}],
    [42, {}],
    [null, {}],
  ])('refuses the unknown method %j without calling anything', async (method, params) => {
    const t = setup();
    const reply = await t.invoke(appFrame, method, params);
    expect(reply).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(t.hostCalls).toEqual([]);
    expect(t.desktopCalls).toEqual([]);
    expect(t.refused).toEqual(['unknown-method']);
  });

  it.each([
    ['openFile', { path: 42 }, 'params.path'],
    ['openFile', {}, 'params.path'],
    ['openFile', { path: 'a.eventflow.json', extra: true }, 'extra'],
    ['pauseConsumer', { nodeId: '' }, 'params.nodeId'],
    ['startReplay', { speed: -1 }, 'params.speed'],
    ['showSaveDialog', { suggestedName: 7 }, 'params.suggestedName'],
    ['openExternal', { url: 'x'.repeat(5000) }, 'params.url'],
  ])('refuses %s with bad arguments %j, naming the field', async (method, params, field) => {
    const t = setup();
    const reply = await t.invoke(appFrame, method, params);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('bad-params');
    expect(reply.error.message).toContain(field);
    expect(t.hostCalls).toEqual([]);
    expect(t.desktopCalls).toEqual([]);
  });

  it.each<[string, SenderFrameLike | null]>([
    ['a web page', { url: 'https://evil.example/', parent: null }],
    ['a file:// page', { url: 'file:///home/me/index.html', parent: null }],
    ['another app:// host', { url: 'app://evil/index.html', parent: null }],
    ['an http page on localhost', { url: 'http://127.0.0.1:5173/', parent: null }],
    ['a subframe of our own page', { url: 'app://eventflow/index.html', parent: appFrame }],
    ['a foreign iframe inside our page', { url: 'https://ads.example/', parent: appFrame }],
    ['a destroyed frame', null],
    ['a frame with no URL', { url: '', parent: null }],
  ])('refuses a call from %s, before checking anything else', async (_what, frame) => {
    const t = setup();
    const reply = await t.invoke(frame, 'getHostInfo', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    expect(t.hostCalls).toEqual([]);
    expect(t.refused).toEqual(['foreign-sender']);
  });

  it('answers a failing host with an error reply instead of throwing into Electron', async () => {
    const t = setup({
      callHost: async () => {
        throw new Error('disk on fire');
      },
    });
    const reply = await t.invoke(appFrame, 'listFiles', {});
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'listFiles failed: disk on fire' } });
  });

  it('pushes events as one IPC message per batch, and not to a closed window', () => {
    const t = setup();
    const batch: WireEvent[] = [
      { name: 'runLog', payload: { level: 'info', message: 'a', at: 1 } },
      { name: 'runLog', payload: { level: 'info', message: 'b', at: 2 } },
    ];
    t.bridge.push(batch);
    t.bridge.push([]);
    expect(t.sent).toEqual([{ channel: 'bridge:event', args: [batch] }]);
    t.destroy();
    t.bridge.push(batch);
    expect(t.sent).toHaveLength(1);
  });

  it('removes its handler on dispose', () => {
    const t = setup();
    t.bridge.dispose();
    expect(t.handlers.size).toBe(0);
  });
});

describe('the IPC transport over the real host facade', () => {
  let dir: string | undefined;
  let host: Host | undefined;
  afterEach(async () => {
    await host?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens a flow from the workspace and refuses one outside it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'eventflow-ipc-'));
    const workspace = join(dir, 'flows');
    await mkdir(workspace);
    const text = JSON.stringify({ schemaVersion: 1, name: 'shop', nodes: [], edges: [] });
    await writeFile(join(workspace, 'shop.eventflow.json'), text);
    await writeFile(join(dir, 'secret.eventflow.json'), text);
    host = await createHost({ workspaceRoots: [workspace], stateDir: join(dir, 'state'), mode: 'electron', log: () => undefined });
    const facade = host;
    const ipc = fakeIpcMain();
    registerIpcBridge({
      ipcMain: ipc.ipcMain,
      webContents: () => undefined,
      callHost: (method, params) => facade.handle(method, params),
      callDesktop: async () => ({ ok: false, error: { code: 'unavailable', message: 'not in this test' } }),
    });

    const opened = await ipc.invoke(appFrame, 'openFile', { path: 'shop.eventflow.json' });
    expect(opened).toMatchObject({ ok: true, result: { name: 'shop.eventflow.json', text } });

    const escaped = await ipc.invoke(appFrame, 'openFile', { path: '../secret.eventflow.json' });
    expect(escaped).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });

    const info = await ipc.invoke(appFrame, 'getHostInfo', {});
    expect(info).toMatchObject({ ok: true, result: { mode: 'electron' } });
  });
});
