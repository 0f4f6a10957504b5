// What the group-chat integration tests share: fresh room addresses on the harness's MUC service, and a command's
// refusal as the renderer gets it.
import { randomUUID } from 'node:crypto';
import type { AppError } from '../../shared/ipc/errors.ts';
import type { ProsodyServer } from '../server/prosody.ts';

/** A room address no other test uses, on the harness's conference component. */
export const roomAddress = (server: ProsodyServer, name: string): string => `${name}-${randomUUID().slice(0, 8)}@conference.${server.domain}`;

/** The command's refusal, as the renderer gets it; fails the test when the command succeeds. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return (error as { toJSON(): AppError }).toJSON();
  }
  throw new Error('the command succeeded');
}
