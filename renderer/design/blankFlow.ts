import { flowDocumentSchema, type FlowDocument } from '../../shared/flow/FlowDocument';

/** An empty flow on the embedded broker: what New > Blank starts from. */
export function blankFlow(name = 'Untitled flow'): FlowDocument {
  return flowDocumentSchema.parse({ schemaVersion: 1, name, broker: { kind: 'embedded' }, eventTypes: [], nodes: [], edges: [] });
}
