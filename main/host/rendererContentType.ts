import { extname } from 'node:path';

/** Content types of what the renderer build contains. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The Content-Type for a file of the built renderer, shared by the browser-mode server and
 * the desktop app's app:// protocol so both serve the same bundle the same way. Undefined for
 * a file type the build never produces (the desktop app refuses those; the browser host sends bytes).
 */
export function rendererContentType(filePath: string): string | undefined {
  return CONTENT_TYPES[extname(filePath).toLowerCase()];
}
