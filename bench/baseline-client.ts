// The raw @xmpp/client both baselines start from: direct TLS trusting the harness CA for this connection only, no
// reconnection, and a deadline after which the child process gives up.
import { client, type XmppClient } from '@xmpp/client';

export interface BaselineTarget {
  readonly host: string;
  /** XEP-0368 direct TLS port: the library takes a CA per connection only for direct TLS. */
  readonly port: number;
  readonly caPem: string;
  readonly jid: string;
  readonly password: string;
  readonly timeoutMs: number;
}

/** The client, and the way to cancel the deadline once the work is done. */
export function baselineClient(target: BaselineTarget, name: string): { xmpp: XmppClient; readonly finished: () => void } {
  const failAfter = setTimeout(() => {
    process.stderr.write(`${name}: not done within ${String(target.timeoutMs)} ms\n`);
    process.exit(1);
  }, target.timeoutMs);
  const [username = '', domain = ''] = target.jid.split('@');
  const xmpp = client({ service: `xmpps://${target.host}:${String(target.port)}`, domain, username, password: target.password, resource: `baseline-${String(process.pid)}` });
  xmpp.reconnect.stop();
  // The certificate is checked against the XMPP domain.
  const transportParameters = xmpp.socketParameters.bind(xmpp);
  xmpp.socketParameters = (service) => ({ ...transportParameters(service), ca: [target.caPem], servername: domain });
  return { xmpp, finished: () => clearTimeout(failAfter) };
}
