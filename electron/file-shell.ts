// The desktop's file shell for the core: a received file opened with its application or shown in the file manager, and
// a folder chosen for an incoming file (Electron's shell and dialog).
import type { BrowserWindow, Dialog, Shell } from 'electron';
import type { FileShell } from './core/core-api.ts';

export function createFileShell(shell: Pick<Shell, 'openPath' | 'showItemInFolder'>, dialog: Pick<Dialog, 'showOpenDialog'>, window: () => BrowserWindow | undefined): FileShell {
  return {
    async open(path) {
      // openPath answers with an error message, empty when it worked.
      const problem = await shell.openPath(path);
      if (problem !== '') throw new Error(problem);
    },
    reveal: (path) => shell.showItemInFolder(path),
    async chooseFolder() {
      const options = { properties: ['openDirectory', 'createDirectory'] } satisfies Electron.OpenDialogOptions;
      const parent = window();
      const answer = await (parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options));
      return answer.canceled ? undefined : answer.filePaths[0];
    },
  };
}
