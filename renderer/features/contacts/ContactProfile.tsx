// The contact's own words about themselves (vCard, XEP-0054) and the software of each online device (XEP-0092), as text.
import { useEffect, useId, useState } from 'react';
import type { ContactDetails, Vcard } from '../../../shared/model/contact.ts';
import { call, messageOf } from '../../api.ts';
import { agoLabel } from '../presence/labels.ts';

const labels: readonly (readonly [keyof Vcard, string])[] = [
  ['fullName', 'Full name'],
  ['nickname', 'Nickname'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['organization', 'Organisation'],
  ['role', 'Role'],
  ['url', 'Website'],
  ['birthday', 'Birthday'],
  ['address', 'Address'],
  ['note', 'About'],
];

type Loaded = { readonly status: 'loading' } | { readonly status: 'failed'; readonly message: string } | { readonly status: 'ready'; readonly details: ContactDetails };

interface ContactProfileProps {
  readonly accountId: string;
  readonly jid: string;
  /** The online resources, so that a new device is asked for its software. */
  readonly resources: readonly string[];
}

export function ContactProfile({ accountId, jid, resources }: ContactProfileProps) {
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const resourceKey = [...resources].sort().join('\n');

  useEffect(() => {
    let current = true;
    call('contact.details', { accountId, jid })
      .then((details) => {
        if (current) setLoaded({ status: 'ready', details });
      })
      .catch((failure: unknown) => {
        if (current) setLoaded({ status: 'failed', message: messageOf(failure) });
      });
    return () => {
      current = false;
    };
  }, [accountId, jid, resourceKey]);

  const vcard = loaded.status === 'ready' ? loaded.details.vcard : undefined;
  const versions = loaded.status === 'ready' ? loaded.details.versions : [];
  const lastSeen = loaded.status === 'ready' ? loaded.details.lastSeen : undefined;
  const rows = vcard ? labels.flatMap(([key, label]) => (vcard[key] === undefined ? [] : [[label, vcard[key]] as const])) : [];
  return (
    <section className="stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Profile</h3>
      {loaded.status === 'loading' && <p className="hint">Loading…</p>}
      {loaded.status === 'failed' && <p className="hint">The profile could not be loaded: {loaded.message}</p>}
      {loaded.status === 'ready' && rows.length === 0 && <p className="hint">No profile published.</p>}
      {rows.length > 0 && (
        <dl className="details" aria-label="Profile">
          {rows.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {lastSeen !== undefined && <p>Signed out {agoLabel(lastSeen, Date.now())}</p>}
      {versions.length > 0 && (
        <dl className="details" aria-label="Client software">
          {versions.map((version) => (
            <div key={version.resource}>
              <dt>{version.resource}</dt>
              <dd>{[version.name, version.version, version.os === undefined ? undefined : `on ${version.os}`].filter(Boolean).join(' ')}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
