// The scenario's server: a harness Prosody with alice, her roster written straight into Prosody's storage, and
// a component of fake contacts (prosody/mod_bench_presence.lua) that answers her presence probes.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startProsody, type ProsodyServer } from '../test/server/prosody.ts';
import type { LoadJob } from './load-job.ts';

export interface FixtureSize {
  readonly contacts: number;
  readonly online: number;
}

export interface Fixture {
  readonly server: ProsodyServer;
  readonly jid: string;
  readonly password: string;
  readonly contactDomain: string;
}

/** What a load child needs to sign in to the fixture as alice and wait for her roster and presences. */
export function loadJobOf(fixture: Fixture, size: FixtureSize, timeoutMs: number): LoadJob {
  const { server } = fixture;
  return {
    host: server.host,
    port: server.directTlsPort,
    caPem: server.caPem,
    jid: fixture.jid,
    password: fixture.password,
    contacts: size.contacts,
    online: size.online,
    contactDomain: fixture.contactDomain,
    timeoutMs,
  };
}

const clientName = 'Bench';
const capsNode = 'https://causette.invalid/bench';

/** XEP-0115 §5.1 for one identity and one feature: what the component's resources announce. */
function capsVer(): string {
  const input = `client/pc//${clientName}<http://jabber.org/protocol/disco#info<`;
  return createHash('sha1').update(input).digest('base64');
}

/** Prosody's datamanager path encoding: every non-alphanumeric byte as %xx. */
const encode = (value: string) => value.replace(/[^A-Za-z0-9]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

const luaString = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** Prosody 0.12 internal storage of a roster ("keyval" store): contacts by JID, metadata under [false]. */
export function rosterFile(size: FixtureSize, contactDomain: string): string {
  const lines = ['return {', '\t[false] = { ["version"] = 1; ["pending"] = {}; };'];
  for (let i = 1; i <= size.contacts; i += 1) {
    const group = `Group ${String(i % 20)}`;
    lines.push(
      `\t[${luaString(`c${String(i)}@${contactDomain}`)}] = { ["subscription"] = "both"; ["name"] = ${luaString(`Contact ${String(i)}`)}; ["groups"] = { [${luaString(group)}] = true; }; };`,
    );
  }
  lines.push('};', '');
  return lines.join('\n');
}

export async function startFixture(size: FixtureSize): Promise<Fixture> {
  const domain = 'localhost';
  const contactDomain = `contacts.${domain}`;
  const password = 'alice-bench-pw';
  const pluginDir = fileURLToPath(new URL('./prosody/', import.meta.url));
  const server = await startProsody({
    domain,
    users: [{ username: 'alice', password }],
    pluginPaths: [pluginDir],
    extraConfig: [
      `Component "${contactDomain}" "bench_presence"`,
      `  bench_online = ${String(size.online)}`,
      `  bench_caps_node = ${luaString(capsNode)}`,
      `  bench_caps_ver = ${luaString(capsVer())}`,
      `  bench_client_name = ${luaString(clientName)}`,
      '',
    ].join('\n'),
  });
  try {
    // Prosody reads a roster from storage when its user signs in, so writing it while the server runs is safe.
    const dir = `${server.dataDir}/data/${encode(domain)}/roster`;
    await mkdir(dir, { recursive: true });
    await writeFile(`${dir}/${encode('alice')}.dat`, rosterFile(size, contactDomain));
  } catch (error) {
    await server.dispose();
    throw error;
  }
  return { server, jid: `alice@${domain}`, password, contactDomain };
}
