import { ArrowRight, Trash2 } from 'lucide-react';
import { flowEdgeSchema, type FlowEdge, type QoS } from '../../shared/flow/FlowDocument';
import { useDesignStore } from '../design/useDesignStore';
import { useSelectionStore } from '../design/useSelectionStore';
import { CheckboxInput } from './CheckboxInput';
import { RoutingRuleEditor } from './RoutingRuleEditor';
import { Section } from './Section';
import { SelectInput } from './SelectInput';
import { TextInput } from './TextInput';
import { withKey } from './withKey';

const QOS_LABELS: Record<string, string> = {
  '0': '0: at most once',
  '1': '1: at least once',
  '2': '2: exactly once',
};
const QOS_OPTIONS = flowEdgeSchema.shape.qos.unwrap().options.map((o) => String(o.value));

/** The selected channel: topic, delivery, dead-letter role and routing rule. */
export function ChannelInspector({ id }: { id: string }) {
  const index = useDesignStore((s) => s.doc.edges.findIndex((e) => e.id === id));
  const edge = useDesignStore((s) => s.doc.edges[index]);
  const sourceName = useDesignStore((s) => s.doc.nodes.find((n) => n.id === edge?.source)?.name ?? edge?.source);
  const targetName = useDesignStore((s) => s.doc.nodes.find((n) => n.id === edge?.target)?.name ?? edge?.target);
  if (!edge) return null;
  const p = `edges[${index}]`;
  const update = (fn: (e: FlowEdge) => FlowEdge): void => useDesignStore.getState().updateEdge(id, fn);
  return (
    <div className="ef-inspector__content" data-testid="channel-inspector">
      <header className="ef-inspector__header">
        <span className="ef-inspector__icon ef-inspector__icon--channel" aria-hidden>
          <ArrowRight size={16} />
        </span>
        <div className="ef-inspector__titles">
          <h2 className="ef-inspector__name" title={`${sourceName} → ${targetName}`}>
            {sourceName} <span className="ef-muted">→</span> {targetName}
          </h2>
          <div className="ef-inspector__kind">Channel · {edge.id}</div>
        </div>
        <button
          type="button"
          className="ef-icon-button"
          aria-label="Delete channel"
          title="Delete channel (Delete)"
          onClick={() => {
            useDesignStore.getState().removeElements([], [id]);
            useSelectionStore.getState().clear();
          }}
        >
          <Trash2 size={15} aria-hidden />
        </button>
      </header>
      <Section title="Channel">
        <TextInput label="Topic" mono value={edge.topic} onChange={(v) => update((e) => ({ ...e, topic: v ?? '' }))} path={`${p}.topic`} hint="The MQTT topic events travel on: a name, no wildcards" />
        <TextInput label="Label" optional value={edge.label} placeholder="what travels here" onChange={(v) => update((e) => withKey(e, 'label', v))} path={`${p}.label`} />
        <SelectInput
          label="QoS"
          value={String(edge.qos)}
          options={QOS_OPTIONS}
          describe={(q) => QOS_LABELS[q] ?? q}
          onChange={(q) => update((e) => ({ ...e, qos: Number(q) as QoS }))}
          path={`${p}.qos`}
        />
        <CheckboxInput label="Retain" checked={edge.retain} onChange={(v) => update((e) => ({ ...e, retain: v }))} hint="The broker keeps the last event for new subscribers" />
        <CheckboxInput label="Dead-letter channel" checked={edge.deadLetter} onChange={(v) => update((e) => ({ ...e, deadLetter: v }))} hint="Where its source sends what it cannot route or process" />
      </Section>
      {!edge.deadLetter && (
        <Section title="Routing rule">
          <RoutingRuleEditor edge={edge} index={index} />
        </Section>
      )}
    </div>
  );
}
