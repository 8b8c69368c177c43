import { FileText, LayoutTemplate } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { FlowTemplate } from '../../shared/bridge/bridgeMethods';
import { requireBridge } from '../bridge/useBridgeStore';
import { confirmDiscard } from '../files/confirmDiscard';
import { messageOf, newFromTemplate } from '../files/fileCommands';
import { useFileStore } from '../files/useFileStore';
import { Dialog } from './Dialog';

/** New: the template gallery, Blank first, then every example flow the host offers. */
export function NewDialog() {
  const [templates, setTemplates] = useState<FlowTemplate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    requireBridge()
      .call('listTemplates', {})
      .then((r) => setTemplates(r.templates.filter((t) => t.nodeCount > 0)))
      .catch((err: unknown) => setError(messageOf(err)));
  }, []);
  const close = () => useFileStore.getState().set({ dialog: 'none' });
  const choose = (t: FlowTemplate | null) => {
    if (confirmDiscard()) newFromTemplate(t);
  };
  return (
    <Dialog title="New flow" onClose={close} wide>
      <div className="ef-gallery" role="list" aria-label="Templates">
        <button type="button" role="listitem" className="ef-template" aria-label="Blank" onClick={() => choose(null)} data-autofocus>
          <span className="ef-template__icon" aria-hidden>
            <FileText size={20} />
          </span>
          <span className="ef-template__name">Blank</span>
          <span className="ef-template__description">An empty canvas: add a producer, a broker and a consumer.</span>
          <span className="ef-template__meta">0 nodes</span>
        </button>
        {templates?.map((t) => (
          <button type="button" role="listitem" key={t.id} className="ef-template" aria-label={t.name} onClick={() => choose(t)}>
            <span className="ef-template__icon ef-template__icon--example" aria-hidden>
              <LayoutTemplate size={20} />
            </span>
            <span className="ef-template__name">{t.name}</span>
            <span className="ef-template__description">{t.description ?? 'An example flow.'}</span>
            <span className="ef-template__meta">
              {t.nodeCount} nodes · {t.edgeCount} channels
            </span>
          </button>
        ))}
      </div>
      {templates === null && !error && <p className="ef-muted">Loading templates…</p>}
      {error && <p className="ef-error-text">Could not list the templates: {error}</p>}
    </Dialog>
  );
}
