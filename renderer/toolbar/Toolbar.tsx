import {
  FilePlus2,
  FolderOpen,
  LayoutDashboard,
  Pause,
  Play,
  Redo2,
  Save,
  SaveAll,
  Square,
  Undo2,
  Workflow,
  type LucideIcon,
} from 'lucide-react';
import { useBridgeStore } from '../bridge/useBridgeStore';
import { autoLayout } from '../design/editActions';
import { redo, undo, useCanRedo, useCanUndo } from '../design/history';
import { useDesignStore } from '../design/useDesignStore';
import { requestNewOrOpen } from '../files/requestNewOrOpen';
import { save } from '../files/fileCommands';
import { useFileStore } from '../files/useFileStore';
import { useDocumentName } from '../files/useDocumentName';
import { useIsDirty } from '../files/useIsDirty';
import { pauseRun, resumeRun, startRun, stopRun } from '../run/runControls';
import { RunStatusLine } from '../run/RunStatusLine';
import { isRunLive, useRunStore } from '../run/useRunStore';

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';
/** Why Run and Stop are greyed out until a host can run flows. */
export const RUN_UNAVAILABLE = 'Run arrives with the live view';

/** The app bar: brand, the open file (with an unsaved marker), file, edit, layout and run commands. */
export function Toolbar() {
  const fileName = useDocumentName();
  const filePath = useFileStore((s) => s.path);
  const dirty = useIsDirty();
  const canUndo = useCanUndo();
  const canRedo = useCanRedo();
  const hasNodes = useDesignStore((s) => s.doc.nodes.length > 0);
  const supportsRuns = useBridgeStore((s) => s.hostInfo?.supportsRuns ?? false);
  const connection = useBridgeStore((s) => s.connection);
  const live = useRunStore((s) => isRunLive(s.status));
  const runState = useRunStore((s) => s.status?.state);

  return (
    <header className={`ef-toolbar${live ? ' is-live' : ''}`}>
      <div className="ef-brand">
        <span className="ef-brand__mark" aria-hidden>
          <Workflow size={16} strokeWidth={2.4} />
        </span>
        <span className="ef-brand__name">EventFlow Studio</span>
      </div>
      <div className="ef-doc" data-testid="document-title">
        <span className="ef-doc__name" title={filePath ?? 'Not saved yet'}>
          {fileName}
        </span>
        {dirty && <span className="ef-doc__dirty" role="img" aria-label="Unsaved changes" title="Unsaved changes" />}
      </div>

      <nav className="ef-toolbar__groups" aria-label="Commands">
        <div className="ef-toolbar__group">
          <ToolButton Icon={FilePlus2} label="New" shortcut="Alt+N" onClick={() => requestNewOrOpen('new')} showLabel />
          <ToolButton Icon={FolderOpen} label="Open" shortcut={`${MOD}O`} onClick={() => requestNewOrOpen('open')} showLabel />
          <ToolButton Icon={Save} label="Save" shortcut={`${MOD}S`} onClick={() => void save()} showLabel />
          <ToolButton Icon={SaveAll} label="Save As" shortcut={`Shift+${MOD}S`} onClick={() => useFileStore.getState().set({ dialog: 'saveAs' })} />
        </div>
        <div className="ef-toolbar__group">
          <ToolButton Icon={Undo2} label="Undo" shortcut={`${MOD}Z`} onClick={undo} disabled={!canUndo} />
          <ToolButton Icon={Redo2} label="Redo" shortcut={`Shift+${MOD}Z`} onClick={redo} disabled={!canRedo} />
        </div>
        <div className="ef-toolbar__group">
          <ToolButton Icon={LayoutDashboard} label="Layout" title="Arrange left to right" onClick={() => void autoLayout()} disabled={!hasNodes} showLabel />
        </div>
      </nav>

      <div className="ef-toolbar__end">
        {connection !== 'open' && (
          <span className="ef-connection-state" role="status">
            {connection === 'connecting' ? 'Connecting…' : 'Disconnected: reconnecting…'}
          </span>
        )}
        <RunStatusLine />
        <ToolButton
          Icon={Play}
          label="Run"
          title={supportsRuns ? 'Compile and run the flow' : RUN_UNAVAILABLE}
          onClick={() => void startRun()}
          disabled={!supportsRuns || live}
          variant="primary"
          showLabel
        />
        {runState === 'paused' ? (
          <ToolButton Icon={Play} label="Resume" title="Resume the run: producers continue where they were" onClick={() => void resumeRun()} disabled={!supportsRuns} showLabel />
        ) : (
          <ToolButton
            Icon={Pause}
            label="Pause"
            title={supportsRuns ? 'Pause the run: producers stop generating (events in flight keep flowing)' : RUN_UNAVAILABLE}
            onClick={() => void pauseRun()}
            disabled={!supportsRuns || runState !== 'running'}
            showLabel
          />
        )}
        <ToolButton Icon={Square} label="Stop" title={supportsRuns ? 'Stop the run' : RUN_UNAVAILABLE} onClick={() => void stopRun()} disabled={!supportsRuns || !live} showLabel />
      </div>
    </header>
  );
}

function ToolButton(props: {
  Icon: LucideIcon;
  label: string;
  shortcut?: string;
  title?: string;
  onClick(): void;
  disabled?: boolean;
  showLabel?: boolean;
  variant?: 'primary';
}) {
  const { Icon, label, shortcut, title, onClick, disabled, showLabel, variant } = props;
  const tip = title ?? (shortcut ? `${label} (${shortcut})` : label);
  return (
    <span className="ef-tool-wrap" title={tip}>
      <button
        type="button"
        className={`ef-tool${variant ? ` ef-tool--${variant}` : ''}${showLabel ? '' : ' ef-tool--icon'}`}
        aria-label={label}
        title={tip}
        onClick={onClick}
        disabled={disabled}
      >
        <Icon size={16} strokeWidth={2.1} aria-hidden />
        {showLabel && <span className="ef-tool__label">{label}</span>}
      </button>
    </span>
  );
}
