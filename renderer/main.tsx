import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/app.css';
import './styles/canvas.css';
import './styles/live.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { StartupError } from './app/StartupError';
import { notify } from './app/useNoticeStore';
import { bridgeUrl } from './bridge/bridgeUrl';
import { createIpcBridgeClient, type DesktopBridgeApi } from '../shared/bridge/createIpcBridgeClient';
import { createWebSocketBridge } from './bridge/createWebSocketBridge';
import { startSelectionPruning } from './design/startSelectionPruning';
import { useBridgeStore } from './bridge/useBridgeStore';
import { messageOf, startUp } from './files/fileCommands';
import { startAutosave } from './files/startAutosave';
import { startProblemChecks } from './problems/startProblemChecks';
import { startRunFeed } from './run/startRunFeed';
import { applyTheme } from './app/applyTheme';
import { startDesktopIntegration } from './desktop/startDesktopIntegration';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

/** The desktop app's preload puts its API here; browser mode has none and uses the WebSocket. */
const preload = (window as unknown as { eventflow?: DesktopBridgeApi }).eventflow;
const url = bridgeUrl(window.location);

applyTheme('system');
if (preload) {
  const bridge = createIpcBridgeClient(preload);
  useBridgeStore.getState().set({ bridge, connection: 'open' });
  startDesktopIntegration(bridge);
  start();
} else if (url === null) {
  root.render(
    <StartupError message="This page was opened without its session token. Open the URL that `eventflow web` printed (it ends in ?token=…)." />,
  );
} else {
  const bridge = createWebSocketBridge(url);
  useBridgeStore.getState().set({ bridge, connection: bridge.state });
  bridge.onState((connection) => useBridgeStore.getState().set({ connection }));
  start();
}

function start(): void {
  startProblemChecks();
  const bridge = useBridgeStore.getState().bridge;
  if (bridge) startRunFeed(bridge);
  startSelectionPruning();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  startUp()
    .then(() => startAutosave())
    .catch((err: unknown) => notify('error', `Could not load the start-up flow: ${messageOf(err)}`));
}
