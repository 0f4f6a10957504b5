// Accounts side by side, each with its own connection: add, register, connect, disconnect, trust, remove.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Account, ConnectionState, TlsMode } from '../../../shared/model/account.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import type { ValidRequest } from '../../../shared/ipc/contract.ts';
import { parseJid } from '../../../shared/model/jid.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { secretBoxEntry } from '../storage/omemo-sealing.ts';
import type { AccountRecord, PinnedCertificate } from '../storage/accounts.ts';
import { registerAccount } from '../xmpp/register.ts';
import { createLinks, type LinkDeps, type Live } from './account-link.ts';

export type AccountServiceDeps = LinkDeps & { readonly secrets: SecretBox };

type NewAccountRequest = ValidRequest<'account.add'>;

const passwordRequired: ConnectionState = {
  status: 'offline',
  reason: { code: 'password-required', message: 'Enter the password to sign in.' },
};

export function createAccountService(deps: AccountServiceDeps) {
  const live = new Map<string, Live>();
  for (const record of deps.store.list()) {
    live.set(record.id, { record, state: record.enabled && !record.passwordSaved ? passwordRequired : { status: 'offline' } });
  }
  const links = createLinks(deps);
  /** The certificate the last registration attempt refused, kept (one at a time) until the user decides. */
  let refusedAtRegistration: { readonly jid: string; readonly certificate: PinnedCertificate } | undefined;
  const { view, publish, open } = links;

  function get(accountId: string): Live {
    const entry = live.get(accountId);
    if (!entry) throw new CausetteError('not-found', 'There is no such account.');
    return entry;
  }

  function bareAddress(text: string): string {
    const parsed = parseJid(text);
    if (!parsed.ok) throw new CausetteError('bad-request', `“${text}” is not a valid address: ${parsed.message}`, undefined, { context: 'address', address: text });
    const { local, domain, resource } = parsed.jid;
    if (!local) throw new CausetteError('bad-request', `An account address needs a name before the @, as in name@${domain}.`, undefined, { context: 'noLocal', domain });
    if (resource) throw new CausetteError('bad-request', 'An account address has no “/resource” part.', undefined, { context: 'resource' });
    const jid = `${local}@${domain}`;
    if ([...live.values()].some((entry) => entry.record.jid === jid)) {
      throw new CausetteError('already-exists', `The account ${jid} is already set up.`, undefined, { context: 'account', jid });
    }
    return jid;
  }

  /** The password to sign in with: given, kept in memory, or saved; undefined when the user must type it. */
  async function passwordOf(entry: Live, given?: string): Promise<string | undefined> {
    return given ?? entry.password ?? (entry.record.passwordSaved ? await deps.secrets.get(entry.record.id) : undefined);
  }

  function setEnabled(entry: Live, enabled: boolean): void {
    if (entry.record.enabled === enabled) return;
    deps.store.update(entry.record.id, { enabled });
    entry.record = { ...entry.record, enabled };
  }

  async function create(request: NewAccountRequest, jid: string, pinned: readonly PinnedCertificate[] = []): Promise<Account> {
    // An account removed with its history kept comes back under its old id, its messages with it.
    const kept = deps.store.keptHistoryOf(jid);
    const record: AccountRecord = {
      id: kept ?? randomUUID(),
      jid,
      resource: `causette.${randomBytes(4).toString('hex')}`,
      host: request.host,
      port: request.port,
      tls: request.tls satisfies TlsMode,
      passwordSaved: request.remember,
      enabled: true,
    };
    if (request.remember) await deps.secrets.set(record.id, request.password);
    // A password kept at removal is not kept against the choice made now.
    else if (kept !== undefined) await deps.secrets.delete(record.id);
    if (kept === undefined) deps.store.insert(record);
    else deps.store.revive(record);
    for (const certificate of pinned) deps.store.pin(record.id, certificate);
    const entry: Live = { record, state: { status: 'connecting' } };
    live.set(record.id, entry);
    await open(entry, request.password);
    return view(entry);
  }

  async function rememberChoice(entry: Live, remember: boolean | undefined, password: string): Promise<void> {
    if (remember === undefined || remember === entry.record.passwordSaved) {
      if (remember && entry.record.passwordSaved) await deps.secrets.set(entry.record.id, password);
      return;
    }
    if (remember) await deps.secrets.set(entry.record.id, password);
    else await deps.secrets.delete(entry.record.id);
    deps.store.update(entry.record.id, { passwordSaved: remember });
    entry.record = { ...entry.record, passwordSaved: remember };
  }

  return {
    list: (): Account[] => [...live.values()].map(view),

    /** Signs in at start every account that was left enabled with a remembered password. */
    async resume(): Promise<void> {
      for (const entry of live.values()) {
        if (!entry.record.enabled || !entry.record.passwordSaved) continue;
        const password = await deps.secrets.get(entry.record.id).catch((error: unknown) => {
          deps.logger.warn('could not read the saved password', { account: entry.record.id, error: String(error) });
          return undefined;
        });
        if (password === undefined) {
          entry.state = passwordRequired;
          publish(entry);
        } else {
          await open(entry, password);
        }
      }
    },

    add: async (request: NewAccountRequest) => create(request, bareAddress(request.jid)),

    async register(request: ValidRequest<'account.register'>): Promise<Account> {
      const jid = bareAddress(request.jid);
      const { trustCertificate, ...account } = request;
      const refused = refusedAtRegistration?.jid === jid ? refusedAtRegistration.certificate : undefined;
      // As for signing in, only the very certificate the user was shown can be trusted, never one named by fingerprint alone.
      if (trustCertificate !== undefined && refused?.fingerprint256 !== trustCertificate) {
        throw new CausetteError('not-found', 'That certificate is not the one the server presented; try again to see it.');
      }
      const pinned = trustCertificate === undefined || refused === undefined ? [] : [refused];
      refusedAtRegistration = undefined;
      // XEP-0077 §3.1: the account is created on the server before it is saved here.
      await registerAccount({
        jid,
        password: request.password,
        ...(request.host === undefined ? {} : { host: request.host }),
        ...(request.port === undefined ? {} : { port: request.port }),
        tls: request.tls,
        extraCa: deps.extraCa,
        pinned,
        logger: deps.logger.child({ registering: jid }),
        onRefusedCertificate: (certificate) => (refusedAtRegistration = { jid, certificate }),
      });
      if (pinned.length > 0) deps.logger.info('certificate pinned by the user while registering', { jid, fingerprint256: trustCertificate });
      return create(account, jid, pinned);
    },

    async connect(request: ValidRequest<'account.connect'>): Promise<Account> {
      const entry = get(request.accountId);
      const password = await passwordOf(entry, request.password);
      if (password === undefined) throw new CausetteError('password-required', `Enter the password of ${entry.record.jid} to sign in.`, undefined, { context: 'account', jid: entry.record.jid });
      await rememberChoice(entry, request.remember, password);
      setEnabled(entry, true);
      // Signing in again after "offline" comes back to the state chosen before it, with its message, as Gajim and Dino do.
      if (deps.presence.chosen(entry.record.id).show === 'offline') deps.presence.choose(entry.record.id, { show: deps.presence.resumeShow(entry.record.id) });
      await open(entry, password);
      links.publishOwn(entry);
      return view(entry);
    },

    /** Signs out and stays signed out across restarts: the own presence becomes "offline". */
    async disconnect(request: ValidRequest<'account.disconnect'>): Promise<Account> {
      const entry = get(request.accountId);
      setEnabled(entry, false);
      if (deps.presence.chosen(entry.record.id).show !== 'offline') deps.presence.choose(entry.record.id, { show: 'offline' });
      await links.stop(entry);
      entry.state = { status: 'offline' };
      publish(entry);
      links.publishOwn(entry);
      return view(entry);
    },

    async remove(request: ValidRequest<'account.remove'>): Promise<null> {
      const entry = get(request.accountId);
      await links.stop(entry);
      if (request.forgetPassword) await deps.secrets.delete(entry.record.id);
      // The OMEMO keys go with the history (the account's row and its omemo_* rows): their sealing key too.
      if (request.deleteHistory) await deps.secrets.delete(secretBoxEntry(entry.record.id));
      deps.store.remove(entry.record.id, { keepHistory: !request.deleteHistory });
      deps.presence.forget(entry.record.id);
      live.delete(entry.record.id);
      deps.emit('account.removed', { accountId: entry.record.id });
      return null;
    },

    async trustCertificate(request: ValidRequest<'account.trustCertificate'>): Promise<Account> {
      const entry = get(request.accountId);
      const refused = entry.connection?.lastRefusedCertificate;
      // Only the very certificate the user was shown can be trusted, never one named by fingerprint alone.
      if (!refused || refused.fingerprint256 !== request.fingerprint256) {
        throw new CausetteError('not-found', 'That certificate is not the one the server presented; connect again to see it.');
      }
      deps.store.pin(entry.record.id, refused);
      deps.logger.info('certificate pinned by the user', { account: entry.record.id, fingerprint256: refused.fingerprint256 });
      const password = entry.password ?? (await deps.secrets.get(entry.record.id));
      if (password === undefined) {
        entry.state = passwordRequired;
        publish(entry);
      } else {
        await open(entry, password);
      }
      return view(entry);
    },

    /** The account's live session, if it is signed in or trying to be. */
    session: (accountId: string) => get(accountId).session,
    entry: get,
    entries: () => [...live.values()],
    passwordOf,
    publishOwn: (accountId: string) => links.publishOwn(get(accountId)),

    async close(): Promise<void> {
      await Promise.all([...live.values()].map(links.stop));
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
