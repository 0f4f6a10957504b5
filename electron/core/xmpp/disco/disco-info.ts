// XEP-0030 §3.1 disco#info parsed from a query (identities, features, XEP-0128 forms), and our own answer built.
import xml, { type Element } from '@xmpp/xml';
import type { DiscoForm, DiscoInfo } from '../../model/disco-info.ts';

export const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
export const NS_DATA = 'jabber:x:data';

/** Undefined when the form must be left out (XEP-0115 §5.4 step 3.6: no FORM_TYPE, or one that is not hidden). */
function parseForm(x: Element): DiscoForm | 'ill-formed' | undefined {
  let formType: string | undefined;
  const fields: { var: string; values: string[] }[] = [];
  for (const field of x.getChildren('field')) {
    const name = field.attrs.var;
    if (name === undefined) continue;
    const values = field.getChildren('value').map((value) => value.text());
    if (name === 'FORM_TYPE') {
      if (field.attrs.type !== 'hidden') return undefined;
      // §5.4 step 3.5: a FORM_TYPE with differing values makes the whole answer ill-formed.
      if (new Set(values).size !== 1) return 'ill-formed';
      formType = values[0];
    } else {
      fields.push({ var: name, values });
    }
  }
  return formType === undefined ? undefined : { formType, fields };
}

/** Parses a disco#info <query/>; 'ill-formed' when XEP-0115 §5.4 says the answer cannot be trusted. */
export function parseDiscoInfo(query: Element): DiscoInfo | 'ill-formed' {
  const identities = query.getChildren('identity').map((identity) => {
    const { category = '', type = '', name } = identity.attrs;
    const lang = identity.attrs['xml:lang'];
    return { category, type, ...(lang === undefined ? {} : { lang }), ...(name === undefined ? {} : { name }) };
  });
  const features = query.getChildren('feature').flatMap((feature) => feature.attrs.var ?? []);
  const forms: DiscoForm[] = [];
  for (const x of query.getChildren('x', NS_DATA)) {
    const form = parseForm(x);
    if (form === 'ill-formed') return form;
    if (form) forms.push(form);
  }
  return { identities, features, forms };
}

/** The name of the software behind a client's identities (category 'client' first). */
export function clientName(info: DiscoInfo): string | undefined {
  const named = info.identities.filter((identity) => identity.name);
  return (named.find((identity) => identity.category === 'client') ?? named[0])?.name;
}

/** Our disco#info <query/> (XEP-0030 §3.1), with the node it was asked for (XEP-0115 §6.2). */
export function buildDiscoInfo(info: DiscoInfo, node?: string): Element {
  return xml(
    'query',
    { xmlns: NS_DISCO_INFO, node },
    ...info.identities.map((identity) => xml('identity', { category: identity.category, type: identity.type, name: identity.name, 'xml:lang': identity.lang })),
    ...info.features.map((feature) => xml('feature', { var: feature })),
  );
}

/** XEP-0030 §3.1 request for an entity's info, for a caps node#ver when given (XEP-0115 §6.2). */
export function buildDiscoInfoGet(to: string, node?: string): Element {
  return xml('iq', { type: 'get', to }, xml('query', { xmlns: NS_DISCO_INFO, node }));
}
