// XEP-0092 software version: asked of one resource, answered with name, version and (maybe) operating system.
import xml, { type Element } from '@xmpp/xml';
import { NS_VERSION } from '../disco/responders.ts';
import { cleanText } from './vcard.ts';

export interface SoftwareVersion {
  readonly name: string;
  readonly version?: string;
  readonly os?: string;
}

export function buildVersionGet(to: string): Element {
  return xml('iq', { type: 'get', to }, xml('query', { xmlns: NS_VERSION }));
}

/** §2: name is required; an answer without one says nothing. */
export function parseVersion(query: Element): SoftwareVersion | undefined {
  const name = cleanText(query.getChildText('name'), 100);
  if (name === undefined) return undefined;
  const version = cleanText(query.getChildText('version'), 100);
  const os = cleanText(query.getChildText('os'), 100);
  return { name, ...(version === undefined ? {} : { version }), ...(os === undefined ? {} : { os }) };
}
