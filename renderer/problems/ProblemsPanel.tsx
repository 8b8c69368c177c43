import { AlertTriangle, CheckCircle2, ChevronDown, ChevronUp, CircleAlert } from 'lucide-react';
import { useState } from 'react';
import { useCanvasStore } from '../design/useCanvasStore';
import { useDesignStore } from '../design/useDesignStore';
import { useSelectionStore } from '../design/useSelectionStore';
import type { Problem } from './checkDocument';
import { useProblemsStore } from './useProblemsStore';

/**
 * Every problem of the flow, errors first. Clicking one selects what it concerns (the
 * inspector opens on the field) and brings it into view.
 */
export function ProblemsPanel() {
  const problems = useProblemsStore((s) => s.problems);
  const errors = useProblemsStore((s) => s.errorCount);
  const warnings = useProblemsStore((s) => s.warningCount);
  const [open, setOpen] = useState(true);
  return (
    <section className={`ef-problems${open ? ' is-open' : ''}`} aria-label="Problems">
      <header className="ef-problems__header">
        <button type="button" className="ef-problems__toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? <ChevronDown size={14} aria-hidden /> : <ChevronUp size={14} aria-hidden />}
          <span className="ef-problems__title">Problems</span>
        </button>
        <span className="ef-count ef-count--error" title={`${errors} errors`} data-testid="problem-count-errors">
          <CircleAlert size={13} aria-hidden /> {errors}
        </span>
        <span className="ef-count ef-count--warning" title={`${warnings} warnings`} data-testid="problem-count-warnings">
          <AlertTriangle size={13} aria-hidden /> {warnings}
        </span>
        <span className="ef-problems__hint">Errors stop a run; warnings do not. Click one to go there.</span>
      </header>
      {open && (
        <div className="ef-problems__list" role="list">
          {problems.length === 0 ? (
            <div className="ef-problems__empty">
              <CheckCircle2 size={15} aria-hidden /> No problems: the flow compiles.
            </div>
          ) : (
            problems.map((p) => <ProblemRow key={p.id} problem={p} />)
          )}
        </div>
      )}
    </section>
  );
}

function ProblemRow({ problem }: { problem: Problem }) {
  const where = useDesignStore((s) => {
    if (problem.nodeId) return s.doc.nodes.find((n) => n.id === problem.nodeId)?.name ?? problem.nodeId;
    if (problem.edgeId) {
      const e = s.doc.edges.find((x) => x.id === problem.edgeId);
      if (!e) return problem.edgeId;
      const name = (id: string) => s.doc.nodes.find((n) => n.id === id)?.name ?? id;
      return `${name(e.source)} → ${name(e.target)}`;
    }
    return 'Flow';
  });
  const Icon = problem.severity === 'error' ? CircleAlert : AlertTriangle;
  return (
    <button
      type="button"
      role="listitem"
      className={`ef-problem ef-problem--${problem.severity}`}
      onClick={() => revealProblem(problem)}
      data-testid="problem"
      data-node-id={problem.nodeId}
      data-edge-id={problem.edgeId}
    >
      <Icon size={14} aria-hidden className="ef-problem__icon" />
      <span className="ef-problem__message">{problem.message}</span>
      <span className="ef-problem__where">
        {where}
        {problem.path ? <span className="ef-problem__path"> · {problem.path}</span> : null}
      </span>
    </button>
  );
}

/** Select what a problem concerns and bring it into view. */
export function revealProblem(problem: Problem): void {
  const selection = useSelectionStore.getState();
  const { doc } = useDesignStore.getState();
  if (problem.nodeId && doc.nodes.some((n) => n.id === problem.nodeId)) {
    selection.select([problem.nodeId]);
    useCanvasStore.getState().requestFit([problem.nodeId]);
    return;
  }
  const edge = problem.edgeId ? doc.edges.find((e) => e.id === problem.edgeId) : undefined;
  if (edge) {
    selection.select([], [edge.id]);
    useCanvasStore.getState().requestFit([edge.source, edge.target]);
    return;
  }
  selection.clear();
}
