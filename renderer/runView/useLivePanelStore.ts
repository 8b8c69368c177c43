import { create } from 'zustand';

export const LIVE_TABS = ['Events', 'Metrics', 'Replay'] as const;
export type LiveTab = (typeof LIVE_TABS)[number];

interface LivePanelState {
  tab: LiveTab;
  /** Collapsed to its header until a run starts or the user opens it. */
  open: boolean;
  /** Open the panel on a tab (the Replay menu item, a click on a tab). */
  show(tab: LiveTab): void;
  setOpen(open: boolean): void;
}

/** Which tab of the live panel shows; a store so menu commands can open it too. */
export const useLivePanelStore = create<LivePanelState>()((set) => ({
  tab: 'Events',
  open: false,
  show: (tab) => set({ tab, open: true }),
  setOpen: (open) => set({ open }),
}));
