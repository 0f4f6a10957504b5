// Test PKI made with the openssl CLI: one CA per data dir, and leaf certificates for the XMPP domain.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

export type CertificateKind = 'ca-signed' | 'self-signed';

export interface CertificateAuthority {
  readonly certPath: string;
  readonly keyPath: string;
  readonly pem: string;
}

export interface LeafCertificate {
  readonly certPath: string;
  readonly keyPath: string;
  readonly pem: string;
  /** Uppercase hex pairs joined by ':', as Node's X509Certificate.fingerprint256. */
  readonly fingerprint256: string;
}

const run = promisify(execFile);
const caDays = '3650';
const leafDays = '365';
// P-256 keys: instant to generate (RSA-2048 costs ~100 ms each) and served by LuaSec.
const keyArgs = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args, { timeout: 10_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0] ?? ''} failed: ${stderr.trim() || String(error)}`, { cause: error });
  }
}

/** A one-off openssl config, so nothing from the system openssl.cnf (such as v3_ca on every -x509) leaks in. */
async function withConfig<T>(path: string, commonName: string, extensions: string[], body: () => Promise<T>): Promise<T> {
  const text = ['[req]', 'prompt = no', 'distinguished_name = dn', 'x509_extensions = ext', '[dn]', `CN = ${commonName}`, '[ext]', ...extensions, ''];
  await writeFile(path, text.join('\n'));
  try {
    return await body();
  } finally {
    await rm(path, { force: true });
  }
}

/** The CA in `dir` (ca.pem, ca.key), created on first use and reused afterwards (so a persistent CLI profile keeps its trust). */
export async function ensureCertificateAuthority(dir: string): Promise<CertificateAuthority> {
  const certPath = join(dir, 'ca.pem');
  const keyPath = join(dir, 'ca.key');
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    const extensions = ['basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign, cRLSign', 'subjectKeyIdentifier = hash'];
    await withConfig(join(dir, 'ca.cnf'), 'Causette Test CA', extensions, () =>
      openssl(['req', '-x509', ...keyArgs, '-keyout', keyPath, '-out', certPath, '-days', caDays, '-config', join(dir, 'ca.cnf')]),
    );
  }
  return { certPath, keyPath, pem: await readFile(certPath, 'utf8') };
}

/** A fresh key and certificate for `domain` in `dir` (<domain>.crt, <domain>.key), replacing any previous one. */
export async function issueLeafCertificate(dir: string, domain: string, kind: CertificateKind, ca: CertificateAuthority): Promise<LeafCertificate> {
  const certPath = join(dir, `${domain}.crt`);
  const keyPath = join(dir, `${domain}.key`);
  const configPath = join(dir, `${domain}.cnf`);
  const extensions = [
    `subjectAltName = DNS:${domain}`,
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature',
    'extendedKeyUsage = serverAuth',
  ];
  const signer = kind === 'ca-signed' ? ['-CA', ca.certPath, '-CAkey', ca.keyPath] : [];
  await withConfig(configPath, domain, extensions, () =>
    openssl(['req', '-x509', ...keyArgs, '-keyout', keyPath, '-out', certPath, '-days', leafDays, '-config', configPath, ...signer]),
  );
  const pem = await readFile(certPath, 'utf8');
  return { certPath, keyPath, pem, fingerprint256: new X509Certificate(pem).fingerprint256 };
}
