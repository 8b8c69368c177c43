import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { MAX_LISTED_FILES, type FileEntry } from '../../shared/bridge/bridgeMethods';
import { FLOW_FILE_SUFFIX, type Workspace } from './Workspace';

/** How deep below a root the listing looks; flows live near the top of a project. */
const MAX_DEPTH = 6;
/** Folders that never hold a user's flows and can be huge. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist']);

/**
 * Every `*.eventflow.json` under the workspace roots, newest first, at most MAX_LISTED_FILES.
 * Hidden folders (the recovery folder, .git) are skipped; symlinks count only when they
 * resolve inside the workspace.
 */
export async function listFlowFiles(workspace: Workspace): Promise<{ files: FileEntry[]; truncated: boolean }> {
  const files: FileEntry[] = [];
  const seen = new Set<string>();
  let truncated = false;

  const visit = async (root: string, folder: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return; // unreadable folders are left out, not fatal
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (files.length >= MAX_LISTED_FILES) {
        truncated = true;
        return;
      }
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIPPED_FOLDERS.has(entry.name)) await visit(root, path, depth + 1);
        continue;
      }
      if (!entry.name.endsWith(FLOW_FILE_SUFFIX) || !(entry.isFile() || entry.isSymbolicLink())) continue;
      const real = await realpath(path).catch(() => null);
      if (real === null || !workspace.contains(real) || seen.has(real)) continue;
      const info = await stat(real).catch(() => null);
      if (!info?.isFile()) continue;
      seen.add(real);
      files.push({
        path: real,
        name: entry.name,
        root,
        relativePath: relative(root, path).split(sep).join('/'),
        modifiedAt: Math.round(info.mtimeMs),
        size: info.size,
      });
    }
  };

  for (const root of workspace.roots) await visit(root.path, root.path, 0);
  files.sort((a, b) => b.modifiedAt - a.modifiedAt || a.path.localeCompare(b.path));
  return { files, truncated };
}
