// The sandboxed preload (bundled to CommonJS by scripts/build.ts): exposes the contract's Bridge and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { bridgeGlobal } from '../shared/ipc/bridge.ts';
import { createBridge } from './ipc/renderer-bridge.ts';

contextBridge.exposeInMainWorld(bridgeGlobal, createBridge(ipcRenderer));
