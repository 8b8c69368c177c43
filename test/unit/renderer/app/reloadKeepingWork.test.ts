import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopBridgeClient } from '../../../../shared/bridge/createIpcBridgeClient';
import { isReloadingOnPurpose, reloadKeepingWork } from '../../../../renderer/app/reloadKeepingWork';
import { useBridgeStore } from '../../../../renderer/bridge/useBridgeStore';

/** The page's own reload, counted (a test stand-in for window.location). */
const pageReloads: string[] = [];
const global = globalThis as { window?: unknown };
const realWindow = global.window;
beforeAll(() => {
  global.window = { location: { reload: () => void pageReloads.push('location.reload') } };
});
afterAll(() => {
  global.window = realWindow;
});

function desktopAnswering(reloadWindow: () => Promise<unknown>): string[] {
  const calls: string[] = [];
  const client = {
    call: async () => ({}),
    on: () => () => undefined,
    onMenuCommand: () => () => undefined,
    callDesktop: async (method: string) => {
      calls.push(method);
      if (method === 'reloadWindow') return reloadWindow();
      throw new Error(`unexpected ${method}`);
    },
  };
  useBridgeStore.setState({ bridge: client as unknown as DesktopBridgeClient });
  return calls;
}

afterEach(() => {
  pageReloads.length = 0;
  useBridgeStore.setState({ bridge: null });
});

describe('Reload after a panel error', () => {
  it('in the desktop app asks the main process to reload the window, since the page may not navigate', async () => {
    const calls = desktopAnswering(async () => ({}));
    await reloadKeepingWork();
    expect(calls).toEqual(['reloadWindow']);
    expect(pageReloads).toEqual([]);
    expect(isReloadingOnPurpose()).toBe(true);
  });

  it('reloads the page itself in browser mode, and when an older desktop app does not know the method', async () => {
    useBridgeStore.setState({ bridge: { call: async () => ({}), on: () => () => undefined } as never });
    await reloadKeepingWork();
    expect(pageReloads).toEqual(['location.reload']);

    pageReloads.length = 0;
    desktopAnswering(async () => {
      throw new Error('unknown method reloadWindow');
    });
    await reloadKeepingWork();
    expect(pageReloads).toEqual(['location.reload']);
  });
});
