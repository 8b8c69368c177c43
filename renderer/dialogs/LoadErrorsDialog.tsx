import { CircleAlert } from 'lucide-react';
import { fileNameOf, useFileStore } from '../files/useFileStore';
import { Dialog } from './Dialog';

/** A file the loader refused: every error with its JSON path; the current flow stays open. */
export function LoadErrorsDialog() {
  const failure = useFileStore((s) => s.loadFailure);
  if (!failure) return null;
  const close = () => useFileStore.getState().set({ loadFailure: null });
  return (
    <Dialog
      title={`${fileNameOf(failure.path)} could not be opened`}
      onClose={close}
      footer={
        <button type="button" className="ef-button ef-button--primary" onClick={close}>
          Close
        </button>
      }
    >
      <p className="ef-muted">
        The file has {failure.errors.length} problem{failure.errors.length === 1 ? '' : 's'}. Fix {failure.errors.length === 1 ? 'it' : 'them'} in a text editor (or run{' '}
        <code>eventflow validate</code>) and open it again.
      </p>
      <ul className="ef-load-errors" aria-label="Load errors">
        {failure.errors.map((e, i) => (
          <li key={i} className="ef-load-error">
            <CircleAlert size={14} aria-hidden />
            <code className="ef-load-error__path">{e.path}</code>
            <span>{e.message}</span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
