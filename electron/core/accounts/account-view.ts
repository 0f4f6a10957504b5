// How an account looks across the contract: its stored settings plus its live connection state.
import type { Account, ConnectionState } from '../../../shared/model/account.ts';
import type { AccountRecord, PinnedCertificate } from '../storage/accounts.ts';

export function toAccount(record: AccountRecord, pinned: readonly PinnedCertificate[], connection: ConnectionState): Account {
  return {
    id: record.id,
    jid: record.jid,
    ...(record.host === undefined ? {} : { host: record.host }),
    ...(record.port === undefined ? {} : { port: record.port }),
    tls: record.tls,
    passwordSaved: record.passwordSaved,
    pinnedCertificates: pinned.map((certificate) => certificate.fingerprint256),
    connection,
  };
}
