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
import { useShortcuts } from '../shortcuts/useShortcuts';
import { Toolbar } from '../toolbar/Toolbar';
import { Notices } from './Notices';

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
          <FlowCanvas />
          <RecoveryBanner />
          <ConnectionBanner />
        </main>
        <ProblemsPanel />
        <LivePanel />
        <InspectorPanel />
      </div>
      <Dialogs />
      <Notices />
    </ReactFlowProvider>
  );
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
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}
