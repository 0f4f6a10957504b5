// A core in a process of its own, for tests that kill it: `node core-process.ts <profile> <ca.pem>`, then JSON lines.
// In: {"command": name, "request": {...}}. Out: {"ready": accountId}, then {"response": ...} or {"error": ...} per command.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { createCore } from '../../electron/core/core.ts';
import { createFileSecretBox, plainSealer } from '../../electron/core/secrets/secret-box.ts';
import type { CommandName, Handlers } from '../../shared/ipc/contract.ts';

const [profile = '', caFile = ''] = process.argv.slice(2);
const core = await createCore({
  profileDir: profile,
  secrets: createFileSecretBox(join(profile, 'passwords.json'), plainSealer),
  version: '9.9-test',
  extraCa: [readFileSync(caFile, 'utf8')],
  logger: silentLogger,
});
const snapshot = await core.handlers['app.snapshot']({});
process.stdout.write(`${JSON.stringify({ ready: snapshot.accounts[0]?.id ?? '' })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  const { command, request } = JSON.parse(line) as { command: CommandName; request: unknown };
  const handler = core.handlers[command] as (request: unknown) => ReturnType<Handlers[CommandName]>;
  try {
    process.stdout.write(`${JSON.stringify({ response: await handler(request) })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  }
}
