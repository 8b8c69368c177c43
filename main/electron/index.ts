// The desktop app's main process: one window, served from app://, talking to the host facade
// (in the runtime utility process) through the one validated IPC channel of ipcBridge.ts.
// Security checklist items are cited where each is enforced; docs/security.md lists them all.
import { app, dialog, ipcMain, Menu, nativeTheme, protocol, safeStorage, screen, session, shell, utilityProcess } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MenuCommandEvent } from '../../shared/bridge/desktopMethods';
import type { RecentEntry } from '../../shared/bridge/bridgeMethods';
import type { WireReply } from '../preload/ipcChannels';
import { registerAppScheme, serveRendererOnAppProtocol } from './appProtocol';
import { BROKER_SECRETS_FILE, createBrokerSecretStore } from './brokerSecretStore';
import { buildMenuTemplate } from './buildMenuTemplate';
import { createCloseGuard, type CloseChoice } from './closeGuard';
import { createDesktopHandlers, withFlowSuffix, type DocumentState } from './desktopHandlers';
import { createBrokerPasswordFiller } from './fillBrokerPassword';
import { createMainWindow } from './createMainWindow';
import { DOCUMENTATION_URL, openExternalIfAllowed } from './externalLinks';
import { FLOW_FILE_SUFFIX, flowFileFromArgv } from './flowFileFromArgv';
import { denyAllPermissions, hardenWebContents } from './hardenWebContents';
import { registerIpcBridge, type IpcBridge } from './ipcBridge';
import { createThemePreference } from './themePreference';
import { createRuntimeConnection, type RuntimeConnection, type UtilityProcessLike } from './RuntimeConnection';
import { loadWindowState, saveWindowState, WINDOW_STATE_FILE } from './windowBoundsStore';

const PRODUCT_NAME = 'EventFlow Studio';
/** An external broker's password when none is kept in the keychain (the CLI reads it too). */
const BROKER_PASSWORD_ENV = 'EVENTFLOW_BROKER_PASSWORD';
const here = dirname(fileURLToPath(import.meta.url)); // out/main
const rendererDir = join(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');
const runtimeEntry = join(here, 'runtimeProcess.js');

// Tests (and anyone keeping two profiles) point these elsewhere.
if (process.env.EVENTFLOW_USER_DATA_DIR) app.setPath('userData', process.env.EVENTFLOW_USER_DATA_DIR);

// Checklist 4: every renderer is sandboxed, whatever a window's own webPreferences say.
app.enableSandbox();

// Checklist 18: app:// must be declared privileged before the app is ready.
registerAppScheme(protocol);

// Checklist 13 and 14: every web contents, whoever creates it, is locked down the same way.
app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, {
    openExternal: (url) => void shell.openExternal(url),
    onBlocked: (what, url) => process.stderr.write(`blocked ${what} to ${url}\n`),
  });
});

// macOS delivers files double-clicked in Finder as open-file, possibly before `ready`.
let pendingOpen: string | undefined = flowFileFromArgv(process.argv, process.cwd());
let openFromOs: ((path: string) => void) | undefined;
app.on('open-file', (event, path) => {
  event.preventDefault();
  if (openFromOs) openFromOs(path);
  else pendingOpen = path;
});

if (!app.requestSingleInstanceLock()) {
  // A second launch (e.g. double-clicking another flow) hands its arguments to the first
  // instance via 'second-instance' and quits: one window, one runtime, one embedded broker.
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const examplesDir = app.isPackaged ? join(process.resourcesPath, 'examples') : join(app.getAppPath(), 'examples');
  const flowsDir = process.env.EVENTFLOW_FLOWS_DIR ?? join(app.getPath('documents'), 'EventFlow');
  mkdirSync(flowsDir, { recursive: true });
  const startupFile = pendingOpen;
  pendingOpen = undefined;

  // Checklist 5: no permission is ever granted to the page.
  denyAllPermissions(session.defaultSession);
  serveRendererOnAppProtocol(protocol, rendererDir);
  app.setAboutPanelOptions({
    applicationName: PRODUCT_NAME,
    applicationVersion: app.getVersion(),
    copyright: 'EventFlow Studio contributors',
    website: DOCUMENTATION_URL,
  });

  const windowStateFile = join(userData, WINDOW_STATE_FILE);
  const windowState = await loadWindowState(
    windowStateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = createMainWindow({
    preloadPath,
    bounds: windowState.bounds,
    maximized: windowState.maximized,
    title: PRODUCT_NAME,
    ...(app.isPackaged ? {} : { iconPath: join(app.getAppPath(), 'build/icon.png') }),
  });

  const currentWindowState = () => ({ bounds: window.getNormalBounds(), maximized: window.isMaximized(), theme: theme.current() });
  const saveCurrentWindowState = (): void => {
    void saveWindowState(windowStateFile, currentWindowState()).catch((err: unknown) =>
      process.stderr.write(`window position and theme not saved: ${String(err)}\n`),
    );
  };
  // View > Theme, remembered across menu rebuilds and restarts; applied before the page paints.
  // The page's theme follows prefers-color-scheme, which follows nativeTheme.themeSource.
  const theme = createThemePreference({
    initial: windowState.theme,
    apply: (choice) => (nativeTheme.themeSource = choice),
    persist: saveCurrentWindowState,
  });

  // Set once the IPC transport is registered (below); events before that have no window to go to.
  const bridgeRef: { current?: IpcBridge } = {};
  const pushMenuCommand = (event: MenuCommandEvent): void => bridgeRef.current?.push([{ name: 'menuCommand', payload: event }]);

  const runtime: RuntimeConnection = createRuntimeConnection({
    fork: () =>
      utilityProcess.fork(runtimeEntry, [], { serviceName: `${PRODUCT_NAME} runtime`, stdio: 'inherit' }) as unknown as UtilityProcessLike,
    config: {
      workspaceRoots: [examplesDir, flowsDir, ...(startupFile ? [dirname(startupFile)] : [])].filter((dir) => existsSync(dir)),
      readOnlyRoots: app.isPackaged ? [examplesDir] : [],
      stateDir: join(userData, 'state'),
      templateDirs: existsSync(examplesDir) ? [examplesDir] : [],
      defaultFlowPath: startupFile ?? join(examplesDir, `checkout${FLOW_FILE_SUFFIX}`),
      saveRoot: flowsDir,
      version: app.getVersion(),
    },
    onEvents: (events) => bridgeRef.current?.push(events),
    onFailed: (message) => process.stderr.write(`${message}\n`),
    onExit: (code, expected) => {
      if (!expected) process.stderr.write(`the runtime process exited unexpectedly (code ${code}); it restarts on the next call\n`);
    },
  });

  // ------------------------------------------------------------ menus and native dialogs
  let recentFiles: string[] = [];
  let documentState: DocumentState = { path: null, name: 'Untitled', dirty: false };
  // macOS matches only the last extension part, so plain .json is offered too (the host still
  // refuses to open anything that is not *.eventflow.json, naming the file).
  const flowFilters = [
    { name: 'EventFlow flows', extensions: ['eventflow.json'] },
    { name: 'JSON', extensions: ['json'] },
  ];

  const pickOpenPath = async (): Promise<string | undefined> => {
    const picked = await dialog.showOpenDialog(window, { title: 'Open Flow', properties: ['openFile'], filters: flowFilters });
    return picked.canceled ? undefined : picked.filePaths[0];
  };
  const pickSavePath = async (suggestedName: string | undefined): Promise<string | undefined> => {
    const picked = await dialog.showSaveDialog(window, {
      title: 'Save Flow',
      defaultPath: join(flowsDir, suggestedName ?? `untitled${FLOW_FILE_SUFFIX}`),
      filters: flowFilters,
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    return picked.canceled || picked.filePath === undefined ? undefined : picked.filePath;
  };
  const grantPath = async (path: string): Promise<void> => runtime.grant(dirname(path));

  const openPath = (path: string): void => {
    void grantPath(path).then(() => pushMenuCommand({ command: 'file.open', path }));
  };
  openFromOs = (path) => {
    app.addRecentDocument(path);
    if (window.isMinimized()) window.restore();
    window.focus();
    openPath(path);
  };

  const rebuildMenu = (): void => {
    const template = buildMenuTemplate({
      platform: process.platform,
      appName: PRODUCT_NAME,
      isDevelopment: !app.isPackaged,
      recentFiles,
      theme: theme.current(),
      send: (event) => {
        // Native dialogs and the title bar follow the chosen theme too; the renderer is told as well.
        theme.onMenuCommand(event.command);
        if (event.command === 'file.open' && event.path !== undefined) openPath(event.path);
        else pushMenuCommand(event);
      },
      clearRecentFiles: () => {
        recentFiles = [];
        app.clearRecentDocuments();
        rebuildMenu();
      },
      openDocumentation: () => void openExternalIfAllowed(DOCUMENTATION_URL, (url) => shell.openExternal(url)),
      openWithDialog: () => {
        void pickOpenPath().then((path) => {
          if (path !== undefined) openPath(path);
        });
      },
      saveAsWithDialog: () => {
        void pickSavePath(documentState.path ? basename(documentState.path) : `${documentState.name}${FLOW_FILE_SUFFIX}`).then(
          async (picked) => {
            if (picked === undefined) return;
            const path = withFlowSuffix(picked);
            await grantPath(path);
            pushMenuCommand({ command: 'file.saveAs', path });
          },
        );
      },
      showAbout: () => app.showAboutPanel(),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  const refreshRecent = async (): Promise<void> => {
    const reply = await runtime.call('listRecent', {});
    if (!reply.ok) return;
    recentFiles = (reply.result as { files: RecentEntry[] }).files.map((f) => f.path);
    rebuildMenu();
  };
  rebuildMenu();
  void refreshRecent();

  // ------------------------------------------------------------ document state and the close prompt
  const closeGuard = createCloseGuard({
    ask: async (name): Promise<CloseChoice> => {
      const { response } = await dialog.showMessageBox(window, {
        type: 'warning',
        buttons: ['Save', "Don't Save", 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
        message: `Do you want to save the changes you made to ${name}?`,
        detail: "Your changes will be lost if you don't save them.",
      });
      return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel';
    },
    requestSave: () => pushMenuCommand({ command: 'file.save' }),
    close: () => window.close(),
  });
  const setDocumentState = (state: DocumentState): void => {
    documentState = state;
    closeGuard.documentChanged(state);
    window.setTitle(`${state.name}${state.dirty ? ' •' : ''} — ${PRODUCT_NAME}`);
    if (process.platform === 'darwin') {
      window.setDocumentEdited(state.dirty);
      window.setRepresentedFilename(state.path ?? '');
    }
  };

  window.on('close', (event) => {
    saveCurrentWindowState();
    closeGuard.onClose(event);
  });

  // ------------------------------------------------------------ the bridge over IPC
  const secrets = createBrokerSecretStore(join(userData, BROKER_SECRETS_FILE), safeStorage, process.platform);
  const callDesktop = createDesktopHandlers({
    pickOpenPath,
    pickSavePath,
    grantPath,
    setDocumentState,
    secrets,
    // After the reply has gone back: the page then unloads (its recovery copy already written).
    reloadWindow: () => setImmediate(() => (window.isDestroyed() ? undefined : window.webContents.reload())),
    environmentPassword: () => process.env[BROKER_PASSWORD_ENV],
    openExternal: (url) => shell.openExternal(url),
  });
  const fillBrokerPassword = createBrokerPasswordFiller(secrets, () => process.env[BROKER_PASSWORD_ENV]);

  const callHost = async (method: string, params: unknown): Promise<WireReply> => {
    // The saved password (safeStorage), else the environment's, joins a run or a replay of an
    // external broker the page did not supply one for; it never travels to the page.
    const forwarded = await fillBrokerPassword(method, params);
    const reply = await runtime.call(method, forwarded);
    if (reply.ok && (method === 'openFile' || method === 'saveFile')) {
      const path = (reply.result as { path: string }).path;
      app.addRecentDocument(path);
      void refreshRecent();
    }
    return reply;
  };

  const bridge = registerIpcBridge({
    ipcMain,
    webContents: () => (window.isDestroyed() ? undefined : window.webContents),
    callHost,
    callDesktop,
    onRefused: (why, detail) => process.stderr.write(`bridge call refused (${why}): ${detail}\n`),
  });
  bridgeRef.current = bridge;

  // ------------------------------------------------------------ lifecycle
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const path = flowFileFromArgv(argv, workingDirectory);
    if (path !== undefined) openFromOs?.(path);
    else {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  if (pendingOpen !== undefined) {
    // An open-file that arrived between `ready` and now.
    openFromOs(pendingOpen);
    pendingOpen = undefined;
  }

  app.on('window-all-closed', () => app.quit());
  let runtimeStopped = false;
  app.on('will-quit', (event) => {
    if (runtimeStopped) return;
    // Runs stop cleanly (brokers closed, the event log flushed) before the process ends.
    event.preventDefault();
    bridge.dispose();
    void runtime.stop().finally(() => {
      runtimeStopped = true;
      app.quit();
    });
  });
}
