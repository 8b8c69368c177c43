import { ArrowRight, Filter, Skull } from 'lucide-react';
import { useMemo } from 'react';
import { brokerNodeSettingsSchema, type BrokerNode, type BrokerNodeSettings } from '../../shared/flow/FlowDocument';
import { useDesignStore } from '../design/useDesignStore';
import { useSelectionStore } from '../design/useSelectionStore';
import { enumOptions } from './numberConstraints';
import { Section } from './Section';
import { SelectInput } from './SelectInput';

const MODE_LABELS: Record<BrokerNodeSettings['mode'], string> = {
  'fan-out': 'Fan-out: every matching channel',
  'first-match': 'First match: the first matching channel',
};

/** The broker's routing mode and its routes (outgoing channels), each a click away. */
export function BrokerForm({ node, index }: { node: BrokerNode; index: number }) {
  // Select the raw arrays (stable until the document changes) and derive the rows here: a
  // selector that builds fresh objects never settles and sends React into an update loop.
  const edges = useDesignStore((s) => s.doc.edges);
  const nodes = useDesignStore((s) => s.doc.nodes);
  const routes = useMemo(
    () =>
      edges
        .filter((e) => e.source === node.id)
        .map((e) => ({
          id: e.id,
          topic: e.topic,
          target: nodes.find((n) => n.id === e.target)?.name ?? e.target,
          hasRule: Boolean(e.rule?.pattern || e.rule?.topicFilter),
          deadLetter: e.deadLetter,
        })),
    [edges, nodes, node.id],
  );
  return (
    <>
      <Section title="Routing">
        <SelectInput
          label="Routing mode"
          value={node.settings.mode}
          options={enumOptions(brokerNodeSettingsSchema.shape.mode) as BrokerNodeSettings['mode'][]}
          describe={(m) => MODE_LABELS[m]}
          onChange={(mode) => useDesignStore.getState().updateNodeSettings(node.id, (s) => ({ ...s, mode }) as BrokerNodeSettings)}
          path={`nodes[${index}].settings.mode`}
          hint="First match takes channels in the order they were drawn."
        />
      </Section>
      <Section title={`Routes (${routes.length})`}>
        {routes.length === 0 && <p className="ef-muted">No outgoing channels yet: drag from the right handle to a consumer.</p>}
        <ul className="ef-route-list">
          {routes.map((r) => (
            <li key={r.id}>
              <button type="button" className="ef-route" onClick={() => useSelectionStore.getState().select([], [r.id])}>
                {r.deadLetter ? <Skull size={13} aria-hidden /> : r.hasRule ? <Filter size={13} aria-hidden /> : <ArrowRight size={13} aria-hidden />}
                <span className="ef-route__target">{r.target}</span>
                <span className="ef-route__topic">{r.topic}</span>
              </button>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
