import { BrowserWindow } from 'electron';
import { MIN_WINDOW_SIZE, type Rect } from './windowBoundsStore';
import { APP_ENTRY_URL, secureWebPreferences } from './securityPolicy';

/**
 * The designer's window: every webPreference from securityPolicy.ts (checklist 2, 3, 4, 6, 8,
 * 9, 10, 11), the page loaded from app:// (checklist 18), shown once painted so it never
 * flashes white.
 */
export function createMainWindow(options: {
  preloadPath: string;
  bounds: Partial<Rect> & { width: number; height: number };
  maximized: boolean;
  title: string;
  iconPath?: string;
}): BrowserWindow {
  const window = new BrowserWindow({
    ...options.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: options.title,
    show: false,
    backgroundColor: '#111827',
    ...(options.iconPath === undefined ? {} : { icon: options.iconPath }),
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => {
    if (options.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
