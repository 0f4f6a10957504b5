import { createHmac, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import { createScramClient, escapeSaslName } from '../../../electron/core/xmpp/sasl/scram.ts';
import { thrownCausetteError } from '../../support/thrown.ts';

// RFC 5802 §5.
const sha1 = {
  nonce: 'fyko+d2lbbFgONRv9qkxdawL',
  clientFirst: 'n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL',
  serverFirst: 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
  clientFinal: 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
  serverFinal: 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=',
};

// RFC 7677 §3.
const sha256 = {
  nonce: 'rOprNGfwEbeRWgbNEkqO',
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<CausetteError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof CausetteError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('SCRAM', () => {
  it.each([
    ['SCRAM-SHA-1 (RFC 5802)', 'sha1', sha1],
    ['SCRAM-SHA-256 (RFC 7677)', 'sha256', sha256],
  ] as const)('%s reproduces the test vector exactly', async (_name, hash, vector) => {
    const client = createScramClient({ hash, username: 'user', password: 'pencil', nonce: vector.nonce });
    expect(client.clientFirst).toBe(vector.clientFirst);
    expect(await client.clientFinal(vector.serverFirst)).toBe(vector.clientFinal);
    expect(() => client.verifyServerFinal(vector.serverFinal)).not.toThrow();
  });

  it('rejects a server whose signature is wrong', async () => {
    const client = createScramClient({ hash: 'sha256', username: 'user', password: 'pencil', nonce: sha256.nonce });
    await client.clientFinal(sha256.serverFirst);
    const error = await refusal(() => client.verifyServerFinal(sha256.serverFinal.replace('v=6rri', 'v=7rri')));
    expect(error.code).toBe('no-mechanism');
    expect(error.message).toMatch(/server signature/);
    expect((await refusal(() => client.verifyServerFinal(sha1.serverFinal))).code).toBe('no-mechanism');
  });

  it('rejects a server-final before any proof was computed', async () => {
    const client = createScramClient({ hash: 'sha1', username: 'user', password: 'pencil', nonce: sha1.nonce });
    expect((await refusal(() => client.verifyServerFinal(sha1.serverFinal))).code).toBe('no-mechanism');
  });

  it('reports a server-error attribute as a refused sign-in', async () => {
    const client = createScramClient({ hash: 'sha1', username: 'user', password: 'pencil', nonce: sha1.nonce });
    await client.clientFinal(sha1.serverFirst);
    expect((await refusal(() => client.verifyServerFinal('e=invalid-proof'))).code).toBe('not-authorized');
  });

  it('rejects a server nonce that does not extend ours', async () => {
    const client = createScramClient({ hash: 'sha1', username: 'user', password: 'pencil', nonce: sha1.nonce });
    expect((await refusal(client.clientFinal('r=somethingElse123,s=QSXCR+Q6sek8bf92,i=4096'))).message).toMatch(/nonce/);
    expect((await refusal(client.clientFinal(`r=${sha1.nonce},s=QSXCR+Q6sek8bf92,i=4096`))).message).toMatch(/nonce/);
  });

  it('refuses fewer than 4096 iterations, and absurdly many', async () => {
    const client = () => createScramClient({ hash: 'sha256', username: 'user', password: 'pencil', nonce: sha256.nonce });
    const serverFirst = (iterations: string) => sha256.serverFirst.replace('i=4096', `i=${iterations}`);
    expect((await refusal(client().clientFinal(serverFirst('4095')))).message).toMatch(/4095 SCRAM iterations/);
    expect((await refusal(client().clientFinal(serverFirst('1')))).code).toBe('no-mechanism');
    expect((await refusal(client().clientFinal(serverFirst('x')))).code).toBe('no-mechanism');
    expect((await refusal(client().clientFinal(serverFirst('100000000')))).code).toBe('no-mechanism');
  });

  it('refuses mandatory extensions and a missing salt', async () => {
    const client = createScramClient({ hash: 'sha1', username: 'user', password: 'pencil', nonce: sha1.nonce });
    expect((await refusal(client.clientFinal(`m=ext,${sha1.serverFirst}`))).code).toBe('no-mechanism');
    expect((await refusal(client.clientFinal(sha1.serverFirst.replace('s=QSXCR+Q6sek8bf92', 's=')))).message).toMatch(/salt/);
  });

  it('escapes , and = in the username (RFC 5802 §5.1)', () => {
    expect(escapeSaslName('a,b=c')).toBe('a=2Cb=3Dc');
    const client = createScramClient({ hash: 'sha1', username: 'a,b=c', password: 'x', nonce: 'abc' });
    expect(client.clientFirst).toBe('n,,n=a=2Cb=3Dc,r=abc');
  });

  it('uses a fresh random nonce by default', () => {
    const first = createScramClient({ hash: 'sha1', username: 'u', password: 'p' }).clientFirst;
    const second = createScramClient({ hash: 'sha1', username: 'u', password: 'p' }).clientFirst;
    expect(first).not.toBe(second);
    expect(first).toMatch(/^n,,n=u,r=[A-Za-z0-9+/=]{24}$/);
  });

  it('derives the key off the main thread: the event loop keeps turning while a long derivation runs', async () => {
    const client = createScramClient({ hash: 'sha256', username: 'user', password: 'pencil', nonce: sha256.nonce });
    let finished = false;
    const final = client.clientFinal(sha256.serverFirst.replace('i=4096', 'i=600000')).then((message) => {
      finished = true;
      return message;
    });
    // A derivation on this thread would block until done, so its promise would have settled before any later turn.
    let turns = 0;
    for (; turns < 3 && !finished; turns += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(turns).toBe(3);
    expect(finished).toBe(false);
    // And it is the right derivation: the signature of a server that knows the password checks out.
    const serverFirst = sha256.serverFirst.replace('i=4096', 'i=600000');
    const salted = pbkdf2Sync('pencil', Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'), 600000, 32, 'sha256');
    const signature = serverSignature(salted, client.clientFirst, serverFirst, await final);
    expect(() => client.verifyServerFinal(`v=${signature}`)).not.toThrow();
  });
});

describe('SCRAM with channel binding (RFC 5802 §6)', () => {
  const data = Buffer.from('0123456789abcdef0123456789abcdef');

  it('-PLUS puts p=<type> in the GS2 header and the header with the binding data in c=', async () => {
    const client = createScramClient({ hash: 'sha256', username: 'user', password: 'pencil', nonce: sha256.nonce, binding: { type: 'tls-exporter', data } });
    expect(client.clientFirst).toBe('p=tls-exporter,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const final = await client.clientFinal(sha256.serverFirst);
    const channelBinding = Buffer.concat([Buffer.from('p=tls-exporter,,'), data]).toString('base64');
    expect(final.startsWith(`c=${channelBinding},r=`)).toBe(true);
    // The proof covers c=: it differs from the unbound RFC vector's.
    expect(final).not.toBe(sha256.clientFinal);
    const salted = pbkdf2Sync('pencil', Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'), 4096, 32, 'sha256');
    expect(() => client.verifyServerFinal(`v=${serverSignature(salted, client.clientFirst, sha256.serverFirst, final)}`)).not.toThrow();
  });

  it('"y" says the client could bind but thinks the server cannot', async () => {
    const client = createScramClient({ hash: 'sha1', username: 'user', password: 'pencil', nonce: sha1.nonce, binding: 'y' });
    expect(client.clientFirst).toBe('y,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    expect(await client.clientFinal(sha1.serverFirst)).toMatch(/^c=eSws,r=/);
  });
});

describe('SCRAM credentials (SASLprep, RFC 5802 §5.1)', () => {
  it('refuses a password SASLprep prohibits before anything is sent', () => {
    const error = thrownCausetteError(() => createScramClient({ hash: 'sha1', username: 'user', password: 'pen\u0007cil' }));
    expect(error.code).toBe('invalid-credentials');
    expect(error.message).toMatch(/^The password cannot be used to sign in: it contains U\+0007/);
  });

  it('refuses a username that SASLprep empties', () => {
    expect(thrownCausetteError(() => createScramClient({ hash: 'sha1', username: '\u00AD', password: 'x' })).code).toBe('invalid-credentials');
  });

  it('prepares the password: a non-ASCII space counts as a space', async () => {
    const spaced = createScramClient({ hash: 'sha1', username: 'user', password: 'pen cil', nonce: sha1.nonce });
    const nbsp = createScramClient({ hash: 'sha1', username: 'user', password: 'pen\u00A0cil', nonce: sha1.nonce });
    expect(await nbsp.clientFinal(sha1.serverFirst)).toBe(await spaced.clientFinal(sha1.serverFirst));
  });
});

/** The ServerSignature a server knowing `salted` sends for this exchange (RFC 5802 §3), computed here independently. */
function serverSignature(salted: Buffer, clientFirst: string, serverFirst: string, clientFinal: string): string {
  const bare = clientFirst.slice(clientFirst.indexOf(',,') + 2);
  const withoutProof = clientFinal.slice(0, clientFinal.indexOf(',p='));
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return createHmac('sha256', serverKey).update(`${bare},${serverFirst},${withoutProof}`).digest('base64');
}
