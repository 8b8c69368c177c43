import { useId, type ReactNode } from 'react';
import { useProblemsStore } from '../problems/useProblemsStore';

export interface FieldProps {
  label: string;
  /** The field's JSON path in the document: the loader's and compiler's messages for it appear inline. */
  path?: string;
  /** A message found before the document is checked (e.g. not a number). */
  error?: string | null;
  hint?: ReactNode;
  /** Renders the control, given the ids it must use for the label and the message. */
  children: (ids: { inputId: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
  wide?: boolean;
}

/** A labelled form row with an inline message (error or warning) under the control. */
export function Field({ label, path, error, hint, children, wide }: FieldProps) {
  const inputId = useId();
  const messageId = useId();
  const problem = useProblemsStore((s) => (path ? s.byPath[path] : undefined));
  const message = error ?? problem?.message ?? null;
  const severity = error ? 'error' : (problem?.severity ?? 'error');
  return (
    <div className={`ef-field${wide ? ' ef-field--wide' : ''}${message ? ` has-${severity}` : ''}`}>
      <label className="ef-field__label" htmlFor={inputId}>
        {label}
      </label>
      {children({ inputId, describedBy: message || hint ? messageId : undefined, invalid: Boolean(message) && severity === 'error' })}
      {message ? (
        <div id={messageId} className={`ef-field__message ef-field__message--${severity}`} role={severity === 'error' ? 'alert' : undefined}>
          {message}
        </div>
      ) : hint ? (
        <div id={messageId} className="ef-field__hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}
