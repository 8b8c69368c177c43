import type { WebPreferences } from 'electron';

/**
 * The security settings of the desktop shell, in one place so docs/security.md can point at
 * one line per setting. Item numbers refer to Electron's security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security).
 */

/** Checklist 18 (avoid file://, prefer a custom protocol): the renderer is served from app://eventflow/. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'eventflow';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Checklist 7 (define a Content Security Policy). Scripts only from the app itself, no eval,
 * no plugins, no framing, no form posts. `style-src 'unsafe-inline'` is needed because React
 * Flow positions nodes with inline style attributes; styles cannot run code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The webPreferences of every window. Each line is a checklist item; nothing here is left to
 * Electron's defaults so a reader (and the unit test) can see the whole policy.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    // Checklist 2: no Node.js integration in the renderer (nor in workers or subframes).
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // Checklist 3: context isolation, so the page cannot reach the preload's globals.
    contextIsolation: true,
    // Checklist 4: the renderer runs in Chromium's OS-level sandbox.
    sandbox: true,
    // Checklist 6: same-origin policy stays on.
    webSecurity: true,
    // Checklist 8: no http content inside the app.
    allowRunningInsecureContent: false,
    // Checklist 9 and 10: no experimental or extra Blink features.
    experimentalFeatures: false,
    // Checklist 11 and 12: no <webview> at all.
    webviewTag: false,
    spellcheck: false,
  };
}
