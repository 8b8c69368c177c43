import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { FlowCanvas } from '../canvas/FlowCanvas';
import { Dialogs } from '../dialogs/Dialogs';
import { RecoveryBanner } from '../files/RecoveryBanner';
import { ConnectionBanner } from './ConnectionBanner';
import { useDocumentName } from '../files/useDocumentName';
import { useIsDirty } from '../files/useIsDirty';
import { InspectorPanel } from '../inspectorPanel/InspectorPanel';
import { Palette } from '../palette/Palette';
import { ProblemsPanel } from '../problems/ProblemsPanel';
import { LivePanel } from '../runView/LivePanel';
import { useRunStore } from '../run/useRunStore';
import { useSelectionStore } from '../design/useSelectionStore';
import { useShortcuts } from '../shortcuts/useShortcuts';
import { Toolbar } from '../toolbar/Toolbar';
import { Notices } from './Notices';
import { PanelErrorBoundary } from './PanelErrorBoundary';
import { isReloadingOnPurpose } from './reloadKeepingWork';

/** The designer: toolbar on top, palette left, canvas and problems centre, inspector right. */
export function App() {
  useShortcuts();
  useDocumentTitle();
  useLeaveGuard();
  return (
    <ReactFlowProvider>
      <div className="ef-app">
        <Toolbar />
        <Palette />
        <main className="ef-main">
          <PanelErrorBoundary area="canvas" className="ef-crash--fill" onDismiss={clearSelectionAndPath}>
            <FlowCanvas />
          </PanelErrorBoundary>
          <RecoveryBanner />
          <ConnectionBanner />
        </main>
        <ProblemsPanel />
        <PanelErrorBoundary area="live view" className="ef-crash--live" onDismiss={clearSelectionAndPath}>
          <LivePanel />
        </PanelErrorBoundary>
        <PanelErrorBoundary area="inspector" className="ef-crash--inspector" onDismiss={clearSelectionAndPath}>
          <InspectorPanel />
        </PanelErrorBoundary>
      </div>
      <Dialogs />
      <Notices />
    </ReactFlowProvider>
  );
}

/** Dismissing a render error: what is drawn from the selection or the picked path starts over. */
function clearSelectionAndPath(): void {
  useSelectionStore.getState().clear();
  useRunStore.getState().set({ path: null });
}

/** The tab title: the file name, marked while there are unsaved changes. */
function useDocumentTitle(): void {
  const fileName = useDocumentName();
  const dirty = useIsDirty();
  useEffect(() => {
    document.title = `${dirty ? '● ' : ''}${fileName} — EventFlow Studio`;
  }, [fileName, dirty]);
}

/** Ask before leaving the page with unsaved changes (the recovery copy is a safety net, not a save). */
function useLeaveGuard(): void {
  const dirty = useIsDirty();
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!isReloadingOnPurpose()) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}
