import { create } from 'zustand';

/** What the password dialog asks about. */
export interface PasswordRequest {
  url: string;
  username: string;
  /** The desktop app can keep it in the OS keychain; browser mode keeps it in memory only. */
  canRemember: boolean;
  /**
   * Where the desktop app would keep a remembered password: the keychain, or (none on this
   * machine) only until the app quits. Unknown when the app could not say.
   */
  remembers?: 'keychain' | 'session';
  /** What the dialog's button starts (default Run). */
  action?: 'Run' | 'Replay';
}

export interface PasswordAnswer {
  password: string;
  remember: boolean;
}

interface PasswordPromptState {
  request: (PasswordRequest & { answer(value: PasswordAnswer | null): void }) | null;
}

/** The open broker-password request, if any (one at a time). */
export const usePasswordPromptStore = create<PasswordPromptState>()(() => ({ request: null }));

/**
 * Ask for an external broker's password in a dialog (a password field, never echoed);
 * resolves to null when the user cancels. A second request cancels the first.
 */
export function askBrokerPassword(request: PasswordRequest): Promise<PasswordAnswer | null> {
  usePasswordPromptStore.getState().request?.answer(null);
  return new Promise((resolve) => {
    const answer = (value: PasswordAnswer | null) => {
      usePasswordPromptStore.setState({ request: null });
      resolve(value);
    };
    usePasswordPromptStore.setState({ request: { ...request, answer } });
  });
}
