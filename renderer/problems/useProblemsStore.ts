import { create } from 'zustand';
import type { Problem } from './checkDocument';

/** What a node or channel badge shows. */
export interface ProblemSummary {
  errors: number;
  warnings: number;
  /** The first (most severe) message, for the badge's tooltip. */
  message: string;
}

export interface ProblemsState {
  problems: Problem[];
  byNode: Readonly<Record<string, ProblemSummary>>;
  byEdge: Readonly<Record<string, ProblemSummary>>;
  /** The first problem at each JSON path, for inline messages under inspector fields. */
  byPath: Readonly<Record<string, Problem>>;
  errorCount: number;
  warningCount: number;
  setProblems(problems: Problem[]): void;
}

/**
 * The latest check of the document. Summaries keep their identity when unchanged, so a
 * node's badge re-renders only when its own problems change.
 */
export const useProblemsStore = create<ProblemsState>()((set, get) => ({
  problems: [],
  byNode: {},
  byEdge: {},
  byPath: {},
  errorCount: 0,
  warningCount: 0,
  setProblems(problems) {
    const sorted = [...problems].sort((a, b) => rank(a) - rank(b));
    const byPath: Record<string, Problem> = {};
    for (const p of sorted) if (p.path && !byPath[p.path]) byPath[p.path] = p;
    const prev = get();
    set({
      problems: sorted,
      byNode: summarise(sorted, (p) => p.nodeId, prev.byNode),
      byEdge: summarise(sorted, (p) => p.edgeId, prev.byEdge),
      byPath,
      errorCount: sorted.filter((p) => p.severity === 'error').length,
      warningCount: sorted.filter((p) => p.severity === 'warning').length,
    });
  },
}));

function rank(p: Problem): number {
  return p.severity === 'error' ? 0 : 1;
}

function summarise(
  problems: readonly Problem[],
  key: (p: Problem) => string | undefined,
  previous: Readonly<Record<string, ProblemSummary>>,
): Record<string, ProblemSummary> {
  const out: Record<string, ProblemSummary> = {};
  for (const p of problems) {
    const id = key(p);
    if (!id) continue;
    const s = out[id] ?? (out[id] = { errors: 0, warnings: 0, message: p.message });
    if (p.severity === 'error') s.errors++;
    else s.warnings++;
  }
  for (const [id, s] of Object.entries(out)) {
    const old = previous[id];
    if (old && old.errors === s.errors && old.warnings === s.warnings && old.message === s.message) out[id] = old;
  }
  return out;
}
