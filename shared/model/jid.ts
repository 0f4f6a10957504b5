// XMPP addresses, RFC 7622: localpart@domainpart/resourcepart, validated and normalised without Node.

export interface Jid {
  readonly local?: string;
  readonly domain: string;
  readonly resource?: string;
}

export type ParseJidResult = { readonly ok: true; readonly jid: Jid } | { readonly ok: false; readonly message: string };

// RFC 7622 §3.1: each part is at most 1023 octets once encoded as UTF-8.
const maxPartBytes = 1023;
// RFC 7622 §3.3.1: characters the UsernameCaseMapped profile leaves out of a localpart.
const forbiddenInLocal = /["&'/:<>@\s]/u;
const controlCharacter = /\p{Cc}/u;
const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const asciiLabel = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const forbiddenInDomain = /[\s"&'/:<>@[\]\\%?#,;=+*()!$|^`{}~]/u;
// Already normal ASCII (lower case, host-name labels, printable resource): the checks below would change and refuse nothing.
const plainAscii = /^(?:([a-z0-9._+-]+)@)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)(?:\/([\x20-\x7e]+))?$/;
// The same without a resource: a bare JID already in its normal form.
const plainBareAscii = /^(?:[a-z0-9._+-]+@)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Whether the text is a bare JID already normalised (what parseJid then formatJid would give back unchanged). */
export function isNormalBareJid(text: string): boolean {
  return text.length <= maxPartBytes && plainBareAscii.test(text);
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
const fail = (message: string): ParseJidResult => ({ ok: false, message });

function tooLong(part: string, name: string): string | undefined {
  return utf8Length(part) > maxPartBytes ? `the ${name} is longer than ${maxPartBytes} bytes` : undefined;
}

function checkLocal(local: string): string | undefined {
  if (local.length === 0) return 'the name before the @ is empty';
  if (forbiddenInLocal.test(local) || controlCharacter.test(local)) {
    return 'the name before the @ cannot contain spaces or any of " & \' / : < > @';
  }
  return tooLong(local, 'name before the @');
}

// RFC 7622 §3.2: a domainpart is a host name (IDNA labels), an IPv4 address or an IPv6 literal in brackets.
function normaliseDomain(raw: string): string | { error: string } {
  const domain = (raw.endsWith('.') ? raw.slice(0, -1) : raw).normalize('NFC').toLowerCase();
  if (domain.length === 0) return { error: 'the server name is empty' };
  const long = tooLong(domain, 'server name');
  if (long) return { error: long };
  if (domain.startsWith('[')) return isIpv6Literal(domain) ? domain : { error: `“${raw}” is not a valid IPv6 address` };
  if (ipv4.test(domain)) return domain;
  for (const label of domain.split('.')) {
    if (label.length === 0) return { error: 'the server name has an empty part between dots' };
    if (forbiddenInDomain.test(label) || controlCharacter.test(label)) return { error: `“${raw}” is not a valid server name` };
    if (/^[\x20-\x7e]*$/.test(label) && !asciiLabel.test(label)) return { error: `“${label}” is not a valid part of a server name` };
  }
  return domain;
}

// RFC 4291 §2.2: eight groups of hexadecimal, one run of zero groups shortened to "::", maybe an IPv4 tail.
function isIpv6Literal(domain: string): boolean {
  if (!/^\[[0-9a-f:.]+\]$/.test(domain)) return false;
  let address = domain.slice(1, -1);
  const tail = /(?:^|:)([\d.]+)$/.exec(address)?.[1];
  if (tail?.includes('.')) {
    if (!ipv4.test(tail)) return false;
    // An IPv4 tail stands for the last two groups.
    address = `${address.slice(0, address.length - tail.length)}0:0`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

/** Parses and normalises an address: the localpart and domainpart are case-folded, the resource kept as typed. */
export function parseJid(text: string): ParseJidResult {
  const input = text.trim();
  const plain = plainAscii.exec(input);
  if (plain && input.length <= maxPartBytes) {
    const [, local, domain = '', resource] = plain;
    // Built without spreads: this runs for every stanza and roster item.
    const jid: { -readonly [K in keyof Jid]: Jid[K] } = local === undefined ? { domain } : { local, domain };
    if (resource !== undefined) jid.resource = resource;
    return { ok: true, jid };
  }
  // RFC 7622 §3.1: the resource starts at the first '/', the localpart ends at the first '@' before it.
  const slash = input.indexOf('/');
  const head = slash === -1 ? input : input.slice(0, slash);
  const resource = slash === -1 ? undefined : input.slice(slash + 1).normalize('NFC');
  const at = head.indexOf('@');
  const local = at === -1 ? undefined : head.slice(0, at).normalize('NFC').toLowerCase();
  const domain = normaliseDomain(at === -1 ? head : head.slice(at + 1));

  if (local !== undefined) {
    const problem = checkLocal(local);
    if (problem) return fail(problem);
  }
  if (typeof domain !== 'string') return fail(domain.error);
  if (resource !== undefined) {
    if (resource.length === 0) return fail('the resource after the / is empty');
    if (controlCharacter.test(resource)) return fail('the resource after the / contains control characters');
    const long = tooLong(resource, 'resource after the /');
    if (long) return fail(long);
  }
  return {
    ok: true,
    jid: { ...(local === undefined ? {} : { local }), domain, ...(resource === undefined ? {} : { resource }) },
  };
}

/** The same address without its resource. */
export function bareJid(jid: Jid): Jid {
  return jid.local === undefined ? { domain: jid.domain } : { local: jid.local, domain: jid.domain };
}

export function formatJid(jid: Jid): string {
  const bare = jid.local === undefined ? jid.domain : `${jid.local}@${jid.domain}`;
  return jid.resource === undefined ? bare : `${bare}/${jid.resource}`;
}
