import { History } from 'lucide-react';
import { discardRecovery, restoreRecovery } from './fileCommands';
import { fileNameOf, useFileStore } from './useFileStore';

/** After a crash: offers the unsaved work the last session left in the recovery copy. */
export function RecoveryBanner() {
  const offer = useFileStore((s) => s.recoveryOffer);
  if (!offer) return null;
  const what = offer.path ? fileNameOf(offer.path) : 'an untitled flow';
  return (
    <div className="ef-banner" role="alertdialog" aria-label="Recover unsaved changes">
      <History size={18} aria-hidden className="ef-banner__icon" />
      <div className="ef-banner__text">
        <strong>Unsaved changes to {what} were recovered</strong>
        <span className="ef-muted"> from {new Date(offer.savedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}.</span>
      </div>
      <button type="button" className="ef-button ef-button--primary" onClick={restoreRecovery}>
        Restore
      </button>
      <button type="button" className="ef-button" onClick={() => void discardRecovery()}>
        Discard
      </button>
    </div>
  );
}
