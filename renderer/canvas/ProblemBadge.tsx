import { AlertTriangle, CircleAlert } from 'lucide-react';
import type { ProblemSummary } from '../problems/useProblemsStore';

/** A small red (errors) or amber (warnings only) count on a node or channel; its title says the first problem. */
export function ProblemBadge({ summary }: { summary: ProblemSummary | undefined }) {
  if (!summary) return null;
  const isError = summary.errors > 0;
  const count = isError ? summary.errors : summary.warnings;
  const Icon = isError ? CircleAlert : AlertTriangle;
  const label = `${count} ${isError ? 'error' : 'warning'}${count === 1 ? '' : 's'}: ${summary.message}`;
  return (
    <span
      className={`ef-badge ${isError ? 'ef-badge--error' : 'ef-badge--warning'}`}
      title={label}
      aria-label={label}
      data-testid={isError ? 'problem-badge-error' : 'problem-badge-warning'}
    >
      <Icon size={12} strokeWidth={2.5} aria-hidden />
      {count}
    </span>
  );
}
