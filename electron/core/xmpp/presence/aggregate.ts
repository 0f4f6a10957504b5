// A contact's shown state from its available resources (RFC 6121 §4.7.2.3 priority, then availability, then recency).
import type { ResourcePresence, Show } from '../../../../shared/model/presence.ts';

/** A resource with the order in which its presence arrived (higher is newer). */
export interface TimedResource extends ResourcePresence {
  readonly seq: number;
}

// Most available first; 'dnd' last because the user asked not to be disturbed (the order Gajim and Psi use).
const availability: readonly Show[] = ['chat', 'online', 'away', 'xa', 'dnd'];
const rank = (show: Show) => availability.indexOf(show);

/** Highest priority first; ties go to the more available show, then to the latest presence. */
export function compareResources(a: TimedResource, b: TimedResource): number {
  return b.priority - a.priority || rank(a.show) - rank(b.show) || b.seq - a.seq;
}

/** The resource that stands for the contact, or undefined when none is available (the contact is offline). */
export function leadingResource<T extends TimedResource>(resources: Iterable<T>): T | undefined {
  let best: T | undefined;
  for (const resource of resources) if (best === undefined || compareResources(resource, best) < 0) best = resource;
  return best;
}

export function aggregatePresence(resources: Iterable<TimedResource>): { show: Show; status?: string } {
  const best = leadingResource(resources);
  if (!best) return { show: 'offline' };
  return best.status === undefined ? { show: best.show } : { show: best.show, status: best.status };
}
