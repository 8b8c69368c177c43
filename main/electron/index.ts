// Placeholder entry until the desktop-shell issue: builds, opens nothing.
import { app } from 'electron';

app.whenReady().then(() => app.quit());
