import { requireBridge } from '../bridge/useBridgeStore';
import { useDesignStore } from '../design/useDesignStore';
import { useFileStore } from './useFileStore';

/** How long edits must pause before the recovery copy is written. */
export const AUTOSAVE_DELAY_MS = 1000;

/**
 * Keep a recovery copy of unsaved work through the bridge, so a crash or a closed tab loses
 * at most AUTOSAVE_DELAY_MS of edits; start-up offers it back. When the document is saved
 * (or undone back to what was saved) the copy this session wrote is removed. Returns the
 * function that stops autosaving.
 */
export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wroteCopy = false;

  const flush = (): void => {
    timer = undefined;
    const { doc } = useDesignStore.getState();
    const { savedDoc, path } = useFileStore.getState();
    const bridge = requireBridge();
    if (doc === savedDoc) {
      if (wroteCopy) {
        wroteCopy = false;
        void bridge.call('clearRecovery', {}).catch(() => undefined);
      }
      return;
    }
    wroteCopy = true;
    void bridge.call('writeRecovery', { path, text: JSON.stringify(doc, null, 2) }).catch(() => {
      wroteCopy = false;
    });
  };

  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, AUTOSAVE_DELAY_MS);
  };

  const stopDoc = useDesignStore.subscribe((s, prev) => {
    if (s.doc !== prev.doc) schedule();
  });
  const stopFile = useFileStore.subscribe((s, prev) => {
    if (s.savedDoc !== prev.savedDoc) schedule();
  });
  return () => {
    stopDoc();
    stopFile();
    if (timer !== undefined) clearTimeout(timer);
  };
}
