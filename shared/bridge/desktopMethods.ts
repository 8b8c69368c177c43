import { z } from 'zod';

/**
 * The part of the bridge only the desktop app implements: native dialogs, the document state
 * the window shows (title, unsaved-changes dot, the close prompt) and the menu commands it
 * pushes. Browser mode answers these methods with `unavailable` (hostInfo.mode tells the UI
 * which host it has). Kept apart from bridgeMethods so the browser host need not grow them.
 *
 * @example
 * const { path } = await bridge.call('showSaveDialog', { suggestedName: 'checkout.eventflow.json' });
 * if (path !== null) await bridge.call('saveFile', { path, doc, overwrite: true });
 */

const empty = z.strictObject({});

export const desktopMethods = {
  /** The native Open dialog, filtered to *.eventflow.json; null when cancelled. */
  showOpenDialog: { params: empty, result: z.strictObject({ path: z.string().nullable() }) },
  /** The native Save dialog (it asks before overwriting); null when cancelled. */
  showSaveDialog: {
    params: z.strictObject({ suggestedName: z.string().max(255).optional() }),
    result: z.strictObject({ path: z.string().nullable() }),
  },
  /**
   * The renderer reports its document whenever the path, name or dirty flag changes: the
   * window title and the close prompt ("Save changes to checkout?") use it.
   */
  setDocumentState: {
    params: z.strictObject({ path: z.string().nullable(), name: z.string().max(255), dirty: z.boolean() }),
    result: empty,
  },
  /**
   * Save an external broker's password in the OS keychain (safeStorage), never in the flow file.
   * With no real keychain (Linux without a secret service) it is kept for this session only:
   * `kept: 'session'`, and the first time a `notice` to show the user, saying why.
   */
  rememberBrokerPassword: {
    params: z.strictObject({ url: z.string().min(1), username: z.string().min(1), password: z.string().min(1) }),
    result: z.strictObject({ kept: z.enum(['keychain', 'session']), notice: z.string().optional() }),
  },
  forgetBrokerPassword: {
    params: z.strictObject({ url: z.string().min(1), username: z.string().min(1) }),
    result: empty,
  },
  /**
   * Whether the desktop app has a password at hand for this broker and user, so the page need
   * not ask (the password itself never goes to the page): one saved (`from: 'saved'`), or
   * EVENTFLOW_BROKER_PASSWORD in the app's environment (`from: 'environment'`, used for whatever
   * external broker the user runs, as `eventflow run` does). `remembers` says where
   * rememberBrokerPassword would keep one now, so the Remember checkbox promises no keychain
   * the app does not have.
   */
  hasBrokerPassword: {
    params: z.strictObject({ url: z.string().min(1), username: z.string().min(1) }),
    result: z.strictObject({
      /** Where a password is at hand (none: the page must ask). */
      from: z.enum(['saved', 'environment']).optional(),
      remembers: z.enum(['keychain', 'session']),
    }),
  },
  /**
   * Reload the window (Reload after a panel error). The page cannot reload itself in the
   * desktop app: `location.reload()` is a navigation it starts, and every navigation the page
   * starts is refused (security checklist 13); the main process's webContents.reload() is not one.
   */
  reloadWindow: { params: empty, result: empty },
  /** Open an allow-listed https URL in the user's browser (anything else is refused). */
  openExternal: { params: z.strictObject({ url: z.string().min(1).max(2048) }), result: z.strictObject({ opened: z.boolean() }) },
} as const;

export type DesktopMethod = keyof typeof desktopMethods;
export const DESKTOP_METHODS = Object.keys(desktopMethods) as DesktopMethod[];

/**
 * True when `name` is a desktop-only bridge method.
 *
 * @example
 * isDesktopMethod('showSaveDialog') // => true
 */
export function isDesktopMethod(name: string): name is DesktopMethod {
  return Object.hasOwn(desktopMethods, name);
}

/**
 * What a menu item (or a file opened from the OS) asks the renderer to do. Items that are
 * native clipboard or window actions (Cut, Copy, Paste, Select All, Developer Tools, Quit)
 * use Electron roles and never reach the renderer.
 */
export const MENU_COMMANDS = [
  'file.new',
  /** With `path`: open that file (chosen in the native dialog, Open Recent, or the OS). */
  'file.open',
  'file.save',
  /** With `path`: save to it (chosen in the native Save dialog, overwrite already confirmed). */
  'file.saveAs',
  'file.export',
  'edit.undo',
  'edit.redo',
  'view.zoomIn',
  'view.zoomOut',
  'view.zoomReset',
  'view.fit',
  'view.theme.light',
  'view.theme.dark',
  'view.theme.system',
  'run.start',
  'run.pause',
  'run.stop',
  'run.replay',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** View > Theme: follow the operating system, or force light or dark. */
export const THEME_CHOICES = ['light', 'dark', 'system'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/**
 * The theme a View > Theme menu command chooses, or undefined for every other command. The
 * desktop shell uses it to remember the choice (the menu's radio item, the saved window state).
 *
 * @example
 * themeOfMenuCommand('view.theme.dark') // => 'dark'
 * themeOfMenuCommand('file.save') // => undefined
 */
export function themeOfMenuCommand(command: MenuCommand): ThemeChoice | undefined {
  const theme = command.startsWith('view.theme.') ? command.slice('view.theme.'.length) : undefined;
  return THEME_CHOICES.find((choice) => choice === theme);
}

export const menuCommandSchema = z.strictObject({ command: z.enum(MENU_COMMANDS), path: z.string().optional() });
export type MenuCommandEvent = z.infer<typeof menuCommandSchema>;

/** Events only the desktop host pushes. */
export const desktopEvents = {
  menuCommand: menuCommandSchema,
} as const;
export type DesktopEvent = keyof typeof desktopEvents;
