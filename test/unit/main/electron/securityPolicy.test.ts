import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, secureWebPreferences } from '../../../../main/electron/securityPolicy';

describe('the window security settings', () => {
  it('isolate, sandbox and keep Node out of the renderer, and set nothing else (no enableBlinkFeatures)', () => {
    // toEqual, not toMatchObject: an added key (enableBlinkFeatures, allowpopups, ...) fails here.
    expect(secureWebPreferences('/out/preload/index.cjs')).toEqual({
      preload: '/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it("allow scripts only from the app itself (script-src 'self', no eval, no inline)", () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/);
  });
});
