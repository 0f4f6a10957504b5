// The contact's own words about themselves (vCard, XEP-0054) and the software of each online device (XEP-0092), as text.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDetails, Vcard } from '../../../shared/model/contact.ts';
import { call, messageOf } from '../../api.ts';
import { agoLabel } from '../presence/labels.ts';

const fields: readonly (keyof Vcard)[] = ['fullName', 'nickname', 'email', 'phone', 'organization', 'role', 'url', 'birthday', 'address', 'note'];

type Loaded = { readonly status: 'loading' } | { readonly status: 'failed'; readonly message: string } | { readonly status: 'ready'; readonly details: ContactDetails };

interface ContactProfileProps {
  readonly accountId: string;
  readonly jid: string;
  /** The online resources, so that a new device is asked for its software. */
  readonly resources: readonly string[];
}

export function ContactProfile({ accountId, jid, resources }: ContactProfileProps) {
  const id = useId();
  const { t } = useTranslation();
  const labels: Readonly<Record<keyof Vcard, string>> = {
    fullName: t('profile.fullName'),
    nickname: t('profile.nickname'),
    email: t('profile.email'),
    phone: t('profile.phone'),
    organization: t('profile.organization'),
    role: t('profile.role'),
    url: t('profile.url'),
    birthday: t('profile.birthday'),
    address: t('profile.address'),
    note: t('profile.note'),
  };
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
  const rows = vcard ? fields.flatMap((key) => (vcard[key] === undefined ? [] : [[labels[key], vcard[key]] as const])) : [];
  return (
    <section className="stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('profile.title')}</h3>
      {loaded.status === 'loading' && <p className="hint">{t('profile.loading')}</p>}
      {loaded.status === 'failed' && <p className="hint">{t('profile.failed', { reason: loaded.message })}</p>}
      {loaded.status === 'ready' && rows.length === 0 && <p className="hint">{t('profile.none')}</p>}
      {rows.length > 0 && (
        <dl className="details" aria-label={t('profile.title')}>
          {rows.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {lastSeen !== undefined && <p>{t('profile.signedOut', { ago: agoLabel(lastSeen, Date.now()) })}</p>}
      {versions.length > 0 && (
        <dl className="details" aria-label={t('profile.software')}>
          {versions.map((version) => (
            <div key={version.resource}>
              <dt>{version.resource}</dt>
              <dd>{[version.name, version.version, version.os === undefined ? undefined : t('profile.on', { os: version.os })].filter(Boolean).join(' ')}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
