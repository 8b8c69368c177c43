import { Copy, Trash2 } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { deleteSelection, duplicateSelection } from '../design/editActions';
import { singleSelection, useSelectionStore } from '../design/useSelectionStore';
import { ChannelInspector } from './ChannelInspector';
import { EventTypeList } from './EventTypeList';
import { FlowInspector } from './FlowInspector';
import { NodeInspector } from './NodeInspector';

/**
 * The side panel: a form for the selected node or channel, the flow's own settings when
 * nothing is selected, and a summary with bulk actions for a multi-selection.
 */
export function InspectorPanel() {
  const single = useSelectionStore(useShallow(singleSelection));
  const counts = useSelectionStore(useShallow((s) => ({ nodes: Object.keys(s.nodes).length, edges: Object.keys(s.edges).length })));
  return (
    <aside className="ef-inspector" aria-label="Inspector">
      <EventTypeList />
      {single?.kind === 'node' ? (
        <NodeInspector key={single.id} id={single.id} />
      ) : single?.kind === 'edge' ? (
        <ChannelInspector key={single.id} id={single.id} />
      ) : counts.nodes + counts.edges > 0 ? (
        <MultiSelection nodes={counts.nodes} edges={counts.edges} />
      ) : (
        <FlowInspector />
      )}
    </aside>
  );
}

function MultiSelection({ nodes, edges }: { nodes: number; edges: number }) {
  const parts = [nodes ? `${nodes} node${nodes === 1 ? '' : 's'}` : '', edges ? `${edges} channel${edges === 1 ? '' : 's'}` : ''].filter(Boolean);
  return (
    <div className="ef-inspector__content ef-inspector__multi">
      <h2 className="ef-inspector__name">{parts.join(' and ')} selected</h2>
      <p className="ef-muted">Drag any of them to move them together. Shift-click to add or remove one.</p>
      <div className="ef-button-row">
        {nodes > 0 && (
          <button type="button" className="ef-button" onClick={duplicateSelection}>
            <Copy size={14} aria-hidden /> Duplicate
          </button>
        )}
        <button type="button" className="ef-button ef-button--danger" onClick={deleteSelection}>
          <Trash2 size={14} aria-hidden /> Delete
        </button>
      </div>
    </div>
  );
}
