// Helpers for the roster and presence tests: cores signed in to the harness Prosody, their events, and waiting for a state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xml from '@xmpp/xml';
import type { EventName, EventPayload, RosterSnapshot } from '../../shared/ipc/contract.ts';
import type { Contact } from '../../shared/model/contact.ts';
import type { Logger } from '../../electron/core/log/logger.ts';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { createCore } from '../../electron/core/core.ts';
import type { Core, CoreOptions } from '../../electron/core/core-api.ts';
import { createFileSecretBox, plainSealer } from '../../electron/core/secrets/secret-box.ts';
import { createConnection, type Connection } from '../../electron/core/xmpp/connection.ts';
import type { ProsodyServer } from '../server/prosody.ts';
import { waitForState } from '../support/connection.ts';

export interface Recorded {
  readonly name: EventName;
  readonly payload: unknown;
}

export interface TestCore extends Core {
  readonly profile: string;
  readonly events: Recorded[];
  accountId: string;
  readonly jid: string;
  snapshot(): Promise<RosterSnapshot>;
  contact(jid: string): Promise<Contact | undefined>;
}

export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function createHarness(server: () => ProsodyServer) {
  const cores: TestCore[] = [];
  const raws: Connection[] = [];
  const dirs: string[] = [];
  let counter = 0;

  /** Fresh users for one test, named after the roles (alice → alice-3@localhost). */
  async function users(...names: string[]): Promise<string[]> {
    counter += 1;
    const made = names.map((name) => `${name}-${counter}`);
    await Promise.all(made.map((name) => server().createUser(name, `${name}-pw`)));
    return made.map((name) => `${name}@${server().domain}`);
  }

  async function openCore(profile: string, jid: string, logger: Logger = silentLogger, options: Pick<CoreOptions, 'mucSelfPingIdleMs' | 'autoResume'> = {}): Promise<TestCore> {
    const core = await createCore({ profileDir: profile, secrets: createFileSecretBox(join(profile, 'passwords.json'), plainSealer), version: '9.9-test', extraCa: [server().caPem], logger, downloadsDir: join(profile, 'Downloads'), directHosts: ['127.0.0.1'], ...options });
    const events: Recorded[] = [];
    core.onEvent(<K extends EventName>(name: K, payload: EventPayload<K>) => void events.push({ name, payload }));
    const test: TestCore = Object.assign(core, {
      profile,
      events,
      accountId: (await core.handlers['app.snapshot']({})).accounts[0]?.id ?? '',
      jid,
      snapshot: () => core.handlers['roster.snapshot']({ accountId: test.accountId }),
      contact: async (other: string) => (await test.snapshot()).contacts.find((contact) => contact.jid === other),
    });
    cores.push(test);
    return test;
  }

  async function waitOnline(core: TestCore): Promise<void> {
    await until(async () => (await core.handlers['app.snapshot']({})).accounts.find((a) => a.id === core.accountId)?.connection.status === 'online', `${core.jid} online`);
  }

  /** A core with one account, signed in. */
  async function signIn(jid: string, options: { logger?: Logger; profile?: string; wait?: boolean; port?: number; mucSelfPingIdleMs?: number; autoResume?: CoreOptions['autoResume'] } = {}): Promise<TestCore> {
    const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'causette-roster-'));
    if (!options.profile) dirs.push(profile);
    const core = await openCore(profile, jid, options.logger, { ...(options.mucSelfPingIdleMs === undefined ? {} : { mucSelfPingIdleMs: options.mucSelfPingIdleMs }), ...(options.autoResume ? { autoResume: options.autoResume } : {}) });
    if (!core.accountId) {
      const local = jid.slice(0, jid.indexOf('@'));
      const account = await core.handlers['account.add']({ jid, password: `${local}-pw`, remember: true, host: server().host, port: options.port ?? server().c2sPort, tls: 'starttls' });
      core.accountId = account.id;
    }
    if (options.wait !== false) await waitOnline(core);
    return core;
  }

  async function close(core: TestCore): Promise<void> {
    cores.splice(cores.indexOf(core), 1);
    await core.close();
  }

  /** Another client of the same account, outside any core (a second resource). */
  async function raw(jid: string, resource: string): Promise<Connection> {
    const local = jid.slice(0, jid.indexOf('@'));
    const connection = createConnection({
      account: 'raw',
      jid,
      password: `${local}-pw`,
      resource,
      host: server().host,
      port: server().c2sPort,
      tls: 'starttls',
      extraCa: [server().caPem],
      pinned: [],
      logger: silentLogger,
    });
    raws.push(connection);
    connection.start();
    await waitForState(connection, (state) => state.status === 'online');
    return connection;
  }

  /** Mutual subscription between two signed-in cores, the way a user does it: add, then approve with add-back. */
  async function befriend(a: TestCore, b: TestCore): Promise<void> {
    await a.handlers['roster.add']({ accountId: a.accountId, jid: b.jid, groups: [] });
    await until(async () => (await b.snapshot()).requests.some((request) => request.jid === a.jid), 'the request');
    await b.handlers['subscription.approve']({ accountId: b.accountId, jid: a.jid, addBack: true });
    await until(async () => (await a.contact(b.jid))?.subscription === 'both' && (await a.contact(b.jid))?.show !== 'offline', 'a sees b');
    await until(async () => (await b.contact(a.jid))?.subscription === 'both' && (await b.contact(a.jid))?.show !== 'offline', 'b sees a');
  }

  async function cleanup(): Promise<void> {
    await Promise.all(raws.splice(0).map((connection) => connection.stop()));
    await Promise.all(cores.splice(0).map((core) => core.close()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }

  /** The full JID the server bound for the core's account. */
  async function fullJid(core: TestCore): Promise<string> {
    const connection = (await core.handlers['app.snapshot']({})).accounts.find((a) => a.id === core.accountId)?.connection;
    return connection?.status === 'online' ? connection.jid : '';
  }

  return { users, signIn, close, raw, befriend, cleanup, waitOnline, fullJid };
}

export const presenceStanza = (children: { show?: string; status?: string; priority?: number }) =>
  xml(
    'presence',
    {},
    children.show ? xml('show', {}, children.show) : undefined,
    children.status ? xml('status', {}, children.status) : undefined,
    children.priority === undefined ? undefined : xml('priority', {}, String(children.priority)),
  );

export const eventsNamed = <K extends EventName>(core: TestCore, name: K): EventPayload<K>[] =>
  core.events.filter((event) => event.name === name).map((event) => event.payload as EventPayload<K>);
