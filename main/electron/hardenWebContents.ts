import { isAllowedExternalUrl } from './externalLinks';

/** The slice of Electron's WebContents that navigation and window creation go through. */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  /** Electron >= 25: any frame, subframes included; the details are the event. */
  on(event: 'will-frame-navigate', listener: (details: FrameNavigationLike) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The slice of Electron's will-frame-navigate event used here. */
export interface FrameNavigationLike {
  url: string;
  isMainFrame: boolean;
  preventDefault(): void;
}

/** The slice of Electron's Session whose permission requests are answered here. */
export interface PermissionSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

/**
 * Lock down every web contents the app creates (call from app.on('web-contents-created')).
 * The designer is a single page: it never navigates and never opens windows.
 */
export function hardenWebContents(
  contents: HardenableContents,
  deps: { openExternal: (url: string) => void; onBlocked?: (what: string, url: string) => void },
): void {
  // Checklist 13 (disable or limit navigation): no navigation at all, in any frame.
  // will-navigate and will-redirect fire for the main frame only; will-frame-navigate
  // (Electron >= 25) fires for the main frame and every subframe, so an <iframe> (or a frame a
  // link targets) cannot be navigated either. The main frame is refused by both; it is reported once.
  const refuseNavigation = (event: { preventDefault(): void }, url: string): void => {
    event.preventDefault();
    deps.onBlocked?.('navigation', url);
  };
  contents.on('will-navigate', refuseNavigation);
  contents.on('will-redirect', refuseNavigation);
  contents.on('will-frame-navigate', (details) => {
    details.preventDefault();
    if (!details.isMainFrame) deps.onBlocked?.('subframe navigation', details.url);
  });
  // Checklist 12 (verify webview options): webviewTag is off; refuse any attach regardless.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Checklist 14 (disable or limit creation of new windows): window.open and target=_blank are
  // denied; an allow-listed https link (checklist 15) opens in the user's browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) deps.openExternal(url);
    else deps.onBlocked?.('new window', url);
    return { action: 'deny' };
  });
}

/**
 * Checklist 5 (handle session permission requests): the designer needs no camera, microphone,
 * geolocation, notifications or the like, so every request and check is denied.
 */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
