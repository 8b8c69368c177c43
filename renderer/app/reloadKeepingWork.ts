import { desktopBridge } from '../bridge/desktopBridge';
import { requireBridge } from '../bridge/useBridgeStore';
import { useDesignStore } from '../design/useDesignStore';
import { isDirty } from '../files/useIsDirty';
import { useFileStore } from '../files/useFileStore';

/** How long Reload waits for the recovery copy to be written before reloading anyway. */
export const RECOVERY_WRITE_TIMEOUT_MS = 2_000;

let reloadingOnPurpose = false;

/** True once reloadKeepingWork has started: the leave guard then lets the page go. */
export function isReloadingOnPurpose(): boolean {
  return reloadingOnPurpose;
}

/**
 * Reload the page after a render error without losing work: unsaved changes are written to
 * the recovery copy first (start-up then offers them back), and the unsaved-changes guard is
 * told not to ask. In the desktop app the main process reloads the window: a reload the page
 * starts itself is a navigation, which the app refuses (security checklist 13).
 */
export async function reloadKeepingWork(): Promise<void> {
  if (isDirty()) {
    const { doc } = useDesignStore.getState();
    const { path } = useFileStore.getState();
    const written = Promise.resolve()
      .then(() => requireBridge().call('writeRecovery', { path, text: JSON.stringify(doc, null, 2) }))
      .catch(() => undefined);
    await Promise.race([written, new Promise((done) => setTimeout(done, RECOVERY_WRITE_TIMEOUT_MS))]);
  }
  reloadingOnPurpose = true;
  const desktop = desktopBridge();
  if (desktop) {
    const asked = await desktop.callDesktop('reloadWindow', {}).then(
      () => true,
      () => false,
    );
    if (asked) return;
  }
  window.location.reload();
}
