import { useState } from 'react';
import { useDesignStore } from '../design/useDesignStore';
import { fireProducer } from './runControls';
import { useRunStore } from './useRunStore';

/** The most events one Fire sends. */
export const MAX_FIRE_COUNT = 1_000;

/**
 * Fire events from a producer by hand: a payload editor prefilled from its event type's
 * example (empty: the producer's template makes the data) and how many to send.
 */
export function FireDialog() {
  const nodeId = useRunStore((s) => s.fireNodeId);
  if (!nodeId) return null;
  return <FireForm key={nodeId} nodeId={nodeId} />;
}

function FireForm({ nodeId }: { nodeId: string }) {
  const doc = useDesignStore((s) => s.doc);
  const node = doc.nodes.find((n) => n.id === nodeId);
  const eventType = node?.kind === 'producer' ? node.settings.eventType : undefined;
  const example = doc.eventTypes.find((t) => t.name === eventType)?.example;
  const [text, setText] = useState(() => (example === undefined ? '' : JSON.stringify(example, null, 2)));
  const [count, setCount] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const close = () => useRunStore.getState().set({ fireNodeId: null });
  if (!node) return null;

  const fire = () => {
    let data: unknown;
    if (text.trim() !== '') {
      try {
        data = JSON.parse(text);
      } catch (err) {
        setError(`The payload is not JSON: ${(err as Error).message}. Fix it, or empty it to use the producer's template.`);
        return;
      }
    }
    if (!(Number.isInteger(count) && count >= 1 && count <= MAX_FIRE_COUNT)) {
      setError(`Count must be a whole number from 1 to ${MAX_FIRE_COUNT}.`);
      return;
    }
    close();
    void fireProducer(nodeId, data, count);
  };

  return (
    <div className="ef-fire" role="dialog" aria-label={`Fire from ${node.name}`}>
      <div className="ef-fire__title">
        Fire <b>{eventType}</b> from {node.name}
      </div>
      <label className="ef-fire__label">
        Payload (data): empty uses the producer&apos;s template
        <textarea className="ef-fire__payload" value={text} spellCheck={false} rows={10} onChange={(e) => setText(e.target.value)} aria-label="Payload" />
      </label>
      <label className="ef-fire__label ef-fire__count">
        Count
        <input type="number" min={1} max={MAX_FIRE_COUNT} value={count} onChange={(e) => setCount(Number(e.target.value))} aria-label="Count" />
      </label>
      {error && <div className="ef-fire__error" role="alert">{error}</div>}
      <div className="ef-fire__actions">
        <button type="button" className="ef-button" onClick={close}>
          Cancel
        </button>
        <button type="button" className="ef-button ef-button--primary" onClick={fire}>
          Fire
        </button>
      </div>
    </div>
  );
}
