import { compileFlow } from '../../shared/compile/compileFlow';
import type { DiagnosticCode } from '../../shared/compile/RuntimePlan';
import type { FlowDocument } from '../../shared/flow/FlowDocument';
import { validateFlow } from '../../shared/flow/loadFlow';

/** One thing wrong with the flow, wherever it was found. */
export interface Problem {
  /** Stable while the problem lasts (React key, selection in the panel). */
  id: string;
  severity: 'error' | 'warning';
  message: string;
  /** JSON path in the document, e.g. `nodes[2].settings.ratePerSecond`. */
  path?: string;
  nodeId?: string;
  edgeId?: string;
  /** `file`: the loader would refuse it (it cannot be saved); `compiler`: it cannot run as drawn. */
  source: 'file' | 'compiler';
  code?: DiagnosticCode;
}

const NODE_PATH = /^nodes\[(\d+)\]/;
const EDGE_PATH = /^edges\[(\d+)\]/;

/**
 * Every problem of a document: the loader's validation (what would make the saved file
 * unreadable) and the compiler's diagnostics (what would stop or spoil a run), each tied to
 * the node or channel it concerns so the canvas can badge it.
 */
export function checkDocument(doc: FlowDocument): Problem[] {
  const problems: Problem[] = [];
  const validation = validateFlow(doc);
  if (!validation.ok) {
    for (const error of validation.errors) {
      const nodeIndex = NODE_PATH.exec(error.path)?.[1];
      const edgeIndex = EDGE_PATH.exec(error.path)?.[1];
      const nodeId = nodeIndex === undefined ? undefined : doc.nodes[Number(nodeIndex)]?.id;
      const edgeId = edgeIndex === undefined ? undefined : doc.edges[Number(edgeIndex)]?.id;
      problems.push({
        id: `file:${error.path}:${error.message}`,
        severity: 'error',
        message: error.message,
        path: error.path,
        source: 'file',
        ...(nodeId ? { nodeId } : {}),
        ...(edgeId ? { edgeId } : {}),
      });
    }
  }
  try {
    for (const d of compileFlow(doc).diagnostics) {
      problems.push({
        id: `compiler:${d.code}:${d.path ?? ''}:${d.nodeId ?? ''}:${d.edgeId ?? ''}:${d.message}`,
        severity: d.severity,
        message: d.message,
        source: 'compiler',
        code: d.code,
        ...(d.path ? { path: d.path } : {}),
        ...(d.nodeId ? { nodeId: d.nodeId } : {}),
        ...(d.edgeId ? { edgeId: d.edgeId } : {}),
      });
    }
  } catch (err) {
    // The compiler expects a valid document; while the loader's errors stand, they say enough.
    if (validation.ok) {
      problems.push({
        id: 'compiler:crash',
        severity: 'error',
        message: `The flow could not be checked (${err instanceof Error ? err.message : String(err)}): please report this.`,
        source: 'compiler',
      });
    }
  }
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.id) && seen.add(p.id));
}
