import { Clock, FileJson, Search } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type { FileEntry, RecentEntry } from '../../shared/bridge/bridgeMethods';
import { requireBridge, useBridgeStore } from '../bridge/useBridgeStore';
import { confirmDiscard } from '../files/confirmDiscard';
import { messageOf, openPath } from '../files/fileCommands';
import { useFileStore } from '../files/useFileStore';
import { Dialog } from './Dialog';

/** Before the host has said which roots it has: one stable empty list (a fresh `[]` per render never settles). */
const NO_ROOTS: readonly never[] = [];

/** Open: recent files first, then every flow in the workspace folders, with a filter. */
export function OpenDialog() {
  const [files, setFiles] = useState<FileEntry[] | null>(null);
  const [recent, setRecent] = useState<RecentEntry[]>([]);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const roots = useBridgeStore((s) => s.hostInfo?.workspaceRoots ?? NO_ROOTS);
  useEffect(() => {
    const bridge = requireBridge();
    bridge
      .call('listFiles', {})
      .then((r) => setFiles(r.files))
      .catch((err: unknown) => setError(messageOf(err)));
    bridge
      .call('listRecent', {})
      .then((r) => setRecent(r.files))
      .catch(() => setRecent([]));
  }, []);
  const close = () => useFileStore.getState().set({ dialog: 'none' });
  const open = (path: string) => {
    if (confirmDiscard()) void openPath(path);
  };
  const needle = filter.trim().toLowerCase();
  const shown = useMemo(
    () => (files ?? []).filter((f) => !needle || f.relativePath.toLowerCase().includes(needle)),
    [files, needle],
  );
  const recentShown = recent.filter((r) => !needle || r.name.toLowerCase().includes(needle));
  const rootLabel = (root: string) => roots.find((r) => r.path === root)?.label ?? root;

  return (
    <Dialog title="Open a flow" onClose={close} wide>
      <label className="ef-search">
        <Search size={14} aria-hidden />
        <input
          className="ef-search__input"
          placeholder="Filter by name"
          aria-label="Filter files"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          data-autofocus
        />
      </label>
      {recentShown.length > 0 && (
        <section aria-label="Recent files" className="ef-file-section">
          <h3 className="ef-panel-title">Recent</h3>
          <ul className="ef-file-list">
            {recentShown.map((r) => (
              <li key={r.path}>
                <button type="button" className="ef-file" onClick={() => open(r.path)} aria-label={`Open recent ${r.name}`}>
                  <Clock size={15} aria-hidden className="ef-file__icon" />
                  <span className="ef-file__name">{r.name}</span>
                  <span className="ef-file__path">{r.path}</span>
                  <span className="ef-file__time">{formatTime(r.openedAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Workspace files" className="ef-file-section">
        <h3 className="ef-panel-title">Workspace</h3>
        {error && <p className="ef-error-text">Could not list the workspace: {error}</p>}
        {files === null && !error && <p className="ef-muted">Looking for flows…</p>}
        {files !== null && shown.length === 0 && <p className="ef-muted">No *.eventflow.json files{needle ? ' match' : ' yet'}.</p>}
        <ul className="ef-file-list">
          {shown.map((f) => (
            <li key={f.path}>
              <button type="button" className="ef-file" onClick={() => open(f.path)} aria-label={`Open ${f.relativePath}`}>
                <FileJson size={15} aria-hidden className="ef-file__icon" />
                <span className="ef-file__name">{f.relativePath}</span>
                <span className="ef-file__path">{rootLabel(f.root)}</span>
                <span className="ef-file__time">{formatTime(f.modifiedAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </Dialog>
  );
}

function formatTime(ms: number): string {
  const d = new Date(ms);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : d.toLocaleDateString();
}
