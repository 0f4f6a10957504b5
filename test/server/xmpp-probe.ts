// A deliberately tiny c2s client to check the harness itself (RFC 6120 streams, STARTTLS, SASL PLAIN): not the app's XMPP code.
import { createConnection, type Socket } from 'node:net';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';

const timeoutMs = 5000;

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');

/** Reads a socket as text and waits for patterns, so a probe can follow the stream step by step. */
export class StreamReader {
  private buffer = '';
  private readonly socket: Socket;
  constructor(socket: Socket) {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (this.buffer += chunk));
  }

  /** Resolves with the first match of `pattern` in what has arrived, consuming the text up to its end. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(this.buffer);
        if (!match) return false;
        this.buffer = this.buffer.slice(match.index + match[0].length);
        finish();
        resolve(match);
        return true;
      };
      const failed = (why: string) => () => {
        finish();
        reject(new Error(`${why} while waiting for ${String(pattern)}; received: ${this.buffer.slice(0, 500)}`));
      };
      const onData = () => void check();
      const onClose = failed('stream closed');
      const timer = setTimeout(failed(`no match in ${timeoutMs} ms`), timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.socket.off('data', onData);
        this.socket.off('close', onClose);
      };
      if (check()) return;
      this.socket.on('data', onData);
      this.socket.once('close', onClose);
    });
  }
}

const streamHeader = (domain: string) =>
  `<?xml version='1.0'?><stream:stream to='${domain}' version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`;

/** Opens (or restarts) a stream and returns the raw <stream:features/> element. */
export async function openStream(socket: Socket, reader: StreamReader, domain: string): Promise<string> {
  socket.write(streamHeader(domain));
  const [features = ''] = await reader.waitFor(/<stream:features[\s\S]*?<\/stream:features>|<stream:features[^>]*\/>/);
  return features;
}

/** The SASL mechanisms offered in a features element (RFC 6120 §6.4.1). */
export function saslMechanisms(features: string): string[] {
  return [...features.matchAll(/<mechanism>([^<]+)<\/mechanism>/g)].map((m) => m[1] ?? '');
}

function tlsConnect(options: ConnectionOptions): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(options);
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', (error: Error) => {
      socket.destroy();
      reject(error);
    });
  });
}

/** XEP-0368: TLS from the first byte. Rejects as node:tls does when the certificate does not verify. */
export function connectDirectTls(port: number, tls: ConnectionOptions): Promise<TLSSocket> {
  return tlsConnect({ host: '127.0.0.1', port, ...tls });
}

/** RFC 6120 §5: plain stream, <starttls/>, <proceed/>, then the TLS handshake on the same socket. */
export async function connectStartTls(port: number, domain: string, tls: ConnectionOptions): Promise<TLSSocket> {
  const plain = createConnection({ host: '127.0.0.1', port });
  try {
    await new Promise<void>((resolve, reject) => plain.once('connect', resolve).once('error', reject));
    const reader = new StreamReader(plain);
    const features = await openStream(plain, reader, domain);
    if (!features.includes('urn:ietf:params:xml:ns:xmpp-tls')) throw new Error(`no STARTTLS offered: ${features}`);
    plain.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    await reader.waitFor(/<proceed[^>]*\/>/);
    plain.removeAllListeners('data');
    return await tlsConnect({ socket: plain, ...tls });
  } catch (error) {
    plain.destroy();
    throw error;
  }
}

/** SASL PLAIN over an encrypted stream whose features were just read (RFC 6120 §6, RFC 4616): 'success' or the failure condition. */
export async function authenticatePlain(socket: TLSSocket, reader: StreamReader, username: string, password: string): Promise<string> {
  const credentials = Buffer.from(`\0${username}\0${password}`).toString('base64');
  socket.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${credentials}</auth>`);
  const [, outcome = '', condition = ''] = await reader.waitFor(/<(success|failure)[^>]*?(?:\/>|>(?:<([a-z-]+))?)/);
  return outcome === 'success' ? 'success' : condition || 'failure';
}

/** Sends an iq and resolves with the whole reply carrying the same id (type result or error). */
export async function sendIq(socket: TLSSocket, reader: StreamReader, id: string, iq: string): Promise<string> {
  socket.write(iq);
  const [reply = ''] = await reader.waitFor(new RegExp(`<iq[^>]*id=['"]${id}['"][^>]*?(?:/>|>[\\s\\S]*?</iq>)`));
  return reply;
}

/** After SASL success: restart the stream, bind a resource (RFC 6120 §7); resolves with the new features and the full JID. */
export async function bindResource(socket: TLSSocket, reader: StreamReader, domain: string): Promise<{ features: string; jid: string }> {
  const features = await openStream(socket, reader, domain);
  const reply = await sendIq(socket, reader, 'bind1', "<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
  const jid = /<jid>([^<]+)<\/jid>/.exec(reply)?.[1];
  if (jid === undefined) throw new Error(`bind failed: ${reply}`);
  return { features, jid };
}

/** XEP-0077 in-band registration on an encrypted, unauthenticated stream: 'result' or the error condition. */
export async function registerInBand(socket: TLSSocket, reader: StreamReader, username: string, password: string): Promise<string> {
  const query = `<query xmlns='jabber:iq:register'><username>${escapeXml(username)}</username><password>${escapeXml(password)}</password></query>`;
  const reply = await sendIq(socket, reader, 'reg1', `<iq type='set' id='reg1'>${query}</iq>`);
  if (/type=['"]result['"]/.test(reply)) return 'result';
  return /<([a-z-]+) xmlns=['"]urn:ietf:params:xml:ns:xmpp-stanzas['"]/.exec(reply)?.[1] ?? 'error';
}
