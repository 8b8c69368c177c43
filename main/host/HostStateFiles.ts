import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { recentEntrySchema, recoverySchema, type RecentEntry, type Recovery } from '../../shared/bridge/bridgeMethods';

/** How many files Open Recent remembers. */
export const MAX_RECENT_FILES = 12;

const recentListSchema = z.array(recentEntrySchema);

/**
 * What the host keeps between sessions in its state folder (`.eventflow-recovery/`): the
 * recent-files list and the recovery copy of unsaved work. Writes go to a temporary file
 * and are renamed into place, so a crash mid-write never leaves half a file.
 */
export interface HostStateFiles {
  readRecent(): Promise<RecentEntry[]>;
  rememberRecent(path: string): Promise<void>;
  readRecovery(): Promise<Recovery | null>;
  writeRecovery(recovery: Recovery): Promise<void>;
  clearRecovery(): Promise<void>;
}

export function createHostStateFiles(stateDir: string, now: () => number = Date.now): HostStateFiles {
  const recentFile = join(stateDir, 'recent.json');
  const recoveryFile = join(stateDir, 'recovery.json');
  let writes: Promise<unknown> = Promise.resolve();

  // One write at a time: autosave and a save can race, and the last one must win.
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = writes.then(task, task);
    writes = next.catch(() => undefined);
    return next;
  };

  const writeAtomically = async (file: string, value: unknown): Promise<void> => {
    await mkdir(stateDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
    await rename(temporary, file);
  };

  const readJson = async (file: string): Promise<unknown> => {
    try {
      return JSON.parse(await readFile(file, 'utf8'));
    } catch {
      return undefined; // missing or damaged state is treated as none
    }
  };

  const readRecent = async (): Promise<RecentEntry[]> => {
    const parsed = recentListSchema.safeParse(await readJson(recentFile));
    return parsed.success ? parsed.data : [];
  };

  return {
    readRecent,
    rememberRecent: (path) =>
      serial(async () => {
        const list = (await readRecent()).filter((e) => e.path !== path);
        list.unshift({ path, name: basename(path), openedAt: now() });
        await writeAtomically(recentFile, list.slice(0, MAX_RECENT_FILES));
      }),
    async readRecovery() {
      const parsed = recoverySchema.safeParse(await readJson(recoveryFile));
      return parsed.success ? parsed.data : null;
    },
    writeRecovery: (recovery) => serial(() => writeAtomically(recoveryFile, recovery)),
    clearRecovery: () => serial(() => rm(recoveryFile, { force: true })),
  };
}
