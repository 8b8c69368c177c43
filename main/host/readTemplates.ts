import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MAX_FLOW_TEXT_BYTES, type FlowTemplate } from '../../shared/bridge/bridgeMethods';
import { loadFlow } from '../../shared/flow/loadFlow';
import { FLOW_FILE_SUFFIX } from './Workspace';

/**
 * The template gallery: every valid `*.eventflow.json` directly inside the template folders
 * (the examples shipped with the app). A file the loader refuses is left out and reported
 * through `onSkip`, so a broken example never breaks New.
 */
export async function readTemplates(
  folders: readonly string[],
  onSkip: (file: string, reason: string) => void = () => {},
): Promise<FlowTemplate[]> {
  const templates: FlowTemplate[] = [];
  const ids = new Set<string>();
  for (const folder of folders) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names.sort()) {
      if (!name.endsWith(FLOW_FILE_SUFFIX)) continue;
      const file = join(folder, name);
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text === null) continue;
      if (text.length > MAX_FLOW_TEXT_BYTES) {
        onSkip(file, `larger than ${MAX_FLOW_TEXT_BYTES} bytes`);
        continue;
      }
      const loaded = loadFlow(text);
      if (!loaded.ok) {
        onSkip(file, loaded.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
        continue;
      }
      const id = basename(name, FLOW_FILE_SUFFIX);
      if (ids.has(id)) continue;
      ids.add(id);
      templates.push({
        id,
        name: loaded.doc.name,
        ...(loaded.doc.description ? { description: loaded.doc.description } : {}),
        nodeCount: loaded.doc.nodes.length,
        edgeCount: loaded.doc.edges.length,
        text,
      });
    }
  }
  return templates;
}
