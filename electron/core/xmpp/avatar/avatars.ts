// One session's avatars: contacts' from XEP-0084 metadata events, else from XEP-0153 presence hashes; fetched only for a
// hash not yet on disk, verified against it, and remembered per contact. Also publishes ours (XEP-0084 §4.1, XEP-0153 §3.2).
import type { Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Logger } from '../../log/logger.ts';
import type { AvatarCache } from '../../storage/avatar-cache.ts';
import type { AvatarSource, AvatarStore } from '../../storage/avatars.ts';
import type { Connection } from '../connection.ts';
import type { AccountInfo } from '../disco/account-info.ts';
import { StanzaError } from '../errors.ts';
import { parseJid } from '../../../../shared/model/jid.ts';
import {
  buildDataPublish,
  buildDataRequest,
  buildMetadataDisable,
  buildMetadataPublish,
  buildPresenceUpdate,
  buildVcardGet,
  buildVcardSetWithoutPhoto,
  buildVcardSetWithPhoto,
  NS_PUBLISH_OPTIONS,
  NS_PUBSUB_EVENT,
  NS_VCARD_UPDATE,
  parseDataResult,
  parseMetadataEvent,
  parsePresencePhoto,
  parseVcardPhoto,
} from './avatar-stanzas.ts';
import { decodeBase64, isSha1Hex, pngSize, sha1Hex } from '../../model/image.ts';

/** What 'avatar.setOwn' accepts: a PNG the renderer already made small. */
export const MAX_OWN_BYTES = 256 * 1024;
export const MAX_OWN_SIDE = 512;

export interface AvatarsDeps {
  readonly accountId: string;
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'pipeline' | 'iq'>;
  /** Our account's features: whether its PEP service takes publish-options. */
  readonly accountInfo: Pick<AccountInfo, 'features'>;
  readonly cache: AvatarCache;
  readonly store: AvatarStore;
  readonly logger: Logger;
  /** Whether this bare JID is in the roster: strangers cannot make us fetch or keep anything. */
  readonly isContact: (bare: string) => boolean;
  /** A contact's avatar hash changed. */
  readonly onChange: (bare: string) => void;
  /** Our own avatar hash changed (set here or by another of our clients). */
  readonly onOwnChange: (hash: string | undefined) => void;
}

const bareOf = (from: string | undefined): string | undefined => {
  const parsed = parseJid(from ?? '');
  if (!parsed.ok) return undefined;
  const { local, domain } = parsed.jid;
  return local === undefined ? undefined : `${local}@${domain}`;
};

/** Checks a PNG for 'avatar.setOwn' and gives its bytes and size, or a bad-request error. */
export function checkOwnPng(base64: string): { bytes: Uint8Array; width: number; height: number } {
  const bytes = decodeBase64(base64);
  if (!bytes) throw new CausetteError('bad-request', 'The avatar is not valid base64.');
  if (bytes.length > MAX_OWN_BYTES) throw new CausetteError('bad-request', 'The avatar image is larger than 256 KiB.', undefined, { context: 'avatarSize', kib: 256 });
  const size = pngSize(bytes);
  if (!size) throw new CausetteError('bad-request', 'The avatar is not a PNG image.', undefined, { context: 'avatarType' });
  if (size.width > MAX_OWN_SIDE || size.height > MAX_OWN_SIDE) throw new CausetteError('bad-request', 'The avatar image is larger than 512×512.');
  return { bytes, ...size };
}

export function setupAvatars(deps: AvatarsDeps) {
  const { accountId, connection, cache, store, logger } = deps;
  const known = store.contacts(accountId);
  let own = store.own(accountId);
  /** We removed our avatar in this session: our presence says so with an empty photo (XEP-0153 §4.1). */
  let removedHere = false;
  /** Fetches under way, by hash, so many presences with one hash make one fetch. */
  const fetching = new Map<string, Promise<boolean>>();

  async function fetchOnce(hash: string, fetch: () => Promise<Uint8Array | undefined>, via: string, from: string): Promise<boolean> {
    if (cache.has(hash)) return true;
    const pending = fetching.get(hash);
    if (pending) return pending;
    const work = (async () => {
      logger.info('avatar fetched', { via, from, hash });
      const bytes = await fetch();
      if (!bytes) {
        logger.warn('avatar unavailable', { via, from, hash });
        return false;
      }
      const stored = cache.put(hash, bytes);
      if (!stored.ok) logger.warn('avatar refused', { via, from, hash, reason: stored.reason });
      return stored.ok;
    })().finally(() => fetching.delete(hash));
    fetching.set(hash, work);
    return work;
  }

  const fromPep = (bare: string, hash: string) =>
    fetchOnce(hash, async () => {
      const payload = parseDataResult(await connection.iq(buildDataRequest(bare, hash)), hash);
      return payload === undefined ? undefined : decodeBase64(payload);
    }, 'pep', bare);

  const fromVcard = (bare: string, hash: string) =>
    fetchOnce(hash, async () => {
      const photo = parseVcardPhoto(await connection.iq(buildVcardGet(bare)));
      return photo && decodeBase64(photo.base64);
    }, 'vcard', bare);

  function remember(bare: string, value: { hash: string; source: AvatarSource } | undefined): void {
    const before = known.get(bare);
    if (before?.hash === value?.hash && before?.source === value?.source) return;
    if (value) known.set(bare, value);
    else known.delete(bare);
    store.setContact(accountId, bare, value);
    if (before?.hash !== value?.hash) deps.onChange(bare);
  }

  function setOwnHash(hash: string | undefined): void {
    if (own === hash) return;
    own = hash;
    if (hash !== undefined) removedHere = false;
    store.setOwn(accountId, hash);
    deps.onOwnChange(hash);
  }

  const failed = (what: string, bare: string) => (error: unknown) =>
    logger.warn(what, { from: bare, error: error instanceof Error ? error.message : String(error) });

  // XEP-0084 §4.2: a metadata notification (also the last item, sent when our +notify caps are seen).
  function onMetadata(bare: string, event: NonNullable<ReturnType<typeof parseMetadataEvent>>): void {
    const { hash } = event;
    if (hash === undefined) {
      if (bare === deps.ownJid) setOwnHash(undefined);
      else remember(bare, undefined);
      return;
    }
    if (!isSha1Hex(hash)) return;
    void fromPep(bare, hash)
      .then((ok) => {
        if (!ok) return;
        if (bare === deps.ownJid) setOwnHash(hash);
        else remember(bare, { hash, source: 'pep' });
      })
      .catch(failed('the avatar could not be fetched', bare));
  }

  // XEP-0153 §4.3: only for a contact that has not shown an XEP-0084 avatar, which takes precedence.
  function onPresencePhoto(bare: string, hash: string): void {
    if (bare === deps.ownJid || known.get(bare)?.source === 'pep') return;
    if (hash === '') return remember(bare, undefined);
    if (!isSha1Hex(hash) || known.get(bare)?.hash === hash) return;
    void fromVcard(bare, hash)
      .then((ok) => ok && remember(bare, { hash, source: 'vcard' }))
      .catch(failed('the vCard avatar could not be fetched', bare));
  }

  /** Only our own account and our contacts may change an avatar we show. */
  const knownSender = (stanza: Element): string | undefined => {
    const bare = bareOf(stanza.attrs.from);
    return bare && (bare === deps.ownJid || deps.isContact(bare)) ? bare : undefined;
  };
  // XEP-0084 §4.4: metadata notifications from PEP.
  const removeEvents = connection.pipeline.handle({ stanza: 'message', child: { name: 'event', xmlns: NS_PUBSUB_EVENT } }, (stanza) => {
    const bare = knownSender(stanza);
    const event = bare && parseMetadataEvent(stanza);
    if (bare && event) onMetadata(bare, event);
  });
  // XEP-0153 §4.3: the photo hash in an available presence.
  const removePhotos = connection.pipeline.handle({ stanza: 'presence', child: { name: 'x', xmlns: NS_VCARD_UPDATE } }, (stanza) => {
    const bare = knownSender(stanza);
    const hash = bare && stanza.attrs.type === undefined ? parsePresencePhoto(stanza) : undefined;
    if (bare && hash !== undefined) onPresencePhoto(bare, hash);
  });
  const unsubscribe = () => {
    removeEvents();
    removePhotos();
  };

  /** XEP-0060 §7.1.5: whether our PEP service takes publish-options. */
  async function offersPublishOptions(): Promise<boolean> {
    return (await deps.accountInfo.features()).includes(NS_PUBLISH_OPTIONS);
  }

  /** Publishes with an open access model, or plainly when the node's configuration refuses it (XEP-0060 §7.1.5 precondition). */
  async function publish(build: (open: boolean) => Element, open: boolean): Promise<void> {
    try {
      await connection.iq(build(open));
    } catch (error) {
      if (!open || !(error instanceof StanzaError) || (error.condition !== 'conflict' && error.condition !== 'precondition-not-met')) throw error;
      await connection.iq(build(false));
    }
  }

  return {
    hashOf: (bare: string): string | undefined => known.get(bare)?.hash,
    ownHash: (): string | undefined => own,
    /** XEP-0153 §4.1: the element our presence carries, once we have an avatar. */
    presenceUpdate: (): Element | undefined => (own !== undefined ? buildPresenceUpdate(own) : removedHere ? buildPresenceUpdate('') : undefined),

    /** XEP-0084 §4.1 then §4.2, and XEP-0153 §3.2; the caller announces presence again afterwards. */
    async publishOwn(base64: string): Promise<string> {
      const { bytes, width, height } = checkOwnPng(base64);
      const hash = sha1Hex(bytes);
      const stored = cache.put(hash, bytes);
      if (!stored.ok) throw new CausetteError('bad-request', 'The avatar could not be kept.');
      const canonical = Buffer.from(bytes).toString('base64');
      const open = await offersPublishOptions().catch(() => false);
      await publish((withOptions) => buildDataPublish(hash, canonical, withOptions), open);
      await publish((withOptions) => buildMetadataPublish({ id: hash, type: 'image/png', bytes: bytes.length, width, height }, withOptions), open);
      try {
        const current = await connection.iq(buildVcardGet());
        await connection.iq(buildVcardSetWithPhoto(current.getChild('vCard', 'vcard-temp'), 'image/png', canonical));
      } catch (error) {
        // The PEP avatar is out; clients that only know vCards will miss it, which is not worth failing for.
        failed('our vCard photo could not be set', deps.ownJid)(error);
      }
      setOwnHash(hash);
      return hash;
    },

    /** XEP-0084 §4.5 (empty metadata), then XEP-0153 §3.2 (vCard without PHOTO); the caller announces presence again afterwards. */
    async removeOwn(): Promise<void> {
      await connection.iq(buildMetadataDisable());
      try {
        const current = await connection.iq(buildVcardGet());
        await connection.iq(buildVcardSetWithoutPhoto(current.getChild('vCard', 'vcard-temp')));
      } catch (error) {
        failed('the photo could not be taken out of our vCard', deps.ownJid)(error);
      }
      removedHere = true;
      setOwnHash(undefined);
    },

    dispose: unsubscribe,
  };
}

export type Avatars = ReturnType<typeof setupAvatars>;
