import type { DocumentState } from './desktopHandlers';

export type CloseChoice = 'save' | 'discard' | 'cancel';

/** How long a "Save" chosen in the close prompt may take (it may open the Save dialog) before the window stays open. */
export const SAVE_BEFORE_CLOSE_TIMEOUT_MS = 120_000;

export interface CloseGuard {
  /** Call from the window's 'close' event; prevents it while the user decides. */
  onClose(event: { preventDefault(): void }): void;
  /** The renderer reported its document (setDocumentState); a pending save-then-close may finish. */
  documentChanged(state: DocumentState): void;
}

/**
 * The unsaved-changes prompt. The renderer keeps main told of its document's dirty flag
 * (the `setDocumentState` bridge method, on every change), so at close time main already
 * knows and can ask at once: Save, Don't Save, or Cancel. Save sends `file.save` to the
 * renderer and closes once it reports the document clean; if that does not happen in time
 * (the user cancelled the Save dialog), the window stays open with the work intact.
 */
export function createCloseGuard(deps: {
  ask: (name: string) => Promise<CloseChoice>;
  requestSave: () => void;
  close: () => void;
  saveTimeoutMs?: number;
}): CloseGuard {
  const saveTimeoutMs = deps.saveTimeoutMs ?? SAVE_BEFORE_CLOSE_TIMEOUT_MS;
  let state: DocumentState = { path: null, name: 'Untitled', dirty: false };
  let allowed = false;
  let deciding = false;
  let waitingForSave: { resolve: (clean: boolean) => void; timer: ReturnType<typeof setTimeout> } | undefined;

  const proceed = (): void => {
    allowed = true;
    deps.close();
  };

  const waitUntilClean = (): Promise<boolean> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        waitingForSave = undefined;
        resolve(false);
      }, saveTimeoutMs);
      waitingForSave = { resolve, timer };
    });

  return {
    onClose(event) {
      if (allowed || !state.dirty) return;
      event.preventDefault();
      if (deciding) return;
      deciding = true;
      void deps
        .ask(state.name)
        .then(async (choice) => {
          if (choice === 'discard') return proceed();
          if (choice === 'save') {
            const clean = waitUntilClean();
            deps.requestSave();
            if (await clean) proceed();
          }
        })
        .finally(() => {
          deciding = false;
        });
    },
    documentChanged(next) {
      state = next;
      if (!next.dirty && waitingForSave !== undefined) {
        clearTimeout(waitingForSave.timer);
        waitingForSave.resolve(true);
        waitingForSave = undefined;
      }
    },
  };
}
