import { themeOfMenuCommand, type MenuCommand, type ThemeChoice } from '../../shared/bridge/desktopMethods';

export interface ThemePreference {
  /** The theme the user chose last (what View > Theme shows checked). */
  current(): ThemeChoice;
  /** Handle a menu command: true (and the choice applied and saved) when it was a View > Theme item. */
  onMenuCommand(command: MenuCommand): boolean;
}

/**
 * The user's View > Theme choice in the desktop shell, kept across menu rebuilds and restarts.
 * `apply` sets nativeTheme.themeSource (native dialogs, the title bar and the page's
 * prefers-color-scheme follow it); `persist` saves it with the window state. The remembered
 * choice is applied at once, so the window opens in it.
 */
export function createThemePreference(deps: {
  initial: ThemeChoice;
  apply: (theme: ThemeChoice) => void;
  persist: (theme: ThemeChoice) => void;
}): ThemePreference {
  let theme = deps.initial;
  deps.apply(theme);
  return {
    current: () => theme,
    onMenuCommand(command) {
      const chosen = themeOfMenuCommand(command);
      if (chosen === undefined) return false;
      deps.apply(chosen);
      if (chosen !== theme) {
        theme = chosen;
        deps.persist(chosen);
      }
      return true;
    },
  };
}
