// The sandboxed preload (checklist 4: sandbox; 3: context isolation; 20: expose no Electron
// API). Built as CommonJS (out/preload/index.cjs) because sandboxed preloads cannot be ESM.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './createPreloadApi';

contextBridge.exposeInMainWorld('eventflow', createPreloadApi(ipcRenderer));
