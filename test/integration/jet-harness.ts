// A Causette side for encrypted Jingle transfers (XEP-0391 with OMEMO, XEP-0396) on its own connection: the iq router, our
// disco answer with file transfer and JET, an OMEMO 0.3 device (keys in a fresh SQLite store) published on the server, and the
// Jingle module with OMEMO as its security; every iq it sends can be watched on its way (`onIq`).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element } from '@xmpp/xml';
import type { Transfer } from '../../shared/model/transfer.ts';
import { JET_FEATURES, JINGLE_FT_FEATURES, setupJingleFileTransfer, type JingleFileTransfer, type JingleFileTransferDeps } from '../../electron/core/jingle/file-transfer/index.ts';
import { jetOverOmemo } from '../../electron/core/jingle/jet/jet-omemo.ts';
import { silentLogger, type Logger } from '../../electron/core/log/logger.ts';
import { NS_DEVICE_LIST_NOTIFY } from '../../electron/core/omemo/axolotl-pubsub.ts';
import { setupOmemo, type Omemo } from '../../electron/core/omemo/omemo.ts';
import { createAccountStore } from '../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../electron/core/storage/database.ts';
import { createOmemoKeyStore } from '../../electron/core/storage/omemo-keys.ts';
import { createKeySealer } from '../../electron/core/storage/omemo-sealing.ts';
import { createTransfers } from '../../electron/core/transfers/transfers.ts';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { ownDiscoInfo, setupResponders } from '../../electron/core/xmpp/disco/responders.ts';
import { setupIqRouter } from '../../electron/core/xmpp/iq-router.ts';

export type JetOptions = Pick<JingleFileTransferDeps, 'socks5' | 'streamhost' | 'directCandidates' | 'mayRevealAddresses' | 'directHosts'> & {
  /** Sees (and may change) every iq the Jingle module sends, as it goes on the wire. */
  readonly onIq?: (iq: Element) => Element;
  /** Where OMEMO and Jingle say what they do (nowhere by default). */
  readonly logger?: Logger;
  /** What the side says it supports (XEP-0030): file transfer and JET by default. */
  readonly features?: readonly string[];
};

export interface JetSide {
  readonly connection: Connection;
  /** The full JID. */
  readonly jid: string;
  readonly bare: string;
  readonly omemo: Omemo;
  readonly jingle: JingleFileTransfer;
  readonly updates: Transfer[];
  readonly offers: Transfer[];
  readonly downloads: string;
  /** The last state of a transfer once it ended. */
  ended(id: string): Transfer | undefined;
  dispose(): void;
}

export async function jetSide(raw: (jid: string, resource: string) => Promise<Connection>, bare: string, options: JetOptions = {}): Promise<JetSide> {
  const { onIq, logger = silentLogger, features = [...JINGLE_FT_FEATURES, ...JET_FEATURES], ...jingleOptions } = options;
  const connection = await raw(bare, 'jet');
  const state = connection.state;
  const jid = state.status === 'online' ? state.jid : '';
  const dir = mkdtempSync(join(tmpdir(), 'causette-jet-'));
  const downloads = mkdtempSync(join(dir, 'downloads-'));
  const db = openDatabase(join(dir, 'keys.db'));
  const router = setupIqRouter({ connection, logger: silentLogger });
  const responders = setupResponders({ router, info: ownDiscoInfo([...features, NS_DEVICE_LIST_NOTIFY]), version: '9.9-test' });
  createAccountStore(db).insert({ id: 'jet', jid: bare, resource: 'jet', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const keys = createOmemoKeyStore(db, 'jet', createKeySealer(randomBytes(32)));
  const omemo = setupOmemo({ ownJid: bare, connection, keys, logger, choice: () => true, onEncrypted: () => undefined, mayAnswer: () => true });
  // Our device and bundle on the server before anyone encrypts for us (XEP-0384 §4.2–4.3).
  await omemo.ownDevice();
  const updates: Transfer[] = [];
  const offers: Transfer[] = [];
  const transfers = createTransfers((transfer) => updates.push(transfer));
  const watched: Pick<Connection, 'iq' | 'send' | 'state' | 'onState' | 'pipeline'> = {
    iq: (request, timeoutMs) => connection.iq(onIq ? onIq(request) : request, timeoutMs),
    pipeline: connection.pipeline,
    send: (stanza) => connection.send(stanza),
    onState: (listener) => connection.onState(listener),
    get state() {
      return connection.state;
    },
  };
  const jingle = setupJingleFileTransfer({
    accountId: bare,
    connection: watched,
    router,
    transfers,
    logger,
    downloadsDir: () => downloads,
    onOffer: (transfer) => offers.push(transfer),
    security: jetOverOmemo(omemo.transportKeys),
    ...jingleOptions,
  });
  return {
    connection,
    jid,
    bare,
    omemo,
    jingle,
    updates,
    offers,
    downloads,
    ended: (id) => {
      const last = updates.filter((transfer) => transfer.id === id).at(-1);
      return last && last.state !== 'pending' && last.state !== 'active' ? last : undefined;
    },
    dispose() {
      jingle.dispose();
      omemo.dispose();
      responders();
      router.dispose();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
