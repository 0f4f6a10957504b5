// A roster item as plain data (RFC 6121 §2.1.2): what the roster module parses and the store keeps.
import type { Subscription } from '../../../shared/model/contact.ts';

export interface RosterItem {
  readonly jid: string;
  readonly name?: string;
  readonly groups: readonly string[];
  readonly subscription: Subscription;
  /** RFC 6121 §2.1.2.2: ask='subscribe', our request awaits approval. */
  readonly ask: boolean;
  /** RFC 6121 §3.4: we pre-approved the contact's request. */
  readonly approved: boolean;
}
