import { useId, useState } from 'react';
import { Dialog } from '../dialogs/Dialog';
import { useDesignStore } from '../design/useDesignStore';
import { parseJson } from '../inspectorPanel/JsonInput';
import { fireProducer } from './runControls';
import { isRunLive, useRunStore } from './useRunStore';

/** The most events one Fire sends. */
export const MAX_FIRE_COUNT = 1_000;

/**
 * Fire events from a producer by hand: a payload editor prefilled from its event type's
 * example (empty: the producer's template makes the data) and how many to send. The JSON is
 * checked as it is typed; Fire waits until it parses and the count is in range.
 */
export function FireDialog() {
  const nodeId = useRunStore((s) => s.fireNodeId);
  if (!nodeId) return null;
  return <FireForm key={nodeId} nodeId={nodeId} />;
}

/** What is wrong with the count, or null. */
function countProblem(text: string): string | null {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 1 || n > MAX_FIRE_COUNT) return `Count: a whole number from 1 to ${MAX_FIRE_COUNT} (got ${text.trim() === '' ? 'nothing' : text}).`;
  return null;
}

function FireForm({ nodeId }: { nodeId: string }) {
  const node = useDesignStore((s) => s.doc.nodes.find((n) => n.id === nodeId));
  const eventTypes = useDesignStore((s) => s.doc.eventTypes);
  const live = useRunStore((s) => isRunLive(s.status));
  const eventType = node?.kind === 'producer' ? node.settings.eventType : undefined;
  const example = eventTypes.find((t) => t.name === eventType)?.example;
  const [text, setText] = useState(() => (example === undefined ? '' : JSON.stringify(example, null, 2)));
  const [count, setCount] = useState('1');
  const payloadId = useId();
  const payloadMessageId = useId();
  const countId = useId();
  const close = () => useRunStore.getState().set({ fireNodeId: null });
  if (!node) return null;

  const parsed = text.trim() === '' ? null : parseJson(text);
  const payloadError = parsed && !parsed.ok ? `The payload is not JSON: ${parsed.message}. Fix it, or empty the box to use the producer's template.` : null;
  const countError = countProblem(count);
  const blocked = payloadError ?? countError ?? (live ? null : 'The run has ended: press Run to fire events.');

  const fire = () => {
    if (blocked) return;
    close();
    void fireProducer(nodeId, parsed?.ok ? parsed.value : undefined, Number(count));
  };

  return (
    <Dialog
      title={`Fire from ${node.name}`}
      onClose={close}
      testId="fire-dialog"
      footer={
        <>
          {blocked && !payloadError && (
            <span className="ef-fire__blocked" role="status">
              {blocked}
            </span>
          )}
          <button type="button" className="ef-button" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="ef-fire-form" className="ef-button ef-button--primary" disabled={blocked !== null} title={blocked ?? `Send ${count} ${eventType} event(s)`}>
            Fire
          </button>
        </>
      }
    >
      <form
        id="ef-fire-form"
        className="ef-fire"
        onSubmit={(e) => {
          e.preventDefault();
          fire();
        }}
      >
        <p className="ef-muted">
          Sends <code>{eventType}</code> events through the running flow, as if {node.name} had produced them.
        </p>
        <label className="ef-fire__label" htmlFor={payloadId}>
          Payload (the event&apos;s data): empty uses the producer&apos;s template
        </label>
        <textarea
          id={payloadId}
          className="ef-input ef-input--area ef-input--mono ef-fire__payload"
          value={text}
          spellCheck={false}
          rows={12}
          aria-label="Payload"
          aria-invalid={payloadError !== null}
          aria-describedby={payloadError ? payloadMessageId : undefined}
          onChange={(e) => setText(e.target.value)}
          data-autofocus
        />
        {payloadError && (
          <div id={payloadMessageId} className="ef-fire__error" role="alert">
            {payloadError}
          </div>
        )}
        <div className="ef-fire__count">
          <label className="ef-fire__label" htmlFor={countId}>
            Count
          </label>
          <input
            id={countId}
            type="number"
            className="ef-input"
            min={1}
            max={MAX_FIRE_COUNT}
            value={count}
            aria-label="Count"
            aria-invalid={countError !== null}
            onChange={(e) => setCount(e.target.value)}
          />
        </div>
      </form>
    </Dialog>
  );
}
