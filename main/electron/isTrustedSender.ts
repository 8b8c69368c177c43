import { APP_HOST, APP_SCHEME } from './securityPolicy';

/** The slice of Electron's WebFrameMain that identifies who sent an IPC message. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: SenderFrameLike | null;
}

/**
 * Checklist 17 (validate the sender of all IPC messages): a message is trusted only when it
 * comes from the top-level frame of our own page, served from app://eventflow/. A subframe
 * (even one of ours), a page that navigated elsewhere, a destroyed frame (null) or any other
 * origin is refused.
 *
 * @example
 * isTrustedSender({ url: 'app://eventflow/index.html', parent: null }) // => true
 * isTrustedSender({ url: 'https://evil.example/', parent: null }) // => false
 */
export function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
  if (frame === null || frame === undefined) return false;
  if (frame.parent !== null) return false;
  let parsed: URL;
  try {
    parsed = new URL(frame.url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}
