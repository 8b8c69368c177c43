import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIpcBridgeClient, type DesktopBridgeApi } from '../../../../shared/bridge/createIpcBridgeClient';
import { BRIDGE_METHODS } from '../../../../shared/bridge/bridgeMethods';
import { DESKTOP_METHODS, type MenuCommandEvent } from '../../../../shared/bridge/desktopMethods';
import { loadFlow } from '../../../../shared/flow/loadFlow';
import { useBridgeStore } from '../../../../renderer/bridge/useBridgeStore';
import { useCanvasStore } from '../../../../renderer/design/useCanvasStore';
import { useDesignStore } from '../../../../renderer/design/useDesignStore';
import { startDesktopIntegration } from '../../../../renderer/desktop/startDesktopIntegration';
import { showDocument } from '../../../../renderer/files/fileCommands';
import { useFileStore } from '../../../../renderer/files/useFileStore';
import { useRunStore } from '../../../../renderer/run/useRunStore';

const runStatus = { state: 'running', broker: { kind: 'embedded', url: 'mqtt://127.0.0.1:1', connection: 'connected' }, topicPrefix: '' };

/** A stand-in for the preload: one named function per method, recording what the renderer asks of the desktop host. */
function fakePreload(saveDialogPath: string | null) {
  const calls: { method: string; params: unknown }[] = [];
  let push: ((name: string, payload: unknown) => void) | undefined;
  const answer = (method: string, params: unknown): unknown => {
    calls.push({ method, params });
    switch (method) {
      case 'showSaveDialog':
        return { path: saveDialogPath };
      case 'saveFile': {
        const { path } = params as { path: string };
        return { path, name: path.split('/').at(-1), savedAt: 1 };
      }
      case 'pauseRun':
        return { status: { ...runStatus, state: 'paused' } };
      case 'resumeRun':
        return { status: { ...runStatus, state: 'running' } };
      default:
        return {};
    }
  };
  const api = {
    ...Object.fromEntries([...BRIDGE_METHODS, ...DESKTOP_METHODS].map((method) => [method, async (params?: unknown) => answer(method, params)])),
    onEvent(listener: (name: string, payload: unknown) => void) {
      push = listener;
      return () => (push = undefined);
    },
  } as DesktopBridgeApi;
  const menu = (event: MenuCommandEvent) => push?.('menuCommand', event);
  return { api, calls, menu };
}

const settle = (ms = 250) => new Promise((r) => setTimeout(r, ms));

function untitledFlow() {
  const loaded = loadFlow({
    schemaVersion: 1,
    name: 'Menu test',
    eventTypes: [{ name: 'order.placed' }],
    nodes: [{ id: 'shop', kind: 'producer', name: 'Shop', settings: { eventType: 'order.placed' } }],
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.doc;
}

describe('desktop integration: native menus and the document state', () => {
  let stop: (() => void) | undefined;
  let fake: ReturnType<typeof fakePreload>;

  beforeEach(() => {
    fake = fakePreload('/work/flows/menu-test.eventflow.json');
    const bridge = createIpcBridgeClient(fake.api);
    useBridgeStore.getState().set({ bridge, connection: 'open' });
    showDocument(untitledFlow(), null);
    stop = startDesktopIntegration(bridge);
  });
  afterEach(() => stop?.());

  it('reports name and dirty flag so the title and the close prompt are right', async () => {
    await settle();
    const states = () => fake.calls.filter((c) => c.method === 'setDocumentState').map((c) => c.params);
    expect(states().at(-1)).toEqual({ path: null, name: 'Menu test', dirty: false });
    useDesignStore.getState().updateFlow({ name: 'Renamed' });
    await settle();
    expect(states().at(-1)).toEqual({ path: null, name: 'Renamed', dirty: true });
  });

  it('Edit > Undo and Redo act on the document like the toolbar', async () => {
    useDesignStore.getState().updateFlow({ name: 'Edited' });
    fake.menu({ command: 'edit.undo' });
    await settle(20);
    expect(useDesignStore.getState().doc.name).toBe('Menu test');
    fake.menu({ command: 'edit.redo' });
    await settle(20);
    expect(useDesignStore.getState().doc.name).toBe('Edited');
  });

  it('File > Save on an untitled flow asks the native Save dialog, then writes there', async () => {
    fake.menu({ command: 'file.save' });
    await settle();
    const methods = fake.calls.map((c) => c.method).filter((m) => m !== 'setDocumentState');
    expect(methods.slice(0, 2)).toEqual(['showSaveDialog', 'saveFile']);
    expect(fake.calls.find((c) => c.method === 'saveFile')?.params).toMatchObject({ path: '/work/flows/menu-test.eventflow.json' });
    expect(useFileStore.getState().path).toBe('/work/flows/menu-test.eventflow.json');
  });

  it('View > Zoom and Fit become canvas requests', async () => {
    const before = useCanvasStore.getState();
    fake.menu({ command: 'view.zoomIn' });
    fake.menu({ command: 'view.fit' });
    await settle(20);
    const after = useCanvasStore.getState();
    expect(after.zoomRequest).toEqual({ seq: before.zoomRequest.seq + 1, direction: 'in' });
    expect(after.fitRequest.seq).toBe(before.fitRequest.seq + 1);
  });

  it('Run > Pause pauses a running run and, pressed again, resumes it', async () => {
    const hostInfo = useBridgeStore.getState().hostInfo;
    useBridgeStore.getState().set({ hostInfo: { ...(hostInfo ?? { mode: 'electron' as const, version: '0', workspaceRoots: [], saveRoot: '/w', defaultFlowPath: null }), supportsRuns: true } });
    useRunStore.getState().setStatus({ state: 'running', broker: { kind: 'embedded', url: 'mqtt://127.0.0.1:1', connection: 'connected' }, topicPrefix: '' });
    fake.menu({ command: 'run.pause' });
    await settle(20);
    expect(fake.calls.filter((c) => c.method === 'pauseRun')).toHaveLength(1);
    expect(useRunStore.getState().status?.state).toBe('paused');
    fake.menu({ command: 'run.pause' });
    await settle(20);
    expect(fake.calls.filter((c) => c.method === 'resumeRun')).toHaveLength(1);
    expect(useRunStore.getState().status?.state).toBe('running');
    useBridgeStore.getState().set({ hostInfo });
    useRunStore.getState().reset();
  });
});
