import { BridgeError } from '../../shared/bridge/BridgeError';
import type { FlowTemplate } from '../../shared/bridge/bridgeMethods';
import type { FlowDocument } from '../../shared/flow/FlowDocument';
import { loadFlow, validateFlow } from '../../shared/flow/loadFlow';
import { notify } from '../app/useNoticeStore';
import { requireBridge, useBridgeStore } from '../bridge/useBridgeStore';
import { blankFlow } from '../design/blankFlow';
import { useCanvasStore } from '../design/useCanvasStore';
import { useDesignStore } from '../design/useDesignStore';
import { useSelectionStore } from '../design/useSelectionStore';
import { liveTraffic } from '../run/liveTraffic';
import { isRunLive, useRunStore } from '../run/useRunStore';
import { useLivePanelStore } from '../runView/useLivePanelStore';
import { fileNameOf, useFileStore } from './useFileStore';

/** The suffix every flow file has; Save As adds it when the user leaves it out. */
export const FLOW_FILE_SUFFIX = '.eventflow.json';

/**
 * Put a document in the editor: history starts afresh, the selection is cleared and the view
 * fits the flow. `path` null makes it untitled; `saved` false marks it unsaved (a restore).
 */
export function showDocument(doc: FlowDocument, path: string | null, saved = true): void {
  useSelectionStore.getState().clear();
  useDesignStore.getState().loadDocument(doc);
  useFileStore.getState().set({
    path,
    savedDoc: saved ? doc : null,
    loadFailure: null,
  });
  useCanvasStore.getState().requestFit();
  forgetEndedRun();
}

/**
 * Another document: a run that has ended belonged to the previous one, so its status,
 * counters and pulses go and the live panel folds back to its header. A live run keeps going
 * (Stop ends it) and stays on screen.
 */
function forgetEndedRun(): void {
  if (isRunLive(useRunStore.getState().status)) return;
  useRunStore.getState().clear();
  liveTraffic.reset();
  useLivePanelStore.getState().setOpen(false);
}

/** Open a workspace file; a file the loader refuses is reported with every error and the current flow stays. */
export async function openPath(path: string): Promise<boolean> {
  try {
    const file = await requireBridge().call('openFile', { path });
    const loaded = loadFlow(file.text);
    if (!loaded.ok) {
      useFileStore.getState().set({ loadFailure: { path: file.path, errors: loaded.errors }, dialog: 'none' });
      return false;
    }
    showDocument(loaded.doc, file.path);
    useFileStore.getState().set({ dialog: 'none' });
    if (loaded.migrations.length > 0) {
      notify('info', `${file.name} was written by an older version and has been updated; save to keep the new format.`);
    }
    return true;
  } catch (err) {
    notify('error', `Could not open ${fileNameOf(path)}: ${messageOf(err)}`);
    return false;
  }
}

/** Start an untitled flow from a template (or a blank one). */
export function newFromTemplate(template: FlowTemplate | null): void {
  if (template === null) {
    showDocument(blankFlow(), null);
  } else {
    const loaded = loadFlow(template.text);
    if (!loaded.ok) {
      useFileStore.getState().set({ loadFailure: { path: template.name, errors: loaded.errors } });
      return;
    }
    showDocument(loaded.doc, null);
  }
  useFileStore.getState().set({ dialog: 'none' });
}

/** Save to the open file, or ask where (Save As) when the flow is untitled. */
export async function save(): Promise<boolean> {
  const { path } = useFileStore.getState();
  if (path === null) {
    useFileStore.getState().set({ dialog: 'saveAs' });
    return false;
  }
  return saveTo(path, true);
}

/**
 * Write the current document to `path`. A document the loader would refuse is not written
 * (the file would not open again): the problems say what to fix.
 */
export async function saveTo(path: string, overwrite: boolean): Promise<boolean> {
  useDesignStore.getState().settleGestures();
  const doc = useDesignStore.getState().doc;
  const valid = validateFlow(doc);
  if (!valid.ok) {
    const first = valid.errors[0];
    notify(
      'error',
      `Not saved: ${valid.errors.length} problem(s) would make the file unreadable${first ? ` (${first.path}: ${first.message})` : ''}. Fix them in Problems first.`,
    );
    return false;
  }
  try {
    const saved = await requireBridge().call('saveFile', { path, doc, overwrite });
    useFileStore.getState().set({ path: saved.path, savedDoc: doc, dialog: 'none' });
    await requireBridge()
      .call('clearRecovery', {})
      .catch(() => undefined);
    notify('success', `Saved ${saved.name}`);
    return true;
  } catch (err) {
    if (err instanceof BridgeError && err.code === 'exists') throw err;
    notify('error', `Could not save: ${messageOf(err)}`);
    return false;
  }
}

/** Restore the work a previous session left unsaved. */
export function restoreRecovery(): void {
  const offer = useFileStore.getState().recoveryOffer;
  if (!offer) return;
  const loaded = loadFlow(offer.text);
  useFileStore.getState().set({ recoveryOffer: null });
  if (!loaded.ok) {
    useFileStore.getState().set({ loadFailure: { path: 'the recovered copy', errors: loaded.errors } });
    return;
  }
  showDocument(loaded.doc, offer.path, false);
  notify('success', 'Restored your unsaved changes. Save to keep them.');
}

/** Throw away the recovered copy. */
export async function discardRecovery(): Promise<void> {
  useFileStore.getState().set({ recoveryOffer: null });
  await requireBridge()
    .call('clearRecovery', {})
    .catch(() => undefined);
}

/**
 * Start-up: learn about the host, open the default flow (the checkout example), then offer
 * whatever a crash left behind.
 */
export async function startUp(): Promise<void> {
  const bridge = requireBridge();
  const info = await bridge.call('getHostInfo', {});
  useBridgeStore.getState().set({ hostInfo: info });
  const { recovery } = await bridge.call('readRecovery', {});
  if (info.defaultFlowPath) await openPath(info.defaultFlowPath);
  else showDocument(blankFlow(), null);
  if (recovery) useFileStore.getState().set({ recoveryOffer: recovery });
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
