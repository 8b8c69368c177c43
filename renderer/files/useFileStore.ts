import { create } from 'zustand';
import type { Recovery } from '../../shared/bridge/bridgeMethods';
import type { FlowDocument } from '../../shared/flow/FlowDocument';
import type { FlowError } from '../../shared/flow/loadFlow';

export type FileDialog = 'none' | 'new' | 'open' | 'saveAs';

export interface FileState {
  /** The file being edited; null for an untitled flow. */
  path: string | null;
  /** The document as last opened or saved: the editor is dirty while its document is another object. */
  savedDoc: FlowDocument | null;
  /** A file that could not be opened, with the loader's errors (shown in a dialog). */
  loadFailure: { path: string; errors: FlowError[] } | null;
  /** Unsaved work from a previous session, offered for restore. */
  recoveryOffer: Recovery | null;
  dialog: FileDialog;
  set(patch: Partial<Omit<FileState, 'set'>>): void;
}

/** Which file is open and whether it is saved; file dialogs' visibility. */
export const useFileStore = create<FileState>()((set) => ({
  path: null,
  savedDoc: null,
  loadFailure: null,
  recoveryOffer: null,
  dialog: 'none',
  set: (patch) => set(patch),
}));

/** The file name a path ends with. */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
