// One path for every stanza of a connection (RFC 6120 §8): incoming steps in order, then the handlers registered for the
// stanza's name and payload; outgoing steps in order before a stanza is written. Encryption, privacy and limits join as steps.
import type { Element } from '@xmpp/xml';
import type { Logger } from '../../log/logger.ts';
import type { MessageContext } from './message-context.ts';
import { StanzaRejected } from './rejected.ts';

export type StanzaName = 'message' | 'presence' | 'iq';

/** The stanza to go on with (the same or a transformed one), or undefined when the step consumed it; throw StanzaRejected to refuse it. */
type StepResult = Element | undefined | Promise<Element | undefined>;
export type IncomingStep = (stanza: Element) => StepResult;
/** Runs on the content of every message however it came: live, a carbon's or an archive's forwarded copy. */
export type MessageStep = (message: Element, context: MessageContext) => StepResult;
export type OutgoingStep = (stanza: Element) => StepResult;
/** Settles once the stanza is applied: only then does it count as handled (XEP-0198 §4). */
export type StanzaHandler = (stanza: Element) => void | Promise<void>;

export interface Route {
  readonly stanza: StanzaName | '*';
  /** A child the stanza must carry, by name ('*' for any) and namespace. */
  readonly child?: { readonly name: string; readonly xmlns: string };
  /** Only for stanzas that no route with a child took (plain chat messages, not carbons or archive results). */
  readonly unclaimed?: true;
}

export interface StanzaPipeline {
  useIncoming(step: IncomingStep): () => void;
  useMessage(step: MessageStep): () => void;
  useOutgoing(step: OutgoingStep): () => void;
  handle(route: Route, handler: StanzaHandler): () => void;
  /** Runs a stanza from the stream through the steps and its handlers; rejects when a step or a handler failed. */
  receive(stanza: Element): Promise<void>;
  /** Settles once every stanza received so far has passed the incoming steps and reached its handlers. */
  stepsSettled(): Promise<void>;
  /** The message steps on one message's content; undefined when a step consumed or refused it. */
  prepareMessage(message: Element, context: MessageContext): Promise<Element | undefined>;
  /** The outgoing steps on a stanza about to be written; undefined when a step consumed it. */
  prepareOutgoing(stanza: Element): Promise<Element | undefined>;
}

interface Registered {
  readonly route: Route;
  readonly handler: StanzaHandler;
}

function registry<T>(list: T[]) {
  return (item: T) => {
    list.push(item);
    return () => {
      const index = list.indexOf(item);
      if (index >= 0) list.splice(index, 1);
    };
  };
}

const carries = (stanza: Element, child: NonNullable<Route['child']>): boolean =>
  stanza.children.some((each) => typeof each !== 'string' && each.attrs.xmlns === child.xmlns && (child.name === '*' || each.name === child.name));

async function runSteps<A extends unknown[]>(steps: readonly ((stanza: Element, ...rest: A) => StepResult)[], stanza: Element, ...rest: A): Promise<Element | undefined> {
  let current: Element | undefined = stanza;
  for (const step of [...steps]) {
    current = await step(current, ...rest);
    if (current === undefined) return undefined;
  }
  return current;
}

export function createStanzaPipeline(logger: Logger): StanzaPipeline {
  const incoming: IncomingStep[] = [];
  const messageSteps: MessageStep[] = [];
  const outgoing: OutgoingStep[] = [];
  const handlers: Registered[] = [];
  const stepping = new Set<Promise<unknown>>();

  function handlersFor(stanza: Element): Registered[] {
    const named = handlers.filter(({ route }) => route.stanza === '*' || route.stanza === stanza.name);
    const claimed = named.some(({ route }) => route.child !== undefined && carries(stanza, route.child));
    return named.filter(({ route }) => (route.child ? carries(stanza, route.child) : !(route.unclaimed && claimed)));
  }

  async function dispatch(stanza: Element): Promise<void> {
    let failure: Error | undefined;
    // A failing handler does not keep the others from the stanza; the stanza then counts as not handled.
    for (const { handler } of handlersFor(stanza)) {
      try {
        await handler(stanza);
      } catch (error) {
        if (error instanceof StanzaRejected) {
          logger.info('a stanza was refused', { stanza: stanza.name, reason: error.message });
          continue;
        }
        logger.error('a stanza handler failed', { stanza: stanza.name, error: error instanceof Error ? error.message : String(error) });
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
    }
    if (failure !== undefined) throw failure;
  }

  /** A refused stanza is handled (it will not be taken later); any other failure propagates. */
  const unlessRefused = (what: string) => (error: unknown) => {
    if (!(error instanceof StanzaRejected)) throw error;
    logger.info(`${what} was refused`, { reason: error.message });
    return undefined;
  };

  return {
    useIncoming: registry(incoming),
    useMessage: registry(messageSteps),
    useOutgoing: registry(outgoing),
    handle: (route, handler) => registry(handlers)({ route, handler }),
    async receive(stanza) {
      const steps = runSteps(incoming, stanza).catch(unlessRefused('an incoming stanza'));
      stepping.add(steps);
      try {
        const passed = await steps;
        if (passed) await dispatch(passed);
      } finally {
        stepping.delete(steps);
      }
    },
    async stepsSettled() {
      await Promise.allSettled([...stepping]);
    },
    prepareMessage: (message, context) => runSteps(messageSteps, message, context).catch(unlessRefused('a message')),
    prepareOutgoing: (stanza) => runSteps(outgoing, stanza),
  };
}
