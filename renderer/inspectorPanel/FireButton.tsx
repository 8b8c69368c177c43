import { Send } from 'lucide-react';
import { isRunLive, useRunStore } from '../run/useRunStore';

/**
 * Fire for the selected producer: opens the Fire dialog (payload prefilled from its event
 * type's example) while the flow runs; before that it says why it cannot.
 */
export function FireButton({ nodeId, manual }: { nodeId: string; manual: boolean }) {
  const state = useRunStore((s) => s.status?.state);
  const live = useRunStore((s) => isRunLive(s.status)) && state !== 'starting';
  const reason = live ? null : state === 'starting' ? 'The run is starting…' : 'Press Run first: Fire sends events through the running flow.';
  return (
    <div className="ef-fire-bar" data-testid="fire-bar">
      <span className="ef-tool-wrap" title={reason ?? 'Send events from this producer now'}>
        <button
          type="button"
          className={`ef-button${manual ? ' ef-button--primary' : ''}`}
          disabled={!live}
          onClick={() => useRunStore.getState().set({ fireNodeId: nodeId })}
        >
          <Send size={14} aria-hidden /> Fire…
        </button>
      </span>
      <span className="ef-fire-bar__hint">{reason ?? (manual ? 'Sends events when you fire them' : 'Extra events on top of its rate')}</span>
    </div>
  );
}
