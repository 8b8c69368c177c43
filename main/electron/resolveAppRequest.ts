import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { rendererContentType } from '../host/rendererContentType';
import { APP_HOST, APP_SCHEME } from './securityPolicy';

/** What a request for app://eventflow/... maps to: a file inside the renderer folder, or a refusal. */
export type AppRequestTarget =
  | { ok: true; filePath: string; contentType: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Map an app:// URL to a file under `rootDir` (out/renderer), refusing anything that would
 * leave it. Checklist 18: the custom protocol must not become a file:// with extra steps, so
 * `..` segments (plain or percent-encoded), backslashes, NUL bytes and other hosts are refused
 * before the file system is touched.
 *
 * @example
 * resolveAppRequest('/app/out/renderer', 'app://eventflow/assets/index.js')
 * // => { ok: true, filePath: '/app/out/renderer/assets/index.js', contentType: 'text/javascript; charset=utf-8' }
 * resolveAppRequest('/app/out/renderer', 'app://eventflow/%2e%2e/main/index.js')
 * // => { ok: false, status: 403, reason: 'path leaves the app folder' }
 */
export function resolveAppRequest(rootDir: string, url: string): AppRequestTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { ok: false, status: 403, reason: `only ${APP_SCHEME}://${APP_HOST}/ is served` };
  }
  // The raw path is checked before and after decoding: URL() already folds plain `..`
  // segments, so an encoded one (%2e%2e, %2f, %5c) is the remaining way to climb out.
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return { ok: false, status: 400, reason: 'NUL or backslash in path' };
  }
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) {
    return { ok: false, status: 403, reason: 'path leaves the app folder' };
  }
  const relativePath = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = resolve(rootDir);
  const filePath = resolve(root, relativePath);
  const rel = relative(root, filePath);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    return { ok: false, status: 403, reason: 'path leaves the app folder' };
  }
  const contentType = rendererContentType(filePath);
  if (contentType === undefined) return { ok: false, status: 404, reason: `no such asset type: ${extname(filePath) || '(none)'}` };
  return { ok: true, filePath, contentType };
}
