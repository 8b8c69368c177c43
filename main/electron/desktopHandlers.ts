import { desktopMethods, type DesktopMethod } from '../../shared/bridge/desktopMethods';
import type { WireReply } from '../preload/ipcChannels';
import type { BrokerSecretStore } from './brokerSecretStore';
import { openExternalIfAllowed } from './externalLinks';
import { FLOW_FILE_SUFFIX } from './flowFileFromArgv';

export interface DocumentState {
  path: string | null;
  name: string;
  dirty: boolean;
}

/** What the desktop methods need from Electron (dialogs, the window, the shell), as seams. */
export interface DesktopDeps {
  /** dialog.showOpenDialog on the main window; undefined when cancelled. */
  pickOpenPath(): Promise<string | undefined>;
  /** dialog.showSaveDialog on the main window; undefined when cancelled. */
  pickSavePath(suggestedName: string | undefined): Promise<string | undefined>;
  /** A path the user picked in a native dialog may be read and written by the host. */
  grantPath(path: string): Promise<void>;
  setDocumentState(state: DocumentState): void;
  secrets: BrokerSecretStore;
  /** Reload the window's page (webContents.reload(): not a navigation the page starts, so not refused). */
  reloadWindow(): void;
  /** EVENTFLOW_BROKER_PASSWORD of the app's environment, if set (the fallback when none is saved). */
  environmentPassword(): string | undefined;
  openExternal(url: string): Promise<void>;
}

/**
 * GTK's Save dialog does not add the extension a filter names; a flow must end in
 * `.eventflow.json` for the host to save it and for the OS to open it with the app.
 *
 * @example
 * withFlowSuffix('/home/me/shop') // => '/home/me/shop.eventflow.json'
 * withFlowSuffix('/home/me/shop.json') // => '/home/me/shop.eventflow.json'
 */
export function withFlowSuffix(path: string): string {
  if (path.toLowerCase().endsWith(FLOW_FILE_SUFFIX)) return path;
  return `${path.replace(/\.json$/i, '')}${FLOW_FILE_SUFFIX}`;
}

/**
 * The main process's answers to the desktop-only bridge methods (params already validated by
 * the IPC transport). Each answer is checked against its result schema like any host's.
 */
export function createDesktopHandlers(deps: DesktopDeps): (method: DesktopMethod, params: unknown) => Promise<WireReply> {
  async function answer(method: DesktopMethod, params: unknown): Promise<unknown> {
    switch (method) {
      case 'showOpenDialog': {
        const picked = await deps.pickOpenPath();
        if (picked === undefined) return { path: null };
        await deps.grantPath(picked);
        return { path: picked };
      }
      case 'showSaveDialog': {
        const { suggestedName } = params as { suggestedName?: string };
        const picked = await deps.pickSavePath(suggestedName);
        if (picked === undefined) return { path: null };
        const path = withFlowSuffix(picked);
        await deps.grantPath(path);
        return { path };
      }
      case 'setDocumentState':
        deps.setDocumentState(params as DocumentState);
        return {};
      case 'rememberBrokerPassword': {
        const { url, username, password } = params as { url: string; username: string; password: string };
        const saved = await deps.secrets.set(url, username, password);
        if (!saved.ok) throw new DesktopFailure('unavailable', saved.message);
        // `notice` (the first session-only save) is for the user: why they will be asked again.
        return saved.value;
      }
      case 'forgetBrokerPassword': {
        const { url, username } = params as { url: string; username: string };
        await deps.secrets.remove(url, username);
        return {};
      }
      case 'hasBrokerPassword': {
        const { url, username } = params as { url: string; username: string };
        const found = await deps.secrets.get(url, username);
        const remembers = deps.secrets.keeps();
        if (found.ok && found.value !== undefined) return { from: 'saved', remembers };
        // The same fallback startRun and startReplay get (see fillBrokerPassword): the page need not ask.
        if (deps.environmentPassword() !== undefined) return { from: 'environment', remembers };
        return { remembers };
      }
      case 'reloadWindow':
        deps.reloadWindow();
        return {};
      case 'openExternal': {
        const { url } = params as { url: string };
        return { opened: await openExternalIfAllowed(url, deps.openExternal) };
      }
      default: {
        const unhandled: never = method;
        throw new Error(`no desktop handler for ${String(unhandled)}`);
      }
    }
  }

  return async (method, params) => {
    try {
      const result = desktopMethods[method].result.parse(await answer(method, params));
      return { ok: true, result };
    } catch (err) {
      if (err instanceof DesktopFailure) return { ok: false, error: { code: err.code, message: err.message } };
      return { ok: false, error: { code: 'internal', message: `${method} failed: ${err instanceof Error ? err.message : String(err)}` } };
    }
  };
}

class DesktopFailure extends Error {
  constructor(
    readonly code: 'unavailable',
    message: string,
  ) {
    super(message);
  }
}
