import type { DesktopBridgeClient } from '../../shared/bridge/createIpcBridgeClient';
import type { MenuCommandEvent } from '../../shared/bridge/desktopMethods';
import { applyTheme } from '../app/applyTheme';
import { notify } from '../app/useNoticeStore';
import { redo, undo } from '../design/history';
import { useCanvasStore } from '../design/useCanvasStore';
import { useDesignStore } from '../design/useDesignStore';
import { messageOf, openPath, save, saveTo } from '../files/fileCommands';
import { requestNewOrOpen } from '../files/requestNewOrOpen';
import { fileNameOf, useFileStore } from '../files/useFileStore';
import { startRun, stopRun, togglePauseRun } from '../run/runControls';
import { useLivePanelStore } from '../runView/useLivePanelStore';

/** The window title and close prompt need the document state; report it at most this often. */
const DOCUMENT_STATE_THROTTLE_MS = 150;

/**
 * Wire the desktop shell to the renderer: native menu commands run the same actions as the
 * toolbar and shortcuts, native dialogs replace the in-page file pickers, and the document's
 * path, name and dirty flag are reported so the title and the unsaved-changes prompt are right.
 * Returns a function that undoes the wiring.
 */
export function startDesktopIntegration(bridge: DesktopBridgeClient): () => void {
  const offMenu = bridge.onMenuCommand((event) => {
    runMenuCommand(bridge, event).catch((err: unknown) => notify('error', messageOf(err)));
  });

  let last = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = () => {
    timer = undefined;
    const { path, savedDoc } = useFileStore.getState();
    const { doc } = useDesignStore.getState();
    const state = { path, name: path ? fileNameOf(path) : doc.name || 'Untitled flow', dirty: doc !== savedDoc };
    const key = JSON.stringify(state);
    if (key === last) return;
    last = key;
    bridge.callDesktop('setDocumentState', state).catch(() => undefined);
  };
  const schedule = () => {
    timer ??= setTimeout(report, DOCUMENT_STATE_THROTTLE_MS);
  };
  const offDesign = useDesignStore.subscribe(schedule);
  const offFile = useFileStore.subscribe(schedule);
  report();

  return () => {
    offMenu();
    offDesign();
    offFile();
    if (timer) clearTimeout(timer);
  };
}

async function saveAsWithDialog(bridge: DesktopBridgeClient): Promise<void> {
  const suggestedName = `${useDesignStore.getState().doc.name || 'flow'}.eventflow.json`;
  const { path } = await bridge.callDesktop('showSaveDialog', { suggestedName });
  // The native dialog has already asked before overwriting.
  if (path) await saveTo(path, true);
}

async function runMenuCommand(bridge: DesktopBridgeClient, { command, path }: MenuCommandEvent): Promise<void> {
  switch (command) {
    case 'file.new':
      requestNewOrOpen('new');
      return;
    case 'file.open': {
      const chosen = path ?? (await bridge.callDesktop('showOpenDialog', {})).path;
      if (chosen) await openPath(chosen);
      return;
    }
    case 'file.save':
      if (useFileStore.getState().path === null) await saveAsWithDialog(bridge);
      else await save();
      return;
    case 'file.saveAs':
    case 'file.export':
      if (path) await saveTo(path, true);
      else await saveAsWithDialog(bridge);
      return;
    case 'edit.undo':
      undo();
      return;
    case 'edit.redo':
      redo();
      return;
    case 'view.fit':
      useCanvasStore.getState().requestFit();
      return;
    case 'view.zoomIn':
    case 'view.zoomOut':
    case 'view.zoomReset':
      useCanvasStore.getState().requestZoom(command === 'view.zoomIn' ? 'in' : command === 'view.zoomOut' ? 'out' : 'reset');
      return;
    case 'view.theme.light':
      applyTheme('light');
      return;
    case 'view.theme.dark':
      applyTheme('dark');
      return;
    case 'view.theme.system':
      applyTheme('system');
      return;
    case 'run.start':
    case 'run.pause':
    case 'run.stop':
    case 'run.replay':
      runRunCommand(command);
      return;
    default: {
      const unhandled: never = command;
      notify('error', `Unknown menu command ${String(unhandled)}`);
    }
  }
}

function runRunCommand(command: 'run.start' | 'run.pause' | 'run.stop' | 'run.replay'): void {
  switch (command) {
    case 'run.start':
      void startRun();
      return;
    case 'run.pause':
      // Toggles: pauses a running run, resumes a paused one.
      void togglePauseRun();
      return;
    case 'run.stop':
      void stopRun();
      return;
    case 'run.replay':
      useLivePanelStore.getState().show('Replay');
      return;
  }
}
