// A step or handler refusing a stanza on purpose (RFC 6120 §8.3 conditions), as opposed to failing to handle it.
export class StanzaRejected extends Error {
  /** A defined condition of RFC 6120 §8.3.3, for an error reply where one is due. */
  readonly condition: string;
  constructor(condition: string, reason: string) {
    super(reason);
    this.name = 'StanzaRejected';
    this.condition = condition;
  }
}
