import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, MenuCommandEvent, ThemeChoice } from '../../shared/bridge/desktopMethods';

export interface MenuContext {
  /** process.platform: macOS gets the application menu and its conventions. */
  platform: NodeJS.Platform;
  appName: string;
  /** Developer Tools are offered only in development (never in a packaged build). */
  isDevelopment: boolean;
  /** Most recent first; shown under File > Open Recent. */
  recentFiles: readonly string[];
  /** The theme the user chose last: its View > Theme item is the checked one. */
  theme: ThemeChoice;
  /** Sends `menu.command` to the focused window's renderer. */
  send(event: MenuCommandEvent): void;
  clearRecentFiles(): void;
  openDocumentation(): void;
  /** File > Open: the native Open dialog, then `file.open` with the chosen path. */
  openWithDialog(): void;
  /** File > Save As: the native Save dialog, then `file.saveAs` with the chosen path. */
  saveAsWithDialog(): void;
  /** The native About panel (name, version, copyright). */
  showAbout(): void;
}

/** How many recent files the menu lists. */
export const MAX_RECENT_FILES = 10;

/**
 * The application menu as a plain template (Menu.buildFromTemplate turns it into a menu), so
 * a test can read labels and accelerators without Electron. Accelerators use CmdOrCtrl, which
 * Electron maps to Cmd on macOS and Ctrl elsewhere; Redo follows each platform's convention.
 */
export function buildMenuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const isMac = ctx.platform === 'darwin';
  const cmd = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => ctx.send({ command }),
  });
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const recent: MenuItemConstructorOptions[] =
    ctx.recentFiles.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : ctx.recentFiles.slice(0, MAX_RECENT_FILES).map((path) => ({
          label: path,
          click: () => ctx.send({ command: 'file.open', path }),
        }));

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: ctx.appName,
          submenu: [
            { label: `About ${ctx.appName}`, click: () => ctx.showAbout() },
            sep,
            { role: 'services' },
            sep,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            sep,
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      cmd('New', 'file.new', 'CmdOrCtrl+N'),
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => ctx.openWithDialog() },
      {
        label: 'Open Recent',
        submenu: [...recent, sep, { label: 'Clear Recent', enabled: ctx.recentFiles.length > 0, click: () => ctx.clearRecentFiles() }],
      },
      sep,
      cmd('Save', 'file.save', 'CmdOrCtrl+S'),
      { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => ctx.saveAsWithDialog() },
      cmd('Export…', 'file.export', 'CmdOrCtrl+E'),
      sep,
      isMac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      // Undo and Redo act on the flow document (zundo history), so the renderer handles them;
      // it falls back to the text field's own undo when one has focus.
      cmd('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
      cmd('Redo', 'edit.redo', isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      cmd('Zoom In', 'view.zoomIn', 'CmdOrCtrl+='),
      cmd('Zoom Out', 'view.zoomOut', 'CmdOrCtrl+-'),
      cmd('Actual Size', 'view.zoomReset', 'CmdOrCtrl+0'),
      cmd('Fit to Window', 'view.fit', 'CmdOrCtrl+1'),
      sep,
      {
        label: 'Theme',
        submenu: [
          // The menu is rebuilt after every open and save (Open Recent): the check follows the
          // remembered choice, not a fixed default.
          { label: 'Light', type: 'radio', checked: ctx.theme === 'light', click: () => ctx.send({ command: 'view.theme.light' }) },
          { label: 'Dark', type: 'radio', checked: ctx.theme === 'dark', click: () => ctx.send({ command: 'view.theme.dark' }) },
          { label: 'System', type: 'radio', checked: ctx.theme === 'system', click: () => ctx.send({ command: 'view.theme.system' }) },
        ],
      },
      sep,
      { role: 'togglefullscreen' },
      ...(ctx.isDevelopment ? [sep, { role: 'toggleDevTools' } as MenuItemConstructorOptions, { role: 'reload' } as MenuItemConstructorOptions] : []),
    ],
  };

  const run: MenuItemConstructorOptions = {
    label: '&Run',
    submenu: [
      cmd('Run', 'run.start', 'F5'),
      cmd('Pause', 'run.pause', 'F6'),
      cmd('Stop', 'run.stop', 'Shift+F5'),
      sep,
      cmd('Replay…', 'run.replay', 'CmdOrCtrl+Shift+R'),
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      { label: 'Documentation', click: () => ctx.openDocumentation() },
      ...(isMac ? [] : [sep, { label: `About ${ctx.appName}`, click: () => ctx.showAbout() }]),
    ],
  };

  return [...appMenu, file, edit, view, run, ...(isMac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []), help];
}
