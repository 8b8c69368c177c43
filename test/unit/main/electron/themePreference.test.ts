import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuContext } from '../../../../main/electron/buildMenuTemplate';
import { createThemePreference } from '../../../../main/electron/themePreference';
import { loadWindowState, saveWindowState } from '../../../../main/electron/windowBoundsStore';
import type { MenuCommandEvent, ThemeChoice } from '../../../../shared/bridge/desktopMethods';

const screen = { x: 0, y: 0, width: 1920, height: 1080 };
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-theme-'));
  file = join(dir, 'window-state.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * The desktop shell's wiring (main/electron/index.ts) with Electron taken out: the menu is
 * rebuilt from the preference after every open and save, the choice is applied to nativeTheme
 * and saved with the window state.
 */
async function shell() {
  const applied: ThemeChoice[] = [];
  const state = await loadWindowState(file, [screen]);
  const saves: Promise<void>[] = [];
  const theme = createThemePreference({
    initial: state.theme,
    apply: (choice) => applied.push(choice),
    persist: (choice) => saves.push(saveWindowState(file, { bounds: { x: 0, y: 0, width: 1280, height: 800 }, maximized: false, theme: choice })),
  });
  const sent: MenuCommandEvent[] = [];
  const rebuild = () =>
    buildMenuTemplate({
      platform: 'linux',
      appName: 'EventFlow Studio',
      isDevelopment: false,
      recentFiles: [],
      theme: theme.current(),
      send: (event) => {
        theme.onMenuCommand(event.command);
        sent.push(event);
      },
      clearRecentFiles: () => undefined,
      openDocumentation: () => undefined,
      openWithDialog: () => undefined,
      saveAsWithDialog: () => undefined,
      showAbout: () => undefined,
    } satisfies MenuContext);
  return { applied, rebuild, sent, settled: () => Promise.all(saves) };
}

const themeItems = (menu: MenuItemConstructorOptions[]) => {
  const view = menu.find((m) => m.label === '&View')!.submenu as MenuItemConstructorOptions[];
  return view.find((i) => i.label === 'Theme')!.submenu as MenuItemConstructorOptions[];
};
const checkedTheme = (menu: MenuItemConstructorOptions[]) => themeItems(menu).filter((i) => i.checked).map((i) => i.label);

describe('View > Theme in the desktop app', () => {
  it('stays on the chosen theme when the menu is rebuilt after an open or a save', async () => {
    const app = await shell();
    expect(checkedTheme(app.rebuild())).toEqual(['System']);
    (themeItems(app.rebuild()).find((i) => i.label === 'Dark')!.click as () => void)();
    // File > Open or Save rebuilt the menu (Open Recent changed).
    expect(checkedTheme(app.rebuild())).toEqual(['Dark']);
    expect(app.applied).toEqual(['system', 'dark']);
    // The renderer still gets the command, to repaint.
    expect(app.sent).toEqual([{ command: 'view.theme.dark' }]);
    await app.settled();
  });

  it('opens in the theme chosen in the last session', async () => {
    const first = await shell();
    (themeItems(first.rebuild()).find((i) => i.label === 'Light')!.click as () => void)();
    await first.settled();
    const next = await shell();
    expect(checkedTheme(next.rebuild())).toEqual(['Light']);
    expect(next.applied).toEqual(['light']);
  });

  it('ignores menu commands that are not themes', async () => {
    const app = await shell();
    const menu = app.rebuild();
    const file = menu.find((m) => m.label === '&File')!.submenu as MenuItemConstructorOptions[];
    (file.find((i) => i.label === 'Save')!.click as () => void)();
    expect(checkedTheme(app.rebuild())).toEqual(['System']);
    expect(app.applied).toEqual(['system']);
  });
});
