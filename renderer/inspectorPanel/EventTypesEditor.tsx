import { Plus, Trash2 } from 'lucide-react';
import type { EventTypeDef } from '../../shared/flow/FlowDocument';
import { uniqueId } from '../design/nodeIds';
import { useDesignStore } from '../design/useDesignStore';
import { JsonInput } from './JsonInput';
import { Section } from './Section';
import { TextInput } from './TextInput';
import { withKey } from './withKey';

/** The flow's event catalogue: each type's name, description and example (which prefills rule tests). */
export function EventTypesEditor() {
  const types = useDesignStore((s) => s.doc.eventTypes);
  const setTypes = (eventTypes: EventTypeDef[]): void => useDesignStore.getState().updateFlow({ eventTypes });
  const setAt = (i: number, next: EventTypeDef): void => setTypes(types.map((t, j) => (j === i ? next : t)));
  return (
    <Section
      title={`Event types (${types.length})`}
      actions={
        <button
          type="button"
          className="ef-mini-button"
          onClick={() => setTypes([...types, { name: uniqueId('new.event', new Set(types.map((t) => t.name))), example: {} }])}
        >
          <Plus size={13} aria-hidden /> Add type
        </button>
      }
    >
      {types.length === 0 && <p className="ef-muted">No event types yet: every type a node sends must be declared here.</p>}
      {types.map((t, i) => (
        <details className="ef-card ef-card--collapsible" key={i}>
          <summary className="ef-card__header">
            <span className="ef-card__title ef-mono">{t.name || '(unnamed)'}</span>
            <button
              type="button"
              className="ef-icon-button"
              aria-label={`Remove event type ${t.name}`}
              title="Remove"
              onClick={(e) => {
                e.preventDefault();
                setTypes(types.filter((_, j) => j !== i));
              }}
            >
              <Trash2 size={14} aria-hidden />
            </button>
          </summary>
          <TextInput label="Type name" mono value={t.name} onChange={(v) => setAt(i, { ...t, name: v ?? '' })} path={`eventTypes[${i}].name`} />
          <TextInput label="Type description" optional multiline rows={2} value={t.description} onChange={(v) => setAt(i, withKey(t, 'description', v))} path={`eventTypes[${i}].description`} />
          <JsonInput label="Example data (JSON)" value={t.example} onChange={(v) => setAt(i, withKey(t, 'example', v))} path={`eventTypes[${i}].example`} rows={6} />
        </details>
      ))}
    </Section>
  );
}
