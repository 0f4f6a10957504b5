// What can go wrong in the OMEMO 2 protocol core, as typed values: a code the caller can act on and its values.
export type Omemo2ErrorCode =
  | 'malformed-message'
  | 'authentication-failed'
  | 'bad-signed-prekey-signature'
  | 'no-prekey'
  | 'unknown-prekey'
  | 'unknown-signed-prekey'
  | 'duplicate-message'
  | 'too-many-skipped-keys'
  | 'no-sending-chain'
  | 'sender-mismatch'
  | 'recipient-mismatch'
  | 'damaged-session';

export class Omemo2Error extends Error {
  readonly code: Omemo2ErrorCode;
  readonly params: Readonly<Record<string, string | number>> | undefined;
  constructor(code: Omemo2ErrorCode, message: string, params?: Readonly<Record<string, string | number>>) {
    super(message);
    this.name = 'Omemo2Error';
    this.code = code;
    this.params = params;
  }
}
