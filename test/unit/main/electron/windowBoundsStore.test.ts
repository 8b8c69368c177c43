import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, loadWindowState, saveWindowState } from '../../../../main/electron/windowBoundsStore';

const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
const external = { x: 1920, y: 0, width: 2560, height: 1440 };
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-bounds-'));
  file = join(dir, 'nested', 'window-state.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the remembered window size and position', () => {
  it('comes back as it was saved', async () => {
    const state = { bounds: { x: 2100, y: 80, width: 1400, height: 900 }, maximized: true, theme: 'dark' as const };
    await saveWindowState(file, state);
    expect(await loadWindowState(file, [laptop, external])).toEqual(state);
  });

  it('is the default size when nothing was saved or the file is damaged', async () => {
    const fallback = { bounds: DEFAULT_WINDOW_SIZE, maximized: false, theme: 'system' };
    expect(await loadWindowState(file, [laptop])).toEqual(fallback);
    await writeFile(join(dir, 'bad.json'), '{"bounds": ');
    expect(await loadWindowState(join(dir, 'bad.json'), [laptop])).toEqual(fallback);
    await writeFile(join(dir, 'tiny.json'), JSON.stringify({ bounds: { x: 0, y: 0, width: 10, height: 10 }, maximized: false }));
    expect(await loadWindowState(join(dir, 'tiny.json'), [laptop])).toEqual(fallback);
    await writeFile(join(dir, 'theme.json'), JSON.stringify({ bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false, theme: 'sepia' }));
    expect((await loadWindowState(join(dir, 'theme.json'), [laptop])).theme).toBe('system');
  });

  it('remembers the theme even when the saved bounds are unusable', async () => {
    await writeFile(file.replace('nested/', ''), JSON.stringify({ bounds: { x: 0, y: 0, width: 10, height: 10 }, maximized: false, theme: 'light' }));
    expect(await loadWindowState(file.replace('nested/', ''), [laptop])).toEqual({ bounds: DEFAULT_WINDOW_SIZE, maximized: false, theme: 'light' });
  });

  it('keeps the size but lets the window be centred when its screen is gone', async () => {
    await saveWindowState(file, { bounds: { x: 2100, y: 80, width: 1400, height: 900 }, maximized: false });
    expect(await loadWindowState(file, [laptop])).toEqual({ bounds: { width: 1400, height: 900 }, maximized: false, theme: 'system' });
  });

  it('writes plain JSON a user can read', async () => {
    await saveWindowState(file, { bounds: { x: 10, y: 20, width: 800, height: 600 }, maximized: false });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ bounds: { x: 10, y: 20, width: 800, height: 600 }, maximized: false });
  });
});
