import { create } from 'zustand';

export type NoticeKind = 'info' | 'success' | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  message: string;
}

/** How long a notice stays; errors stay longer because they ask for something. */
export const NOTICE_MS: Record<NoticeKind, number> = { info: 3500, success: 2500, error: 9000 };
/** The most notices on screen; older ones give way. */
const MAX_NOTICES = 3;

export interface NoticeState {
  notices: Notice[];
  notify(kind: NoticeKind, message: string): void;
  dismiss(id: number): void;
}

let lastId = 0;

/** Short messages in the corner: saved, could not open, restored. */
export const useNoticeStore = create<NoticeState>()((set, get) => ({
  notices: [],
  notify(kind, message) {
    const id = ++lastId;
    set({ notices: [...get().notices, { id, kind, message }].slice(-MAX_NOTICES) });
    setTimeout(() => get().dismiss(id), NOTICE_MS[kind]);
  },
  dismiss(id) {
    if (get().notices.some((n) => n.id === id)) set({ notices: get().notices.filter((n) => n.id !== id) });
  },
}));

/** Shorthand for commands outside React. */
export function notify(kind: NoticeKind, message: string): void {
  useNoticeStore.getState().notify(kind, message);
}
