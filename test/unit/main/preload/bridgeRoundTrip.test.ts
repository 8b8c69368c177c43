import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopHandlers } from '../../../../main/electron/desktopHandlers';
import { registerIpcBridge, type IpcBridge, type IpcInvokeEventLike, type IpcMainLike } from '../../../../main/electron/ipcBridge';
import type { SenderFrameLike } from '../../../../main/electron/isTrustedSender';
import { createHost, type Host } from '../../../../main/host/createHost';
import { createPreloadApi, type IpcRendererLike } from '../../../../main/preload/createPreloadApi';
import { BridgeError } from '../../../../shared/bridge/BridgeError';
import { createIpcBridgeClient } from '../../../../shared/bridge/createIpcBridgeClient';
import type { MenuCommandEvent } from '../../../../shared/bridge/desktopMethods';

/**
 * The whole desktop bridge in one process, Electron replaced by two fakes: the renderer's
 * client -> the preload API -> ipcMain's one channel (sender, method and params checked) ->
 * the real host facade on a temporary workspace, and pushes back the other way.
 */
type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

let dir: string;
let host: Host;
let handler: Handler | undefined;
let eventListeners: Set<(event: unknown, batch: unknown) => void>;
let bridge: IpcBridge;
/** Times the main process reloaded the window. */
let reloads = 0;

const flowText = JSON.stringify({ schemaVersion: 1, name: 'shop', nodes: [], edges: [] });

function rendererAt(frame: SenderFrameLike) {
  const ipc: IpcRendererLike = {
    invoke: (_channel, method, params) => handler!({ senderFrame: frame }, method, params),
    on: (_channel, l) => eventListeners.add(l),
    removeListener: (_channel, l) => eventListeners.delete(l),
  };
  return createIpcBridgeClient(createPreloadApi(ipc));
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-roundtrip-'));
  reloads = 0;
  await writeFile(join(dir, 'shop.eventflow.json'), flowText);
  host = await createHost({ workspaceRoots: [dir], stateDir: join(dir, '.state'), mode: 'electron', log: () => undefined });
  eventListeners = new Set();
  const ipcMain: IpcMainLike = { handle: (_c, l) => (handler = l), removeHandler: () => (handler = undefined) };
  bridge = registerIpcBridge({
    ipcMain,
    webContents: () => ({ isDestroyed: () => false, send: (_channel, batch) => eventListeners.forEach((l) => l({}, batch)) }),
    callHost: (method, params) => host.handle(method, params),
    callDesktop: createDesktopHandlers({
      pickOpenPath: async () => join(dir, 'shop.eventflow.json'),
      pickSavePath: async () => undefined,
      grantPath: async () => undefined,
      setDocumentState: () => undefined,
      secrets: {
        get: async () => ({ ok: true, value: undefined }),
        set: async () => ({ ok: true, value: { kept: 'keychain' } }),
        remove: async () => ({ ok: true, value: undefined }),
        keeps: () => 'keychain',
      },
      environmentPassword: () => undefined,
      reloadWindow: () => (reloads += 1),
      openExternal: async () => undefined,
    }),
  });
});
afterEach(async () => {
  bridge.dispose();
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the desktop bridge, renderer to host and back', () => {
  const appFrame = { url: 'app://eventflow/index.html', parent: null };

  it('opens a flow the user picked in the native dialog', async () => {
    const client = rendererAt(appFrame);
    const { path } = await client.callDesktop('showOpenDialog', {});
    expect(path).toBe(join(dir, 'shop.eventflow.json'));
    const opened = await client.call('openFile', { path: path! });
    expect(opened.text).toBe(flowText);
    expect((await client.call('getHostInfo', {})).mode).toBe('electron');
  });

  it('turns host refusals into BridgeErrors the UI can show', async () => {
    const client = rendererAt(appFrame);
    const error = await client.call('openFile', { path: '../../etc/passwd' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).code).toBe('outside-workspace');
  });

  it('refuses the same calls from a frame that is not the app', async () => {
    const client = rendererAt({ url: 'https://evil.example/', parent: null });
    const error = await client.call('listFiles', {}).catch((e: unknown) => e);
    expect((error as BridgeError).code).toBe('bad-message');
  });

  it('reloads the window for the app page only (Reload after a panel error)', async () => {
    expect(await rendererAt(appFrame).callDesktop('reloadWindow', {})).toEqual({});
    expect(reloads).toBe(1);
    const error = await rendererAt({ url: 'https://evil.example/', parent: null }).callDesktop('reloadWindow', {}).catch((e: unknown) => e);
    expect((error as BridgeError).code).toBe('bad-message');
    const subframe = await rendererAt({ url: 'app://eventflow/index.html', parent: appFrame }).callDesktop('reloadWindow', {}).catch((e: unknown) => e);
    expect((subframe as BridgeError).code).toBe('bad-message');
    expect(reloads).toBe(1);
  });

  it('delivers menu commands and run events to their listeners, dropping malformed pushes', () => {
    const client = rendererAt(appFrame);
    const commands: MenuCommandEvent[] = [];
    const logs: string[] = [];
    client.onMenuCommand((e) => commands.push(e));
    const off = client.on('runLog', (line) => logs.push(line.message));
    bridge.push([
      { name: 'menuCommand', payload: { command: 'file.save' } },
      { name: 'menuCommand', payload: { command: 'format-disk' } },
      { name: 'runLog', payload: { level: 'info', message: 'started', at: 1 } },
      { name: 'runLog', payload: { level: 'loud', message: 'bad', at: 1 } },
    ]);
    expect(commands).toEqual([{ command: 'file.save' }]);
    expect(logs).toEqual(['started']);
    off();
    bridge.push([{ name: 'runLog', payload: { level: 'info', message: 'again', at: 2 } }]);
    expect(logs).toEqual(['started']);
  });
});
