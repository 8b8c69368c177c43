import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { THEME_CHOICES, type ThemeChoice } from '../../shared/bridge/desktopMethods';

/** A rectangle in screen coordinates, as Electron's BrowserWindow.getBounds() returns it. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
  /** View > Theme, remembered with the window (files written before it existed have none). */
  theme?: ThemeChoice;
}

/** What loading gives back: no x/y when the saved position is unusable (Electron centres the window). */
export interface LoadedWindowState {
  bounds: Rect | { width: number; height: number };
  maximized: boolean;
  theme: ThemeChoice;
}

/** File name under app.getPath('userData'). */
export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 640, height: 420 } as const;
/** How much of the title bar must be on a screen for a remembered position to be reused. */
const MIN_VISIBLE_PX = 48;

const windowStateSchema = z.object({
  bounds: z.object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().min(MIN_WINDOW_SIZE.width),
    height: z.number().int().min(MIN_WINDOW_SIZE.height),
  }),
  maximized: z.boolean(),
});
const themeSchema = z.enum(THEME_CHOICES);

/**
 * Read the remembered window size, position and theme. A missing or unreadable file, or a
 * position that is no longer on any screen (a monitor was unplugged), gives the default size
 * centred by Electron (no x/y) instead of a window the user cannot see; the theme is read on
 * its own, so bad bounds do not forget it (default: follow the system).
 */
export async function loadWindowState(file: string, workAreas: readonly Rect[]): Promise<LoadedWindowState> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    raw = undefined;
  }
  const savedTheme = themeSchema.safeParse((raw as { theme?: unknown } | undefined)?.theme);
  const theme: ThemeChoice = savedTheme.success ? savedTheme.data : 'system';
  const parsed = windowStateSchema.safeParse(raw);
  if (!parsed.success) return { bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: false, theme };
  const state = parsed.data;
  if (!workAreas.some((area) => titleBarVisible(state.bounds, area))) {
    return { bounds: { width: state.bounds.width, height: state.bounds.height }, maximized: false, theme };
  }
  return { bounds: state.bounds, maximized: state.maximized, theme };
}

/** Write the window state atomically (temp file + rename), so a crash never leaves half a file. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
  await rename(tmp, file);
}

function titleBarVisible(bounds: Rect, area: Rect): boolean {
  const overlapX = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
  const topInside = bounds.y >= area.y && bounds.y + MIN_VISIBLE_PX <= area.y + area.height;
  return overlapX >= MIN_VISIBLE_PX && topInside;
}
