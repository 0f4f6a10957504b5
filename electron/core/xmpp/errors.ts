// Every way a connection can fail, turned into a CausetteError with a message a person can act on.
import { CausetteError, type ErrorCode } from '../../../shared/ipc/errors.ts';
import type { Endpoint } from './net/resolve.ts';

/** Failures a retry cannot fix: the user must change something first. */
const permanentCodes: ReadonlySet<ErrorCode> = new Set([
  'not-authorized',
  'untrusted-certificate',
  'conflict',
  'insecure-stream',
  'no-mechanism',
  'sasl-downgrade',
  'invalid-credentials',
]);

export function isPermanent(error: CausetteError): boolean {
  return permanentCodes.has(error.code);
}

interface ConditionError {
  readonly name: string;
  readonly condition: string;
  readonly text?: string;
}

function conditionError(error: unknown, name: string): ConditionError | undefined {
  if (!(error instanceof Error) || error.name !== name) return undefined;
  const { condition, text } = error as Error & { condition?: unknown; text?: unknown };
  return typeof condition === 'string' ? { name, condition, text: typeof text === 'string' ? text : '' } : undefined;
}

const withText = (message: string, text: string | undefined) => (text ? `${message}: “${text}”` : message);
/** The server's own words travel apart, untranslated, for the renderer to quote. */
const serverText = (text: string | undefined): Record<string, string> => (text ? { serverText: text } : {});

// RFC 6120 §4.9.3: stream error conditions.
export function streamError(condition: string, text: string | undefined, domain: string): CausetteError {
  switch (condition) {
    case 'conflict':
      return new CausetteError('conflict', withText('Another client signed in with the same resource and took over this connection', text), undefined, { context: 'replaced', ...serverText(text) });
    case 'not-authorized':
      return new CausetteError('not-authorized', withText(`The server ${domain} refused this connection`, text), undefined, { context: 'stream', domain, ...serverText(text) });
    case 'host-unknown':
      return new CausetteError('host-not-found', withText(`The server reached does not host ${domain}`, text), undefined, { context: 'notHosted', domain, ...serverText(text) });
    default:
      return new CausetteError('stream-error', withText(`The server ${domain} closed the stream (${condition})`, text), undefined, {
        context: 'streamClosed',
        domain,
        condition,
        ...serverText(text),
      });
  }
}

const where = (endpoint: Endpoint | undefined) => (endpoint ? ` on ${endpoint.host}:${endpoint.port}` : '');
const at = (domain: string, endpoint: Endpoint | undefined) => ({ domain, ...(endpoint ? { endpoint: `${endpoint.host}:${endpoint.port}` } : {}) });

/** Maps what Node, xmpp.js or a server threw; `endpoint` is the address being reached when it happened. */
export function toCausetteError(error: unknown, domain: string, endpoint?: Endpoint): CausetteError {
  if (error instanceof CausetteError) return error;
  const stream = conditionError(error, 'StreamError');
  if (stream) return streamError(stream.condition, stream.text, domain);
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'ENODATA':
      return new CausetteError('host-not-found', `Could not find the server for ${domain}${endpoint && endpoint.host !== domain ? ` at ${endpoint.host}` : ''} (DNS)`, undefined, {
        context: 'dns',
        domain,
      });
    case 'ECONNREFUSED':
      return new CausetteError('connection-refused', `The server for ${domain} refused the connection${where(endpoint)}`, undefined, { context: 'domain', ...at(domain, endpoint) });
    case 'ETIMEDOUT':
      return new CausetteError('timeout', `The server for ${domain} did not answer in time${where(endpoint)}`, undefined, { context: 'domain', ...at(domain, endpoint) });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return new CausetteError('connection-refused', `The server for ${domain} cannot be reached${where(endpoint)}: the network is unreachable`, undefined, {
        context: 'network',
        ...at(domain, endpoint),
      });
    case 'ECONNRESET':
    case 'EPIPE':
      return new CausetteError('stream-error', `The connection to ${domain} was reset${where(endpoint)}`, undefined, { context: 'reset', ...at(domain, endpoint) });
    default:
      break;
  }
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new CausetteError('timeout', `The server for ${domain} did not answer in time`, undefined, { context: 'domain', domain });
  }
  if (typeof code === 'string' && code.startsWith('ERR_SSL')) {
    return new CausetteError('tls-failure', `The secure connection to ${domain} failed${where(endpoint)}: ${message}`, undefined, { context: 'domain', ...at(domain, endpoint) });
  }
  return new CausetteError('stream-error', `The connection to ${domain} failed: ${message}`, undefined, { context: 'failed', domain });
}

/** An iq answered with type='error' (RFC 6120 §8.3): the condition lets the module that asked decide. */
export class StanzaError extends Error {
  readonly condition: string;
  readonly text: string;
  constructor(condition: string, text: string) {
    super(text ? `${condition}: ${text}` : condition);
    this.name = 'StanzaError';
    this.condition = condition;
    this.text = text;
  }
}

export function toIqError(error: unknown, domain: string): Error {
  const stanza = conditionError(error, 'StanzaError');
  if (stanza) return new StanzaError(stanza.condition, stanza.text ?? '');
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new CausetteError('timeout', `The server ${domain} did not answer the request in time`, undefined, { context: 'domain', domain });
  }
  return toCausetteError(error, domain);
}
