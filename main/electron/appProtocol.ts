import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { resolveAppRequest } from './resolveAppRequest';
import { APP_SCHEME, CONTENT_SECURITY_POLICY } from './securityPolicy';

/** The slice of Electron's `protocol` module used here, so tests can pass a fake. */
export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

/**
 * Declare app:// a standard, secure scheme. Must run before `app.whenReady()`.
 * Checklist 18: the renderer gets a real origin (app://eventflow) instead of file://, so
 * the same-origin policy and the CSP's 'self' mean something.
 */
export function registerAppScheme(protocol: Pick<ProtocolLike, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * The app:// request handler: serves files from `rootDir` only (see resolveAppRequest) and
 * sets the Content-Security-Policy header on every response (checklist 7).
 */
export function createAppProtocolHandler(
  rootDir: string,
  read: (path: string) => Promise<Uint8Array> = readFile,
): (request: Request) => Promise<Response> {
  const securityHeaders = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405, headers: securityHeaders });
    }
    const target = resolveAppRequest(rootDir, request.url);
    if (!target.ok) return new Response(target.reason, { status: target.status, headers: securityHeaders });
    try {
      // A symlink inside the folder must not lead out of it either.
      const [realRoot, realFile] = await Promise.all([realpath(resolve(rootDir)), realpath(target.filePath)]);
      const rel = relative(realRoot, realFile);
      if (rel.startsWith('..') || isAbsolute(rel)) {
        return new Response('path leaves the app folder', { status: 403, headers: securityHeaders });
      }
      const body = await read(realFile);
      // A copy into a plain ArrayBuffer: Response's BodyInit does not take a Buffer's shared-memory view type.
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: { ...securityHeaders, 'Content-Type': target.contentType },
      });
    } catch {
      return new Response('not found', { status: 404, headers: securityHeaders });
    }
  };
}

/** Serve out/renderer on app://. Call once, after `app.whenReady()`. */
export function serveRendererOnAppProtocol(protocol: Pick<ProtocolLike, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir));
}
