import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuContext } from '../../../../main/electron/buildMenuTemplate';
import type { MenuCommandEvent } from '../../../../shared/bridge/desktopMethods';

function context(overrides: Partial<MenuContext> = {}) {
  const sent: MenuCommandEvent[] = [];
  const calls: string[] = [];
  const ctx: MenuContext = {
    platform: 'linux',
    appName: 'EventFlow Studio',
    isDevelopment: false,
    recentFiles: [],
    theme: 'system',
    send: (e) => sent.push(e),
    clearRecentFiles: () => calls.push('clear'),
    openDocumentation: () => calls.push('docs'),
    openWithDialog: () => calls.push('open-dialog'),
    saveAsWithDialog: () => calls.push('save-as-dialog'),
    showAbout: () => calls.push('about'),
    ...overrides,
  };
  return { ctx, sent, calls };
}

const submenu = (menu: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] => {
  const top = menu.find((m) => m.label?.replace('&', '') === label);
  if (!top) throw new Error(`no ${label} menu in ${menu.map((m) => m.label).join(', ')}`);
  return top.submenu as MenuItemConstructorOptions[];
};
const item = (items: MenuItemConstructorOptions[], label: string) => {
  const found = items.find((i) => i.label === label || (i.role !== undefined && i.role.toLowerCase() === label.toLowerCase()));
  if (!found) throw new Error(`no ${label} in ${items.map((i) => i.label ?? i.role).join(', ')}`);
  return found;
};
const click = (i: MenuItemConstructorOptions) => (i.click as () => void)();

describe('the application menu', () => {
  it('has the File, Edit, View, Run and Help items a designer expects', () => {
    const menu = buildMenuTemplate(context().ctx);
    expect(menu.map((m) => m.label?.replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Run', 'Help']);
    const labels = (name: string) => submenu(menu, name).map((i) => i.label ?? i.role).filter(Boolean);
    expect(labels('File')).toEqual(expect.arrayContaining(['New', 'Open…', 'Open Recent', 'Save', 'Save As…', 'Export…']));
    expect(labels('Edit')).toEqual(expect.arrayContaining(['Undo', 'Redo', 'cut', 'copy', 'paste', 'selectAll']));
    expect(labels('View')).toEqual(expect.arrayContaining(['Zoom In', 'Zoom Out', 'Fit to Window', 'Theme']));
    expect(labels('Run')).toEqual(expect.arrayContaining(['Run', 'Pause', 'Stop', 'Replay…']));
    expect(labels('Help')).toEqual(expect.arrayContaining(['Documentation', 'About EventFlow Studio']));
  });

  it('uses CmdOrCtrl accelerators, and the platform convention for Redo', () => {
    const linux = buildMenuTemplate(context().ctx);
    const file = submenu(linux, 'File');
    expect(item(file, 'New').accelerator).toBe('CmdOrCtrl+N');
    expect(item(file, 'Open…').accelerator).toBe('CmdOrCtrl+O');
    expect(item(file, 'Save').accelerator).toBe('CmdOrCtrl+S');
    expect(item(file, 'Save As…').accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(item(submenu(linux, 'Edit'), 'Undo').accelerator).toBe('CmdOrCtrl+Z');
    expect(item(submenu(linux, 'Edit'), 'Redo').accelerator).toBe('Ctrl+Y');
    const mac = buildMenuTemplate(context({ platform: 'darwin' }).ctx);
    expect(item(submenu(mac, 'Edit'), 'Redo').accelerator).toBe('Cmd+Shift+Z');
    const accelerators = linux.flatMap((m) => (m.submenu as MenuItemConstructorOptions[]).map((i) => i.accelerator)).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('sends the renderer a menu command for document actions', () => {
    const { ctx, sent, calls } = context();
    const menu = buildMenuTemplate(ctx);
    click(item(submenu(menu, 'File'), 'Save'));
    click(item(submenu(menu, 'Run'), 'Run'));
    click(item(submenu(menu, 'Edit'), 'Undo'));
    click(item(submenu(menu, 'View'), 'Fit to Window'));
    expect(sent).toEqual([{ command: 'file.save' }, { command: 'run.start' }, { command: 'edit.undo' }, { command: 'view.fit' }]);
    click(item(submenu(menu, 'File'), 'Open…'));
    click(item(submenu(menu, 'File'), 'Save As…'));
    click(item(submenu(menu, 'Help'), 'Documentation'));
    expect(calls).toEqual(['open-dialog', 'save-as-dialog', 'docs']);
  });

  it('lists recent files, opening the one clicked', () => {
    const { ctx, sent } = context({ recentFiles: ['/f/a.eventflow.json', '/f/b.eventflow.json'] });
    const recent = item(submenu(buildMenuTemplate(ctx), 'File'), 'Open Recent').submenu as MenuItemConstructorOptions[];
    click(item(recent, '/f/b.eventflow.json'));
    expect(sent).toEqual([{ command: 'file.open', path: '/f/b.eventflow.json' }]);
    const none = item(submenu(buildMenuTemplate(context().ctx), 'File'), 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(item(none, 'No Recent Files').enabled).toBe(false);
  });

  it('checks the theme the user chose, in every rebuilt menu', () => {
    const checked = (menu: MenuItemConstructorOptions[]) =>
      (item(submenu(menu, 'View'), 'Theme').submenu as MenuItemConstructorOptions[]).filter((i) => i.checked).map((i) => i.label);
    expect(checked(buildMenuTemplate(context({ theme: 'dark' }).ctx))).toEqual(['Dark']);
    expect(checked(buildMenuTemplate(context({ theme: 'light' }).ctx))).toEqual(['Light']);
    expect(checked(buildMenuTemplate(context({ theme: 'system' }).ctx))).toEqual(['System']);
  });

  it('offers Developer Tools only in development', () => {
    const roles = (dev: boolean) => submenu(buildMenuTemplate(context({ isDevelopment: dev }).ctx), 'View').map((i) => i.role);
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
  });

  it('gives macOS its application menu with About and Quit', () => {
    const menu = buildMenuTemplate(context({ platform: 'darwin' }).ctx);
    expect(menu[0]?.label).toBe('EventFlow Studio');
    const roles = (menu[0]?.submenu as MenuItemConstructorOptions[]).map((i) => i.role ?? i.label);
    expect(roles).toEqual(expect.arrayContaining(['About EventFlow Studio', 'quit', 'hide']));
  });
});
