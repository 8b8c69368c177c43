import { CheckCircle2, CircleAlert, Info, X } from 'lucide-react';
import { useNoticeStore } from './useNoticeStore';

const ICONS = { info: Info, success: CheckCircle2, error: CircleAlert } as const;

/** The corner toasts; errors are announced to screen readers at once. */
export function Notices() {
  const notices = useNoticeStore((s) => s.notices);
  return (
    <div className="ef-notices" aria-live="polite">
      {notices.map((n) => {
        const Icon = ICONS[n.kind];
        return (
          <div key={n.id} className={`ef-notice ef-notice--${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
            <Icon size={16} aria-hidden className="ef-notice__icon" />
            <span className="ef-notice__text">{n.message}</span>
            <button type="button" className="ef-icon-button" aria-label="Dismiss" onClick={() => useNoticeStore.getState().dismiss(n.id)}>
              <X size={14} aria-hidden />
            </button>
          </div>
        );
      })}
    </div>
  );
}
