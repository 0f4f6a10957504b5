// Room invitations on a session: those we receive (XEP-0249 direct, XEP-0045 §7.8.2 mediated) kept until the user joins
// or declines, and those we send, mediated ones checked against the room's answer.
import { randomUUID } from 'node:crypto';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Invitation, InvitationKind } from '../../../../shared/model/room.ts';
import type { Logger } from '../../log/logger.ts';
import type { InvitationStore } from '../../storage/messages/invitations.ts';
import type { Connection } from '../connection.ts';
import { buildDiscoInfoGet } from '../disco/disco-info.ts';
import { stanzaErrorOf } from '../stanza-error.ts';
import { buildDecline, buildDirectInvite, buildMediatedInvite, parseInvitation } from './invitation-stanzas.ts';
import { roomRefused } from './join-errors.ts';
import { ask } from './room-owner.ts';

/** Invitations kept per account: a flood from strangers pushes out the oldest, never grows the store. */
const KEPT = 50;

export interface InvitationsDeps {
  readonly accountId: string;
  readonly connection: Pick<Connection, 'send' | 'iq' | 'pipeline'>;
  readonly store: InvitationStore;
  readonly logger: Logger;
  readonly isContact: (bare: string) => boolean;
  /** We are in that room already: an invitation to it needs no answer. */
  readonly inRoom: (room: string) => boolean;
  readonly onChange: (invitations: Invitation[]) => void;
  /** A new invitation came (after onChange): the notifier decides whether it is shown. */
  readonly onNew?: (invitation: Invitation) => void;
  /** §7.8.2: someone declined one of ours. */
  readonly onDeclined?: (decline: { room: string; from: string; reason?: string }) => void;
  readonly now?: () => number;
}

export interface InviteArgs {
  readonly room: string;
  readonly jids: readonly string[];
  readonly reason?: string | undefined;
  readonly kind: InvitationKind;
  /** What the room is, from its disco#info: members-only rooms take mediated invitations. */
  readonly membersOnly: boolean;
  /** The room's password, given in a direct invitation (XEP-0249 §2). */
  readonly password?: string | undefined;
}

export function setupInvitations(deps: InvitationsDeps) {
  const { accountId, connection, store, logger } = deps;
  const now = deps.now ?? Date.now;
  /** Ids of mediated invitations sent, with the room's refusal once one comes back (RFC 6120 §8.3). */
  const sent = new Map<string, { room: string; refused?: { condition: string; text?: string } }>();

  const list = (): Invitation[] => store.invitations(accountId).map((invitation) => ({ ...invitation, fromContact: deps.isContact(invitation.from) }));
  const changed = () => deps.onChange(list());

  const removeStep = connection.pipeline.useIncoming((stanza) => {
    if (stanza.name !== 'message') return stanza;
    const ours = sent.get(String(stanza.attrs.id ?? ''));
    if (stanza.attrs.type === 'error' && ours && stanza.attrs.from === ours.room) {
      ours.refused = stanzaErrorOf(stanza);
      return undefined;
    }
    const parsed = parseInvitation(stanza);
    if (!parsed) return stanza;
    if (parsed.kind === 'ill-formed') {
      logger.info('an invitation was ill-formed and is ignored', { why: parsed.why });
      return undefined;
    }
    if (parsed.kind === 'decline') {
      deps.onDeclined?.({ room: parsed.room, from: parsed.from, ...(parsed.reason === undefined ? {} : { reason: parsed.reason }) });
      return undefined;
    }
    if (deps.inRoom(parsed.invitation.room)) return undefined;
    store.putInvitation(accountId, { ...parsed.invitation, receivedAt: now() }, KEPT);
    changed();
    const stored = list().find((each) => each.room === parsed.invitation.room);
    if (stored) deps.onNew?.(stored);
    return undefined;
  });

  return {
    list,
    /**
     * XEP-0249 §2 to each contact, or §7.8.2 through the room; the room handles what we send in order, so its answer to a
     * disco#info asked afterwards comes after any refusal of the invitations (forbidden: we may not invite).
     */
    async invite(args: InviteArgs): Promise<void> {
      const mediated = args.kind === 'mediated' || (args.kind === 'auto' && args.membersOnly);
      const reason = args.reason?.trim() === '' ? undefined : args.reason?.trim();
      if (!mediated) {
        for (const to of args.jids) {
          await connection.send(buildDirectInvite({ to, room: args.room, id: randomUUID(), ...(reason === undefined ? {} : { reason }), ...(args.password === undefined ? {} : { password: args.password }) }));
        }
        return;
      }
      const ids = args.jids.map(() => randomUUID());
      for (const id of ids) sent.set(id, { room: args.room });
      try {
        // Prosody reads only the first <invite/> of a message: one message each.
        for (const [index, to] of args.jids.entries()) {
          await connection.send(buildMediatedInvite({ room: args.room, to: [to], id: ids[index] ?? randomUUID(), ...(reason === undefined ? {} : { reason }) }));
        }
        await ask(connection, args.room, buildDiscoInfoGet(args.room));
        const refused = ids.map((id) => sent.get(id)?.refused).find((each) => each !== undefined);
        if (refused) throw roomRefused(refused.condition, args.room, refused.text);
      } finally {
        for (const id of ids) sent.delete(id);
      }
    },
    /** §7.8.2: a mediated invitation is declined through the room; a direct one has no answer (XEP-0249), it is only forgotten. */
    async decline(room: string, reason?: string): Promise<void> {
      const invitation = store.invitations(accountId).find((each) => each.room === room);
      if (!invitation) throw new CausetteError('not-found', `There is no invitation to ${room}.`, undefined, { context: 'room', room });
      store.dropInvitation(accountId, room);
      changed();
      const why = reason?.trim();
      if (invitation.kind === 'mediated') await connection.send(buildDecline({ room, to: invitation.from, id: randomUUID(), ...(why === undefined || why === '' ? {} : { reason: why }) }));
    },
    /** We are in the room now: its invitation is answered. */
    joined(room: string): void {
      if (store.dropInvitation(accountId, room)) changed();
    },
    dispose: removeStep,
  };
}

export type Invitations = ReturnType<typeof setupInvitations>;
