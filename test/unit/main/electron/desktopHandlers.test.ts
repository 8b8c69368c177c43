import { describe, expect, it } from 'vitest';
import type { BrokerSecretStore } from '../../../../main/electron/brokerSecretStore';
import { createDesktopHandlers, withFlowSuffix, type DesktopDeps, type DocumentState } from '../../../../main/electron/desktopHandlers';

function setup(overrides: Partial<DesktopDeps> = {}) {
  const granted: string[] = [];
  const states: DocumentState[] = [];
  const opened: string[] = [];
  const reloads: number[] = [];
  const saved = new Map<string, string>();
  const secrets: BrokerSecretStore = {
    get: async (url, user) => ({ ok: true, value: saved.get(`${user}@${url}`) }),
    set: async (url, user, pw) => {
      saved.set(`${user}@${url}`, pw);
      return { ok: true, value: { kept: 'keychain' } };
    },
    remove: async (url, user) => {
      saved.delete(`${user}@${url}`);
      return { ok: true, value: undefined };
    },
    keeps: () => 'keychain',
  };
  const handle = createDesktopHandlers({
    pickOpenPath: async () => '/home/me/shop/a.eventflow.json',
    pickSavePath: async (name) => `/home/me/shop/${name ?? 'x'}`,
    grantPath: async (p) => void granted.push(p),
    setDocumentState: (s) => states.push(s),
    secrets,
    environmentPassword: () => undefined,
    reloadWindow: () => void reloads.push(Date.now()),
    openExternal: async (url) => void opened.push(url),
    ...overrides,
  });
  return { handle, granted, states, opened, saved, reloads };
}

describe('the desktop-only bridge methods', () => {
  it('opens the native Open dialog and lets the host read the chosen file', async () => {
    const t = setup();
    expect(await t.handle('showOpenDialog', {})).toEqual({ ok: true, result: { path: '/home/me/shop/a.eventflow.json' } });
    expect(t.granted).toEqual(['/home/me/shop/a.eventflow.json']);
  });

  it('gives a saved flow its .eventflow.json name whatever the dialog returned', async () => {
    const t = setup();
    expect(await t.handle('showSaveDialog', { suggestedName: 'checkout' })).toEqual({ ok: true, result: { path: '/home/me/shop/checkout.eventflow.json' } });
    expect(withFlowSuffix('/a/b.json')).toBe('/a/b.eventflow.json');
    expect(withFlowSuffix('/a/b.EventFlow.json')).toBe('/a/b.EventFlow.json');
  });

  it('answers null and grants nothing when a dialog is cancelled', async () => {
    const t = setup({ pickOpenPath: async () => undefined, pickSavePath: async () => undefined });
    expect(await t.handle('showOpenDialog', {})).toEqual({ ok: true, result: { path: null } });
    expect(await t.handle('showSaveDialog', {})).toEqual({ ok: true, result: { path: null } });
    expect(t.granted).toEqual([]);
  });

  it('keeps broker passwords in the keychain store and only says whether one is saved', async () => {
    const t = setup();
    const who = { url: 'mqtts://b.example:8883', username: 'shop' };
    expect(await t.handle('hasBrokerPassword', who)).toEqual({ ok: true, result: { remembers: 'keychain' } });
    expect(await t.handle('rememberBrokerPassword', { ...who, password: 's3cret' })).toEqual({ ok: true, result: { kept: 'keychain' } });
    const has = await t.handle('hasBrokerPassword', who);
    expect(has).toEqual({ ok: true, result: { from: 'saved', remembers: 'keychain' } });
    expect(JSON.stringify(has)).not.toContain('s3cret');
    await t.handle('forgetBrokerPassword', who);
    expect(await t.handle('hasBrokerPassword', who)).toEqual({ ok: true, result: { remembers: 'keychain' } });
  });

  it('passes on, once, why a password is kept for this session only', async () => {
    const notice = 'no operating system keychain is available ... will be asked for again next time';
    const t = setup({
      secrets: {
        get: async () => ({ ok: true, value: undefined }),
        set: async () => ({ ok: true, value: { kept: 'session', notice } }),
        remove: async () => ({ ok: true, value: undefined }),
        keeps: () => 'session',
      },
    });
    expect(await t.handle('rememberBrokerPassword', { url: 'mqtt://b', username: 'u', password: 'p' })).toEqual({
      ok: true,
      result: { kept: 'session', notice },
    });
  });

  it('says up front that a password would be kept for this session only, so the page promises no keychain', async () => {
    const t = setup({
      secrets: {
        get: async () => ({ ok: true, value: undefined }),
        set: async () => ({ ok: true, value: { kept: 'session' } }),
        remove: async () => ({ ok: true, value: undefined }),
        keeps: () => 'session',
      },
    });
    expect(await t.handle('hasBrokerPassword', { url: 'mqtt://b', username: 'u' })).toEqual({ ok: true, result: { remembers: 'session' } });
  });

  it("counts the app's EVENTFLOW_BROKER_PASSWORD as a password at hand, so the page does not ask, without sending it", async () => {
    const t = setup({ environmentPassword: () => 'env-s3cret' });
    const has = await t.handle('hasBrokerPassword', { url: 'mqtt://b', username: 'u' });
    expect(has).toEqual({ ok: true, result: { from: 'environment', remembers: 'keychain' } });
    expect(JSON.stringify(has)).not.toContain('env-s3cret');
  });

  it('reports a store that cannot save as unavailable with the way out', async () => {
    const t = setup({
      secrets: {
        get: async () => ({ ok: true, value: undefined }),
        set: async () => ({ ok: false, message: 'the operating system keychain is not available' }),
        remove: async () => ({ ok: true, value: undefined }),
        keeps: () => 'session',
      },
    });
    expect(await t.handle('rememberBrokerPassword', { url: 'mqtt://b', username: 'u', password: 'p' })).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'the operating system keychain is not available' },
    });
  });

  it('opens only allow-listed links', async () => {
    const t = setup();
    expect(await t.handle('openExternal', { url: 'https://mqtt.org/' })).toEqual({ ok: true, result: { opened: true } });
    expect(await t.handle('openExternal', { url: 'file:///bin/sh' })).toEqual({ ok: true, result: { opened: false } });
    expect(t.opened).toEqual(['https://mqtt.org/']);
  });

  it('reloads the window when the page asks (the page may not navigate, so it cannot reload itself)', async () => {
    const t = setup();
    expect(await t.handle('reloadWindow', {})).toEqual({ ok: true, result: {} });
    expect(t.reloads).toHaveLength(1);
  });

  it('passes the document state to the window', async () => {
    const t = setup();
    await t.handle('setDocumentState', { path: null, name: 'checkout', dirty: true });
    expect(t.states).toEqual([{ path: null, name: 'checkout', dirty: true }]);
  });
});
