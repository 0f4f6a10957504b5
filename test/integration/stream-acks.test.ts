// XEP-0198 §4 under a steady flow of stanzas, as an in-band transfer sends them (each as the last one is answered): the
// server is asked for acks along the way, so what waits unacknowledged in memory stays bounded whatever the number sent.
import xml from '@xmpp/xml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { ACK_EVERY, MAX_UNACKED } from '../../electron/core/xmpp/stream/ack-requests.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { connectToHarness, waitForState } from '../support/connection.ts';

let server: ProsodyServer;
let alice: Connection;
beforeAll(async () => {
  server = await startProsody({ users: [{ username: 'alice', password: 'alice-pw' }] });
  alice = connectToHarness(server, 'alice@localhost');
  await waitForState(alice, (state) => state.status === 'online', 20_000);
});
afterAll(async () => {
  await alice?.stop();
  await server?.dispose();
});

const ping = (id: number) => xml('iq', { type: 'get', to: 'localhost', id: `ping-${id}` }, xml('ping', { xmlns: 'urn:xmpp:ping' }));

describe('stream management under many stanzas', () => {
  it('keeps the unacknowledged stanzas bounded while 1,500 go out one after another, and acks them all', async () => {
    expect(alice.acknowledging).toBe(true);
    let acked = 0;
    const stop = alice.onAcked(() => void (acked += 1));
    let answered = 0;
    let most = 0;
    try {
      for (let index = 0; index < 1_500; index += 1) {
        await alice.iq(ping(index));
        answered += 1;
        // Every ping answered was sent; those the server has not acked yet are held for resumption.
        most = Math.max(most, answered - acked);
      }
      await expect.poll(() => acked, { timeout: 5_000 }).toBeGreaterThanOrEqual(1_500);
    } finally {
      stop();
    }
    // Without asking along the way, xmpp.js asks only after 250 ms without sending: all 1,500 would wait.
    expect(most).toBeLessThanOrEqual(2 * ACK_EVERY);
  });

  it('holds sends fired all at once while too many wait for an ack, and sends them all in the end', async () => {
    let acked = 0;
    const stop = alice.onAcked(() => void (acked += 1));
    let answered = 0;
    let most = 0;
    try {
      const count = 3 * MAX_UNACKED;
      await Promise.all(
        Array.from({ length: count }, (_, index) =>
          alice.iq(ping(10_000 + index)).then(() => {
            answered += 1;
            most = Math.max(most, answered - acked);
          }),
        ),
      );
      expect(answered).toBe(count);
      await expect.poll(() => acked, { timeout: 5_000 }).toBeGreaterThanOrEqual(count);
    } finally {
      stop();
    }
    expect(most).toBeLessThanOrEqual(MAX_UNACKED);
  });
});
