// Removes secrets from stanza text before it is logged: SASL exchanges and registration passwords always,
// message bodies unless the user chose full debug logging.
import type { DebugLogging } from '../../../shared/model/settings.ts';

// RFC 6120 §6.4: SASL elements carry credentials or proofs derived from them.
const saslElement = /<(auth|response|challenge|success)(\s[^>]*)?>[^<]*<\/\1>/g;
// XEP-0077 §3: a registration or password change carries the password in clear.
const passwordElement = /<password(\s[^>]*)?>[^<]*<\/password>/g;
const bodyElement = /<body(\s[^>]*)?>[\s\S]*?<\/body>/g;

export function redactStanza(xml: string, level: DebugLogging): string | undefined {
  if (level === 'off') return undefined;
  let text = xml.replace(saslElement, '<$1$2>[redacted]</$1>').replace(passwordElement, '<password$1>[redacted]</password>');
  if (level === 'stanzas') text = text.replace(bodyElement, '<body$1>[redacted]</body>');
  return text;
}
