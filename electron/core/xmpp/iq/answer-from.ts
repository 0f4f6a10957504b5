// Who may answer a request of ours (RFC 6120 §8.2.3, §10.1.4, §8.1.2.1; RFC 6121 §2.1.5 for the roster).

/** Compares addresses as RFC 7622 does for this purpose: localpart and domain without case, resource exactly. */
export function normaliseAddress(address: string): string {
  const slash = address.indexOf('/');
  const bare = slash === -1 ? address : address.slice(0, slash);
  return slash === -1 ? bare.toLowerCase() : `${bare.toLowerCase()}${address.slice(slash)}`;
}

export interface Own {
  /** The account's bare JID, when known (not while registering). */
  readonly bare: string | undefined;
  readonly domain: string;
}

/**
 * Whether an answer whose 'from' is `from` may settle a request sent to `to`. A request with no 'to' is handled by our
 * server on the account's behalf: it answers with no 'from', the bare JID (§8.1.2.1) or, as Prosody does for
 * server-wide queries, its domain. One to our bare JID is answered with no 'from' or the bare JID; any other only by
 * the entity asked.
 */
export function mayAnswer(to: string | undefined, from: string | undefined, own: Own): boolean {
  const asked = to === undefined ? undefined : normaliseAddress(to);
  const answered = from === undefined ? undefined : normaliseAddress(from);
  const bare = own.bare === undefined ? undefined : normaliseAddress(own.bare);
  const domain = own.domain.toLowerCase();
  if (asked === undefined) return answered === undefined || answered === bare || answered === domain;
  if (asked === bare) return answered === undefined || answered === bare;
  return answered === asked;
}
