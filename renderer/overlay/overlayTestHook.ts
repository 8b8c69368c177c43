/**
 * What the pulse overlay exposes on `window.__eventflowOverlay` for end-to-end tests and the
 * UI benchmark: read-only totals of what it drew. Import this file (type-only) to get the
 * global's type.
 */
export interface OverlayTestHook {
  /** Pulses drawn per channel since the run started. */
  pulseCountsByEdge(): Record<string, number>;
  replayedCountsByEdge(): Record<string, number>;
  /** Hops counted but not drawn (the per-channel bound was reached). */
  sampledOutByEdge(): Record<string, number>;
  activePulses(): number;
  framesDrawn(): number;
}

declare global {
  interface Window {
    __eventflowOverlay?: OverlayTestHook;
  }
}
