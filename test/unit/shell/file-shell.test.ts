import { describe, expect, it } from 'vitest';
import { createFileShell } from '../../../electron/file-shell.ts';

describe('the desktop file shell', () => {
  it('opens a file, fails in words when the system cannot, shows it in its folder, and asks for a folder', async () => {
    const calls: string[] = [];
    const answers = [{ canceled: false, filePaths: ['/home/bob/Pictures'] }, { canceled: true, filePaths: [] }];
    const shell = createFileShell(
      {
        openPath: (path: string) => Promise.resolve(path.endsWith('.broken') ? 'No application knows this file' : (calls.push(`open ${path}`), '')),
        showItemInFolder: (path: string) => void calls.push(`reveal ${path}`),
      },
      { showOpenDialog: () => Promise.resolve(answers.shift() ?? { canceled: true, filePaths: [] }) },
      () => undefined,
    );
    await shell.open('/home/bob/Downloads/plan.pdf');
    await expect(shell.open('/home/bob/Downloads/x.broken')).rejects.toThrow('No application knows this file');
    shell.reveal('/home/bob/Downloads/plan.pdf');
    expect(calls).toEqual(['open /home/bob/Downloads/plan.pdf', 'reveal /home/bob/Downloads/plan.pdf']);
    expect(await shell.chooseFolder()).toBe('/home/bob/Pictures');
    expect(await shell.chooseFolder()).toBeUndefined();
  });
});
