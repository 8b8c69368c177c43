import { useState } from 'react';
import { BridgeError } from '../../shared/bridge/BridgeError';
import { useBridgeStore } from '../bridge/useBridgeStore';
import { slugify } from '../design/nodeIds';
import { useDesignStore } from '../design/useDesignStore';
import { FLOW_FILE_SUFFIX, saveTo } from '../files/fileCommands';
import { useFileStore } from '../files/useFileStore';
import { Dialog } from './Dialog';

/** Save As: a workspace folder and a file name (the .eventflow.json suffix is added if missing). */
export function SaveAsDialog() {
  const info = useBridgeStore((s) => s.hostInfo);
  const currentPath = useFileStore((s) => s.path);
  const roots = info?.workspaceRoots ?? [];
  const initialRoot =
    roots.find((r) => currentPath?.startsWith(r.path + '/'))?.path ?? info?.saveRoot ?? roots[0]?.path ?? '';
  const [root, setRoot] = useState(initialRoot);
  const [name, setName] = useState(() =>
    currentPath ? (currentPath.split('/').pop() ?? '') : `${slugify(useDesignStore.getState().doc.name)}${FLOW_FILE_SUFFIX}`,
  );
  const [exists, setExists] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileName = name.trim().endsWith(FLOW_FILE_SUFFIX) ? name.trim() : `${name.trim()}${FLOW_FILE_SUFFIX}`;
  const target = `${root}/${fileName}`;
  const close = () => useFileStore.getState().set({ dialog: 'none' });

  const submit = async (overwrite: boolean) => {
    setBusy(true);
    try {
      await saveTo(target, overwrite);
    } catch (err) {
      if (err instanceof BridgeError && err.code === 'exists') setExists(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Save flow as"
      onClose={close}
      footer={
        <>
          <button type="button" className="ef-button" onClick={close}>
            Cancel
          </button>
          {exists ? (
            <button type="button" className="ef-button ef-button--danger" disabled={busy} onClick={() => void submit(true)}>
              Replace
            </button>
          ) : (
            <button type="submit" form="ef-save-as" className="ef-button ef-button--primary" disabled={busy || name.trim() === ''}>
              Save
            </button>
          )}
        </>
      }
    >
      <form
        id="ef-save-as"
        className="ef-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        <div className="ef-field">
          <label className="ef-field__label" htmlFor="ef-save-folder">
            Folder
          </label>
          <select id="ef-save-folder" className="ef-input ef-select" value={root} onChange={(e) => { setRoot(e.target.value); setExists(null); }}>
            {roots.map((r) => (
              <option key={r.path} value={r.path}>
                {r.label} ({r.path})
              </option>
            ))}
          </select>
        </div>
        <div className="ef-field">
          <label className="ef-field__label" htmlFor="ef-save-name">
            File name
          </label>
          <input
            id="ef-save-name"
            className="ef-input ef-input--mono"
            value={name}
            data-autofocus
            onChange={(e) => {
              setName(e.target.value);
              setExists(null);
            }}
          />
          <div className="ef-field__hint ef-mono">{target}</div>
        </div>
        {exists && (
          <p className="ef-error-text" role="alert">
            {exists}
          </p>
        )}
      </form>
    </Dialog>
  );
}
