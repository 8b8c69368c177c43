import { Send } from 'lucide-react';
import { fireProducer } from '../../run/runControls';
import { useRunStore } from '../../run/useRunStore';

/**
 * Fire one event from a manual producer, on its card while a run is live (like the button on
 * a Node-RED inject node): the producer's template makes the data. The run menu and the
 * inspector fire with a payload and a count.
 */
export function NodeFireButton({ nodeId, name }: { nodeId: string; name: string }) {
  const live = useRunStore((s) => s.status?.state === 'running' || s.status?.state === 'paused');
  if (!live) return null;
  return (
    <button
      type="button"
      className="ef-node__fire nodrag"
      title={`Fire one event from ${name} (right-click for a payload and a count)`}
      aria-label={`Fire one event from ${name}`}
      onClick={(e) => {
        e.stopPropagation();
        void fireProducer(nodeId, undefined, 1);
      }}
    >
      <Send size={12} strokeWidth={2.4} aria-hidden />
    </button>
  );
}
