// Placeholder preload until the desktop-shell issue: exposes nothing.
export {};
