// What the group-chat integration tests share: one harness Prosody per file with fresh cores and slixmpp peers per test,
// fresh room addresses on its MUC service, a room message matcher, and a command's refusal as the renderer gets it.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { AppError } from '../../shared/ipc/errors.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { child, type ReceivedStanza } from '../support/slixmpp-peer.ts';
import { createPeers } from './interop-harness.ts';
import { createHarness } from './roster-harness.ts';

/** A room address no other test uses, on the harness's conference component. */
export const roomAddress = (server: ProsodyServer, name: string): string => `${name}-${randomUUID().slice(0, 8)}@conference.${server.domain}`;

/** Starts the file's Prosody before its tests and stops it after them; each test's cores and peers end with it. */
export function useMucServer() {
  let started: ProsodyServer | undefined;
  const server = (): ProsodyServer => {
    if (!started) throw new Error('the harness Prosody is not started yet');
    return started;
  };
  const harness = createHarness(server);
  const peers = createPeers(server);
  beforeAll(async () => {
    started = await startProsody();
  });
  afterEach(async () => {
    await peers.cleanup();
    await harness.cleanup();
  });
  afterAll(() => started?.dispose());
  return { server, harness, peers, roomJid: (name: string) => roomAddress(server(), name) };
}

/** Matches a room message (XEP-0045 §7.4) with this body, as a slixmpp occupant receives it. */
export const groupchatWith =
  (body: string) =>
  ({ tree }: ReceivedStanza): boolean =>
    tree.name === 'message' && tree.attrs.type === 'groupchat' && child(tree, 'body')?.text === body;

/** The command's refusal, as the renderer gets it; fails the test when the command succeeds. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return (error as { toJSON(): AppError }).toJSON();
  }
  throw new Error('the command succeeded');
}
