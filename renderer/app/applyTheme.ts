/** The user's theme choice: follow the system, or force one (View > Theme in the desktop app). */
export type ThemeChoice = 'system' | 'light' | 'dark';

let stopFollowing: (() => void) | undefined;

/**
 * Set `data-theme` on the document root to `light` or `dark`; theme.css keys its dark palette
 * on it. With `system`, follow prefers-color-scheme live, as the app did before a choice.
 */
export function applyTheme(choice: ThemeChoice): void {
  stopFollowing?.();
  stopFollowing = undefined;
  const root = document.documentElement;
  if (choice !== 'system') {
    root.dataset.theme = choice;
    return;
  }
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const update = () => {
    root.dataset.theme = query.matches ? 'dark' : 'light';
  };
  update();
  query.addEventListener('change', update);
  stopFollowing = () => query.removeEventListener('change', update);
}
