// Each account's own presence: the user's choice (kept in the store, with recent status messages) and the automatic state.
import type { OwnPresence, OwnShow } from '../../../shared/model/presence.ts';
import type { ChosenPresence, OwnPresenceStore } from '../storage/own-presence.ts';
import type { AutoShow } from '../xmpp/presence/auto-away.ts';
import type { Announced } from '../xmpp/presence/own-presence.ts';

const maxRecent = 5;
const defaultChoice: ChosenPresence = { show: 'online', status: '', priority: 0 };

interface Auto {
  readonly show: AutoShow;
  readonly idleSince: number;
}

/** The five latest distinct status messages, newest first. */
export function rememberStatus(recent: readonly string[], status: string): string[] {
  const text = status.trim();
  if (text === '') return [...recent];
  return [text, ...recent.filter((entry) => entry !== text)].slice(0, maxRecent);
}

export function createOwnPresenceState(store: OwnPresenceStore) {
  const autos = new Map<string, Auto>();
  const read = (accountId: string) => store.read(accountId) ?? { chosen: defaultChoice, recentStatuses: [] };

  function effective(accountId: string): OwnPresence {
    const { chosen } = read(accountId);
    const auto = autos.get(accountId);
    return auto ? { ...chosen, show: auto.show, auto: auto.show } : { ...chosen };
  }

  return {
    chosen: (accountId: string): ChosenPresence => read(accountId).chosen,
    recentStatuses: (accountId: string): readonly string[] => read(accountId).recentStatuses,

    /** What the renderer shows: the choice, or the automatic state over it. */
    effective,

    /** What goes on the wire: the effective presence with XEP-0319 idle time when automatic. */
    announced(accountId: string): Announced {
      const auto = autos.get(accountId);
      return auto ? { ...effective(accountId), idleSince: auto.idleSince } : effective(accountId);
    },

    /** A choice by the user; ends any automatic state. */
    choose(accountId: string, change: Partial<ChosenPresence> & Pick<ChosenPresence, 'show'>): void {
      const before = read(accountId);
      const chosen = { ...before.chosen, ...change };
      autos.delete(accountId);
      // Going offline remembers the state it leaves, for the next sign-in.
      const resumeShow = chosen.show === 'offline' && before.chosen.show !== 'offline' ? before.chosen.show : before.resumeShow;
      store.write(accountId, { chosen, recentStatuses: rememberStatus(before.recentStatuses, chosen.status), resumeShow });
    },

    /** The state a sign-in after "offline" comes back to: the last one chosen before it, or available. */
    resumeShow: (accountId: string): OwnShow => {
      const { resumeShow } = read(accountId);
      return resumeShow === undefined || resumeShow === 'offline' ? 'online' : resumeShow;
    },

    auto: (accountId: string): AutoShow | undefined => autos.get(accountId)?.show,

    /** Returns whether the automatic state changed. */
    setAuto(accountId: string, show: AutoShow | undefined, idleSince: number): boolean {
      const before = autos.get(accountId);
      if (before?.show === show) return false;
      if (show === undefined) autos.delete(accountId);
      else autos.set(accountId, { show, idleSince: before?.idleSince ?? idleSince });
      return true;
    },

    forget(accountId: string): void {
      autos.delete(accountId);
    },
  };
}

export type OwnPresenceState = ReturnType<typeof createOwnPresenceState>;
