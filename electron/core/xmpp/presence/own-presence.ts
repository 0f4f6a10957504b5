// RFC 6121 §4.2/§4.4 our own presence: what we announce (show, status, priority, caps, XEP-0319 idle) and going invisible.
import xml, { type Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { OwnPresence } from '../../../../shared/model/presence.ts';
import type { Connection } from '../connection.ts';
import { goInvisibleSteps, goVisibleSteps, type Mechanism } from './invisibility.ts';
import { NS_IDLE } from './presence-stanza.ts';

export interface Announced extends OwnPresence {
  /** XEP-0319: epoch ms since when the user is idle (auto-away). */
  readonly idleSince?: number;
}

/** An available presence (or unavailable for 'offline'), RFC 6121 §4.7. */
export function buildOwnPresence(presence: Announced, caps?: Element, avatarUpdate?: Element): Element {
  if (presence.show === 'offline') return xml('presence', { type: 'unavailable' }, presence.status ? xml('status', {}, presence.status) : undefined);
  const show = presence.show === 'online' || presence.show === 'invisible' ? undefined : presence.show;
  return xml(
    'presence',
    {},
    show ? xml('show', {}, show) : undefined,
    presence.status ? xml('status', {}, presence.status) : undefined,
    xml('priority', {}, String(presence.priority)),
    caps,
    avatarUpdate,
    presence.idleSince === undefined ? undefined : xml('idle', { xmlns: NS_IDLE, since: new Date(presence.idleSince).toISOString() }),
  );
}

export interface OwnPresenceDeps {
  readonly connection: Pick<Connection, 'send' | 'iq'>;
  /** Our XEP-0115 <c/>, sent with every available presence. */
  readonly caps: Element;
  /** XEP-0153 §4.1: our avatar's hash, once we have one. */
  readonly avatarUpdate?: () => Element | undefined;
}

/** One session's own presence: remembers whether we are hidden and whether contacts saw us, until the next fresh session. */
export function setupOwnPresence({ connection, caps, avatarUpdate }: OwnPresenceDeps) {
  /** How we are hidden, if we are: going visible again undoes exactly that. */
  let hiddenWith: Mechanism | undefined;
  let announced = false;

  return {
    reset(): void {
      hiddenWith = undefined;
      announced = false;
    },

    /** Sends `presence`, hiding or showing ourselves first as needed. */
    async announce(presence: Announced, mechanism: Mechanism | 'unknown'): Promise<void> {
      // Leaving while hidden: straight to unavailable, never visible on the way out.
      if (presence.show === 'offline') {
        await connection.send(buildOwnPresence(presence));
        announced = false;
        return;
      }
      if (presence.show === 'invisible') {
        if (mechanism === 'unavailable' || mechanism === 'unknown') {
          throw new CausetteError('not-supported', 'This account’s server offers no way to appear offline while signed in.', undefined, { context: 'invisible' });
        }
        if (!hiddenWith) {
          for (const step of goInvisibleSteps(mechanism, announced)) {
            if (step === 'unavailable') await connection.send(xml('presence', { type: 'unavailable' }));
            else await connection.iq(step);
          }
          hiddenWith = mechanism;
          announced = false;
        }
        // Hidden from contacts, but the server still counts us available and delivers to us (XEP-0186 §3.1, XEP-0126 §3.1).
        await connection.send(buildOwnPresence(presence, caps, avatarUpdate?.()));
        return;
      }
      if (hiddenWith) {
        for (const step of goVisibleSteps(hiddenWith)) await connection.iq(step);
        hiddenWith = undefined;
      }
      await connection.send(buildOwnPresence(presence, caps, avatarUpdate?.()));
      announced = true;
    },
  };
}

export type OwnPresenceSession = ReturnType<typeof setupOwnPresence>;
