// The transfer.* commands: a chosen file uploaded over HTTP (XEP-0363) and shared in a chat or a room by its URL with an
// out-of-band reference (XEP-0066), or encrypted and shared as aesgcm:// in an encrypted chat (XEP-0454); a shared file
// downloaded; a file sent by Jingle (XEP-0234) to a contact's device that takes it, offers accepted or declined; progress
// as transfer.updated events; cancelling; the transfers of this run.
import { mkdir } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { Element } from '@xmpp/xml';
import type { Handlers } from '../../../shared/ipc/contract.ts';
import { CausetteError, toAppError } from '../../../shared/ipc/errors.ts';
import { buildAesgcmUrl, freshSecrets } from '../transfers/aesgcm/aesgcm-url.ts';
import type { Downloads } from '../transfers/download/download.ts';
import type { FileRegistry } from '../transfers/files.ts';
import { mediaTypeOf } from '../transfers/media-type.ts';
import { devicesOf } from '../transfers/devices.ts';
import { chooseRoute } from '../transfers/route.ts';
import type { Transfers } from '../transfers/transfers.ts';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { findUploadService, uploadFile } from '../xmpp/upload/upload.ts';
import { buildOob, NS_OOB, type UploadService } from '../xmpp/upload/upload-stanzas.ts';
import type { FileShell } from '../core-api.ts';
import type { AccountService } from './account-service.ts';
import type { AccountSession } from './account-session.ts';
import { resumeTransfer } from './resume-transfer.ts';
import { savedFileOf } from './saved-files.ts';

type TransferCommand = 'transfer.send' | 'transfer.accept' | 'transfer.acceptInto' | 'transfer.open' | 'transfer.decline' | 'transfer.download' | 'transfer.resume' | 'transfer.cancel' | 'transfer.list';

interface TransferHandlerDeps {
  readonly accounts: AccountService;
  readonly files: FileRegistry;
  readonly transfers: Transfers;
  readonly downloads: Downloads;
  readonly extraCa: readonly string[];
  /** Where accepted files go unless the user chose another folder. */
  readonly downloadsDir: () => string;
  /** The desktop host's file shell; none in the browser mode. */
  readonly fileShell?: FileShell | undefined;
}

export function createTransferHandlers({ accounts, files, transfers, downloads, extraCa, downloadsDir, fileShell }: TransferHandlerDeps): Pick<Handlers, TransferCommand> {
  /** Per session: the upload service (found once), and the URLs of our uploads (the messages sharing them get their OOB element). */
  const services = new WeakMap<AccountSession, Promise<UploadService | undefined>>();
  const shares = new WeakMap<AccountSession, Set<string>>();

  function online(accountId: string): { session: AccountSession; domain: string } {
    const entry = accounts.entry(accountId);
    if (!entry.session || entry.state.status !== 'online') {
      throw new CausetteError('not-connected', `Sign in to ${entry.record.jid} first.`, undefined, { context: 'account', jid: entry.record.jid });
    }
    return { session: entry.session, domain: entry.record.jid.slice(entry.record.jid.indexOf('@') + 1) };
  }

  function serviceOf(session: AccountSession, domain: string): Promise<UploadService | undefined> {
    let found = services.get(session);
    if (!found) {
      found = findUploadService(session.connection, domain);
      found.catch(() => services.delete(session));
      services.set(session, found);
    }
    return found;
  }

  function sharedUrls(session: AccountSession): Set<string> {
    let urls = shares.get(session);
    if (!urls) {
      const marked = new Set<string>();
      urls = marked;
      shares.set(session, marked);
      // XEP-0066 §3 beside the body, as the clients that show uploads inline expect; only on our messages that share one.
      session.connection.pipeline.useOutgoing((stanza: Element) => {
        const body = stanza.name === 'message' ? stanza.getChildText('body') : null;
        if (body !== null && marked.has(body) && !stanza.getChild('x', NS_OOB)) stanza.append(buildOob(body));
        return stanza;
      });
    }
    return urls;
  }

  async function upload(accountId: string, peer: string, token: string): Promise<Transfer> {
    const { session, domain } = online(accountId);
    const file = files.resolve(token);
    const room = session.muc?.room(peer);
    const service = await serviceOf(session, domain);
    if (!service) throw new CausetteError('not-supported', `The server ${domain} offers no file upload.`, undefined, { context: 'noUpload', domain });
    // XEP-0454: in a chat or room encrypted with OMEMO, the file goes up encrypted and its key travels in the encrypted message only.
    const encrypted = room ? session.omemo?.roomEnabled(peer) === true : (await session.omemo?.enabled(peer)) === true;
    const secrets = encrypted ? freshSecrets() : undefined;
    const { transfer, signal } = transfers.start({ accountId, peer, direction: 'out', method: 'upload', name: file.name, size: file.size, ...(secrets ? { encrypted: true } : {}) });
    void uploadFile(session.connection, {
      service,
      path: file.path,
      name: file.name,
      size: file.size,
      contentType: mediaTypeOf(file.name),
      extraCa,
      signal,
      onProgress: (sent) => transfers.progress(transfer.id, sent),
      ...(secrets ? { secrets } : {}),
    })
      .then((get) => {
        // No OOB element for an encrypted file: it would show the address in the clear.
        const url = secrets ? buildAesgcmUrl(get, secrets) : get;
        if (!secrets) sharedUrls(session).add(url);
        const message = room ? session.muc?.send(peer, url) : session.chat?.send(peer, url);
        transfers.update(transfer.id, { state: 'done', done: file.size, url, ...(message ? { messageId: message.id } : {}) });
      })
      .catch((error: unknown) => {
        const failure = toAppError(error);
        transfers.update(transfer.id, signal.aborted ? { state: 'cancelled' } : { state: 'failed', error: failure });
      });
    return transfer;
  }

  /** The Jingle side of an offer made to us, by its transfer id. */
  function offered(id: string) {
    const transfer = transfers.list().find((each) => each.id === id);
    const jingle = transfer && transfer.direction === 'in' && transfer.method !== 'upload' && transfer.state === 'pending' ? accounts.entry(transfer.accountId).session?.jingle : undefined;
    if (!jingle) throw new CausetteError('not-found', 'That offer is no longer open.', undefined, { context: 'transfer' });
    return jingle;
  }

  async function acceptInto(id: string, folder: string): Promise<void> {
    const jingle = offered(id);
    // The downloads folder of a fresh profile (or a test's) may not be there yet.
    await mkdir(folder, { recursive: true });
    await jingle.accept(id, folder);
  }

  function shell(): FileShell {
    if (!fileShell) throw new CausetteError('not-supported', 'Files are opened from the desktop app only.', undefined, { context: 'noFileShell' });
    return fileShell;
  }

  const savedPath = savedFileOf({ accounts, transfers, downloads });

  return {
    'transfer.send': async ({ accountId, peer, file: token, method }) => {
      const { session } = online(accountId);
      const file = files.resolve(token);
      const room = session.muc?.room(peer) !== undefined;
      const resources = room || method === 'upload' ? [] : session.resourcesOf(peer);
      const route = chooseRoute({ method, room, devices: resources.length === 0 ? [] : await devicesOf(session.connection, peer, resources) });
      if (route.kind === 'upload') return upload(accountId, peer, token);
      if (route.kind === 'none' || !session.jingle) throw new CausetteError('not-supported', 'No device of this contact can take a direct file transfer now.', undefined, { context: 'noJingle' });
      // With encryption on, a direct transfer is end to end encrypted (XEP-0391) or not made: the upload is, as well (XEP-0454).
      const encrypt = (await session.omemo?.enabled(peer)) === true;
      if (encrypt && !route.jet) {
        if (method === 'auto') return upload(accountId, peer, token);
        throw new CausetteError('encryption-unavailable', `The device of ${peer} cannot take an encrypted direct transfer: the file was not sent.`, undefined, { context: 'noJet', jid: peer });
      }
      return session.jingle.offer({ to: route.to, path: file.path, name: file.name, mediaType: mediaTypeOf(file.name), encrypt });
    },
    'transfer.accept': async ({ id, folder }) => {
      if (folder !== undefined && !isAbsolute(folder)) throw new CausetteError('bad-request', 'That is not a folder.', undefined, { context: 'folder' });
      await acceptInto(id, folder ?? downloadsDir());
      return true;
    },
    'transfer.acceptInto': async ({ id }) => {
      offered(id);
      const folder = await shell().chooseFolder();
      if (folder === undefined) return false;
      await acceptInto(id, folder);
      return true;
    },
    'transfer.open': async ({ id, reveal }) => {
      const path = savedPath(id);
      if (path === undefined) throw new CausetteError('not-found', 'That file is not on this computer (any more).', undefined, { context: 'savedFile' });
      if (reveal) shell().reveal(path);
      else await shell().open(path);
      return true;
    },
    'transfer.decline': async ({ id }) => {
      await offered(id).decline(id);
      return true;
    },
    'transfer.download': ({ accountId, peer, url, messageId }) => {
      accounts.entry(accountId);
      return Promise.resolve(downloads.start({ accountId, peer, url, ...(messageId === undefined ? {} : { messageId }) }));
    },
    'transfer.resume': async ({ id }) => {
      const transfer = transfers.list().find((each) => each.id === id);
      if (!transfer?.resumable || transfer.method === 'upload') throw new CausetteError('not-found', 'That transfer cannot go on.', undefined, { context: 'transfer' });
      const { session } = online(transfer.accountId);
      await resumeTransfer(session, transfer);
      return true;
    },
    'transfer.cancel': ({ id }) => {
      if (transfers.cancel(id)) return Promise.resolve(true);
      // An interrupted transfer waiting to go on (by itself after a reconnection, or by Resume) is given up.
      const transfer = transfers.list().find((each) => each.id === id);
      const session = transfer?.resumable ? accounts.entry(transfer.accountId).session : undefined;
      return Promise.resolve(session?.jingle?.abandon(id) === true);
    },
    'transfer.list': () => Promise.resolve(transfers.list()),
  };
}
