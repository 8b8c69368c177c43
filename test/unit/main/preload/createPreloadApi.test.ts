import { describe, expect, it } from 'vitest';
import { createPreloadApi, type IpcRendererLike } from '../../../../main/preload/createPreloadApi';
import { BRIDGE_METHODS } from '../../../../shared/bridge/bridgeMethods';
import { DESKTOP_METHODS } from '../../../../shared/bridge/desktopMethods';

function fakeIpcRenderer(reply: unknown = { ok: true, result: 'done' }) {
  const invoked: unknown[][] = [];
  const listeners = new Set<(event: unknown, batch: unknown) => void>();
  const ipc: IpcRendererLike = {
    invoke: async (...args) => {
      invoked.push(args);
      return reply;
    },
    on: (_channel, l) => listeners.add(l),
    removeListener: (_channel, l) => listeners.delete(l),
  };
  // What Electron passes a listener: an event whose `sender` is ipcRenderer itself.
  const emit = (batch: unknown) => listeners.forEach((l) => l({ sender: ipc, ports: [] }, batch));
  return { ipc, invoked, emit, listeners };
}

describe('the preload API (window.eventflow)', () => {
  it('exposes exactly one named function per bridge method, plus onEvent, and nothing of ipcRenderer', () => {
    const { ipc } = fakeIpcRenderer();
    const api = createPreloadApi(ipc);
    const keys = Object.keys(api).sort();
    expect(keys).toEqual([...BRIDGE_METHODS, ...DESKTOP_METHODS, 'onEvent'].sort());
    expect(BRIDGE_METHODS.length).toBeGreaterThan(10);
    for (const key of keys) expect(typeof (api as unknown as Record<string, unknown>)[key], key).toBe('function');
    // No generic dispatcher and no raw IPC: the page cannot pick a channel or a method name.
    for (const generic of ['call', 'send', 'invoke', 'on', 'once', 'ipcRenderer', 'postMessage', 'sendSync']) {
      expect(Object.hasOwn(api, generic), generic).toBe(false);
    }
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api)).not.toContain(ipc);
  });

  it('sends each named method down the one bridge channel with its own name', async () => {
    const f = fakeIpcRenderer();
    const api = createPreloadApi(f.ipc);
    expect(await api.openFile({ path: 'a.eventflow.json' })).toBe('done');
    expect(await api.showSaveDialog({ suggestedName: 'shop' })).toBe('done');
    expect(f.invoked).toEqual([
      ['bridge:call', 'openFile', { path: 'a.eventflow.json' }],
      ['bridge:call', 'showSaveDialog', { suggestedName: 'shop' }],
    ]);
  });

  it('cannot be talked into another method by its arguments', async () => {
    const f = fakeIpcRenderer();
    const api = createPreloadApi(f.ipc) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    await api.listFiles!('saveFile', { path: '/etc/passwd' });
    expect(f.invoked).toEqual([['bridge:call', 'listFiles', 'saveFile']]);
  });

  it('rejects with the host error code and message', async () => {
    const f = fakeIpcRenderer({ ok: false, error: { code: 'not-found', message: 'a.eventflow.json does not exist' } });
    await expect(createPreloadApi(f.ipc).openFile({ path: 'a.eventflow.json' })).rejects.toEqual({
      code: 'not-found',
      message: 'a.eventflow.json does not exist',
    });
  });

  it('gives listeners only (name, payload), never the IPC event', () => {
    const f = fakeIpcRenderer();
    const seen: unknown[][] = [];
    const off = createPreloadApi(f.ipc).onEvent((...args: unknown[]) => seen.push(args));
    f.emit([
      { name: 'runStatus', payload: { state: 'running' } },
      { name: 'menuCommand', payload: { command: 'file.save' } },
    ]);
    expect(seen).toEqual([
      ['runStatus', { state: 'running' }],
      ['menuCommand', { command: 'file.save' }],
    ]);
    expect(JSON.stringify(seen)).not.toContain('sender');
    off();
    expect(f.listeners.size).toBe(0);
    f.emit([{ name: 'runStatus', payload: {} }]);
    expect(seen).toHaveLength(2);
  });
});
