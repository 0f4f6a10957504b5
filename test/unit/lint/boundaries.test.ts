// The folder boundaries of eslint.config.js, run through ESLint's own API on snippets placed in real files of the project.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The boundary errors ESLint reports for `text` as if it were the file at `filePath`. */
async function boundaryErrors(filePath: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: resolve(root, filePath) });
  if (!result) throw new Error(`ESLint gave no result for ${filePath}`);
  const fatal = result.messages.find((message) => message.fatal === true);
  if (fatal) throw new Error(`ESLint could not parse the snippet for ${filePath}: ${fatal.message}`);
  return result.messages.filter((message) => message.ruleId === 'causette/restricted-paths').map((message) => message.message);
}

const timeout = 30_000;

describe('the core may not import the shell', () => {
  const shell = [
    '../ipc/bind.ts',
    '../tray/tray.ts',
    '../web/web-host.ts',
    '../main.ts',
    '../preload.ts',
    '../security.ts',
    '../window.ts',
    '../notifications.ts',
    '../secrets.ts',
    '../idle.ts',
    '../app-protocol.ts',
  ];
  it.each(shell)('electron/core/core.ts importing %s is an error', { timeout }, async (specifier) => {
    const errors = await boundaryErrors('electron/core/core.ts', `import * as shell from '${specifier}';\nexport const used = shell;\n`);
    expect(errors).toEqual([expect.stringContaining(`electron/core may not import electron/${specifier.slice(3)}`) as string]);
  });

  it('catches the shell re-exported or imported lazily from deeper in the core', { timeout }, async () => {
    const text = "export { createTray } from '../../tray/tray.ts';\nexport const later = () => import('../../web/web-host.ts');\n";
    const errors = await boundaryErrors('electron/core/accounts/notifier.ts', text);
    expect(errors).toEqual([
      expect.stringContaining('electron/core may not import electron/tray/tray.ts') as string,
      expect.stringContaining('electron/core may not import electron/web/web-host.ts') as string,
    ]);
  });

  it('lets the core import itself and the contract in shared/, whose folder is also named ipc', { timeout }, async () => {
    const text = [
      "import type { Emit } from '../../../shared/ipc/contract.ts';",
      "import type { Logger } from '../log/logger.ts';",
      'export type Used = [Emit, Logger];',
      '',
    ].join('\n');
    expect(await boundaryErrors('electron/core/accounts/notifier.ts', text)).toEqual([]);
  });
});

describe('storage may not import the protocol', () => {
  it('is an error for a storage file to import from electron/core/xmpp', { timeout }, async () => {
    const text = "import type { RosterChange } from '../xmpp/roster/roster-items.ts';\nexport type Used = RosterChange;\n";
    expect(await boundaryErrors('electron/core/storage/roster.ts', text)).toEqual([
      expect.stringContaining('electron/core/storage may not import electron/core/xmpp/roster/roster-items.ts') as string,
    ]);
  });

  it('holds in the message store’s own folder too', { timeout }, async () => {
    const text = "import { buildReference } from '../../xmpp/chat/chat-stanzas.ts';\nexport const used = buildReference;\n";
    expect(await boundaryErrors('electron/core/storage/messages/outbox.ts', text)).toEqual([
      expect.stringContaining('electron/core/storage may not import electron/core/xmpp/chat/chat-stanzas.ts') as string,
    ]);
  });

  it('lets storage import the model, and the protocol import storage', { timeout }, async () => {
    expect(await boundaryErrors('electron/core/storage/roster.ts', "import type { RosterItem } from '../model/roster-item.ts';\nexport type Used = RosterItem;\n")).toEqual([]);
    expect(
      await boundaryErrors('electron/core/xmpp/roster/roster.ts', "import type { RosterStore } from '../../storage/roster.ts';\nexport type Used = RosterStore;\n"),
    ).toEqual([]);
  });
});
