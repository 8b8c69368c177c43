import { useEffect } from 'react';
import { copySelection, deleteSelection, duplicateSelection, pasteClipboard, selectAll } from '../design/editActions';
import { redo, undo } from '../design/history';
import { useSelectionStore } from '../design/useSelectionStore';
import { save } from '../files/fileCommands';
import { requestNewOrOpen } from '../files/requestNewOrOpen';
import { useFileStore } from '../files/useFileStore';

/** True when keys belong to a text field (its own undo, copy and delete apply there). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The designer's keyboard shortcuts. File commands (save, open, new) work everywhere;
 * editing commands work when focus is not in a text field and no dialog is open.
 * Ctrl/Cmd+N belongs to the browser in browser mode, so Alt+N does New there too.
 */
export function handleShortcut(e: KeyboardEvent): boolean {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  const files = useFileStore.getState();
  if (mod && key === 's') {
    if (e.shiftKey) files.set({ dialog: 'saveAs' });
    else void save();
    return true;
  }
  if (files.dialog !== 'none' || files.loadFailure) return false;
  if (mod && key === 'o') {
    requestNewOrOpen('open');
    return true;
  }
  if ((mod || e.altKey) && key === 'n') {
    requestNewOrOpen('new');
    return true;
  }
  if (isTyping(e.target)) return false;
  if (mod && key === 'z') {
    if (e.shiftKey) redo();
    else undo();
    return true;
  }
  if (mod && key === 'y') {
    redo();
    return true;
  }
  if (mod && key === 'a') {
    selectAll();
    return true;
  }
  if (mod && key === 'c') return copySelection();
  if (mod && key === 'v') {
    pasteClipboard();
    return true;
  }
  if (mod && key === 'd') {
    duplicateSelection();
    return true;
  }
  if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
    deleteSelection();
    return true;
  }
  if (e.key === 'Escape') {
    useSelectionStore.getState().clear();
    return false;
  }
  return false;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (handleShortcut(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
