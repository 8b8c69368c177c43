/** The outcome colours pulses are drawn in, from the theme (canvas.css, --pulse-*). */
export interface PulseColors {
  dropped: string;
  dead: string;
  failedRing: string;
  replayedRing: string;
}

const FALLBACK: PulseColors = { dropped: '#9ca3af', dead: '#334155', failedRing: '#ef4444', replayedRing: '#ffffff' };

/**
 * Read the pulse colours of the current theme from CSS variables on `el`. Called when the
 * theme changes, never per frame (getComputedStyle forces a style recalculation).
 */
export function readPulseColors(el: Element): PulseColors {
  const style = getComputedStyle(el);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    dropped: read('--pulse-dropped', FALLBACK.dropped),
    dead: read('--pulse-dead', FALLBACK.dead),
    failedRing: read('--pulse-failed-ring', FALLBACK.failedRing),
    replayedRing: read('--pulse-replayed-ring', FALLBACK.replayedRing),
  };
}

/**
 * Call `onChange` whenever the app's theme changes (applyTheme sets data-theme on the root).
 * Returns the function that stops watching.
 */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
