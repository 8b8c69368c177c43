import { describe, expect, it } from 'vitest';
import { denyAllPermissions, hardenWebContents, type HardenableContents } from '../../../../main/electron/hardenWebContents';

function fakeContents() {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
  const contents: HardenableContents = {
    on: ((event: string, listener: never) => listeners.set(event, listener)) as HardenableContents['on'],
    setWindowOpenHandler: (h) => (openHandler = h),
  };
  const fire = (event: string, url = '') => {
    let prevented = false;
    listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  // will-frame-navigate passes one object: the event with the navigation's details on it.
  const fireFrame = (url: string, isMainFrame: boolean) => {
    let prevented = false;
    listeners.get('will-frame-navigate')?.({ url, isMainFrame, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { contents, fire, fireFrame, open: (url: string) => openHandler?.({ url }) };
}

describe('web contents hardening', () => {
  it('refuses every navigation and redirect, and any webview', () => {
    const f = fakeContents();
    const blocked: string[] = [];
    hardenWebContents(f.contents, { openExternal: () => undefined, onBlocked: (what, url) => blocked.push(`${what} ${url}`) });
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-navigate', 'app://eventflow/other.html')).toBe(true);
    expect(f.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(f.fire('will-attach-webview')).toBe(true);
    expect(blocked).toEqual(['navigation https://evil.example/', 'navigation app://eventflow/other.html', 'navigation file:///etc/passwd']);
  });

  it('refuses navigation in subframes too (will-navigate never fires for them)', () => {
    const f = fakeContents();
    const blocked: string[] = [];
    hardenWebContents(f.contents, { openExternal: () => undefined, onBlocked: (what, url) => blocked.push(`${what} ${url}`) });
    expect(f.fireFrame('https://evil.example/frame', false)).toBe(true);
    expect(f.fireFrame('app://eventflow/index.html', false)).toBe(true);
    expect(f.fireFrame('https://evil.example/top', true)).toBe(true);
    // The main frame is reported by will-navigate; subframes here.
    expect(blocked).toEqual(['subframe navigation https://evil.example/frame', 'subframe navigation app://eventflow/index.html']);
  });

  it('denies window.open, opening only allow-listed https links in the browser', () => {
    const f = fakeContents();
    const opened: string[] = [];
    hardenWebContents(f.contents, { openExternal: (url) => opened.push(url) });
    expect(f.open('https://mqtt.org/')).toEqual({ action: 'deny' });
    expect(f.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(f.open('file:///bin/sh')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://mqtt.org/']);
  });

  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((c: unknown, p: string) => boolean) | undefined;
    denyAllPermissions({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) });
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) request?.(null, p, (g) => answers.push(g));
    expect(answers).toEqual([false, false, false, false]);
    expect(check?.(null, 'media')).toBe(false);
  });
});
