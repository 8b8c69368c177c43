import { Copy, Trash2 } from 'lucide-react';
import type { FlowNode } from '../../shared/flow/FlowDocument';
import { NODE_KIND_LOOK } from '../canvas/nodeKinds';
import { duplicateSelection } from '../design/editActions';
import { useDesignStore } from '../design/useDesignStore';
import { useSelectionStore } from '../design/useSelectionStore';
import { BrokerForm } from './BrokerForm';
import { ConsumerForm } from './ConsumerForm';
import { FireButton } from './FireButton';
import { ProducerForm } from './ProducerForm';
import { Section } from './Section';
import { TextInput } from './TextInput';
import { withKey } from './withKey';

/** The selected node: its name and description, then the form of its kind. */
export function NodeInspector({ id }: { id: string }) {
  const index = useDesignStore((s) => s.doc.nodes.findIndex((n) => n.id === id));
  const node = useDesignStore((s) => s.doc.nodes[index]);
  if (!node) return null;
  const look = NODE_KIND_LOOK[node.kind];
  const { Icon } = look;
  const update = (fn: (n: FlowNode) => FlowNode): void => useDesignStore.getState().updateNode(id, fn);
  return (
    <div className="ef-inspector__content" data-testid="node-inspector">
      <header className="ef-inspector__header">
        <span className={`ef-inspector__icon ef-inspector__icon--${node.kind}`} aria-hidden>
          <Icon size={16} />
        </span>
        <div className="ef-inspector__titles">
          <h2 className="ef-inspector__name" title={node.name}>
            {node.name || '(unnamed)'}
          </h2>
          <div className="ef-inspector__kind">
            {look.label} · {node.id}
          </div>
        </div>
        <button type="button" className="ef-icon-button" aria-label="Duplicate node" title="Duplicate (Ctrl+D)" onClick={duplicateSelection}>
          <Copy size={15} aria-hidden />
        </button>
        <button
          type="button"
          className="ef-icon-button"
          aria-label="Delete node"
          title="Delete (Delete)"
          onClick={() => {
            useDesignStore.getState().removeElements([id], []);
            useSelectionStore.getState().clear();
          }}
        >
          <Trash2 size={15} aria-hidden />
        </button>
      </header>
      {node.kind === 'producer' && <FireButton nodeId={node.id} manual={node.settings.mode === 'manual'} />}
      <Section title="General">
        <TextInput label="Name" value={node.name} onChange={(v) => update((n) => ({ ...n, name: v ?? '' }))} path={`nodes[${index}].name`} />
        <TextInput label="Description" optional multiline rows={2} value={node.description} onChange={(v) => update((n) => withKey(n, 'description', v))} path={`nodes[${index}].description`} />
      </Section>
      {node.kind === 'producer' && <ProducerForm node={node} index={index} />}
      {node.kind === 'broker' && <BrokerForm node={node} index={index} />}
      {node.kind === 'consumer' && <ConsumerForm node={node} index={index} />}
    </div>
  );
}
