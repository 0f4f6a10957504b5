// The contact's connected resources (RFC 6121 §4.7): each device's state, status, priority and client.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n/index.ts';
import type { Contact } from '../../../shared/model/contact.ts';
import type { ResourcePresence } from '../../../shared/model/presence.ts';
import { receivesPresence, showLabel } from '../presence/labels.ts';
import { Pause } from './Pause.tsx';

function clientText(resource: ResourcePresence): string | undefined {
  const client = resource.client;
  if (!client) return undefined;
  return [client.name, client.version, client.os === undefined ? undefined : i18n.t('profile.on', { os: client.os })].filter(Boolean).join(' ');
}

export function ContactResources({ contact }: { readonly contact: Contact }) {
  const id = useId();
  const { t } = useTranslation();
  const byPriority = [...contact.resources].sort((a, b) => b.priority - a.priority || a.resource.localeCompare(b.resource));
  return (
    <section className="stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('devices.title')}</h3>
      {byPriority.length === 0 ? (
        <p className="hint">
          {receivesPresence(contact.subscription)
? t('devices.none') : t('devices.hidden')}
        </p>
      ) : (
        <ul className="resources">
          {byPriority.map((resource) => {
            const client = clientText(resource);
            const status = resource.status?.trim();
            return (
              <li key={resource.resource} className="resource">
                <span className="resource-name">{resource.resource}</span>
                <span className="contact-state">
                  <span className={`dot presence-${resource.show}`} aria-hidden="true" />
                  {showLabel(resource.show)}
                  {status !== undefined && status !== '' && (
                    <span className="status-text">
                      <Pause />
                      {status}
                    </span>
                  )}
                </span>
                <span className="hint">
                  {t('devices.priority', { priority: resource.priority })}
                  {client !== undefined && (
                    <>
                      <Pause />
                      <span className="client">{client}</span>
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
