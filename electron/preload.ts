// The sandboxed preload (bundled to CommonJS by scripts/build.ts): exposes the contract's Bridge and nothing else (a chosen
// file goes to main by its path, never to the page).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { bridgeGlobal, type FileHandle } from '../shared/ipc/bridge.ts';
import { createBridge } from './ipc/renderer-bridge.ts';

function pathOf(file: FileHandle): string {
  try {
    return webUtils.getPathForFile(file as File);
  } catch {
    // Not a File at all (the page made up an object): nothing to hand over.
    return '';
  }
}

contextBridge.exposeInMainWorld(bridgeGlobal, createBridge(ipcRenderer, pathOf));
