// One path for every stanza of a connection (RFC 6120 §8): incoming steps in order, then the handlers registered for the
// stanza's name and payload; outgoing steps in order before a stanza is written. Encryption, privacy and limits join as steps.
import type { Element } from '@xmpp/xml';
import type { Logger } from '../../log/logger.ts';
import type { MessageContext } from './message-context.ts';
import { withoutPrivateMarks } from './private-marks.ts';
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

/** A list replaced on each change (copy on write): a stanza on its way keeps the steps and handlers it started with, uncopied. */
function registry<T>(list: { items: readonly T[] }, changed: () => void = () => undefined) {
  return (item: T) => {
    list.items = [...list.items, item];
    changed();
    return () => {
      const index = list.items.indexOf(item);
      if (index < 0) return;
      list.items = [...list.items.slice(0, index), ...list.items.slice(index + 1)];
      changed();
    };
  };
}

const carries = (stanza: Element, child: NonNullable<Route['child']>): boolean =>
  stanza.children.some((each) => typeof each !== 'string' && each.attrs.xmlns === child.xmlns && (child.name === '*' || each.name === child.name));

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => value instanceof Promise;

/** The steps in order; stays synchronous while each step answers at once, so most stanzas never wait for a turn. */
function stepThrough<A extends unknown[]>(steps: readonly ((stanza: Element, ...rest: A) => StepResult)[], stanza: Element, ...rest: A): StepResult {
  let current: Element = stanza;
  for (let index = 0; index < steps.length; index += 1) {
    const result = steps[index](current, ...rest);
    if (isPromise(result)) {
      const later = steps.slice(index + 1);
      return result.then((next) => (next === undefined ? undefined : stepThrough(later, next, ...rest)));
    }
    if (result === undefined) return undefined;
    current = result;
  }
  return current;
}

/** As stepThrough, always as a promise (a step that throws rejects it). */
function runSteps<A extends unknown[]>(steps: readonly ((stanza: Element, ...rest: A) => StepResult)[], stanza: Element, ...rest: A): Promise<Element | undefined> {
  try {
    return Promise.resolve(stepThrough(steps, stanza, ...rest));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

export function createStanzaPipeline(logger: Logger): StanzaPipeline {
  const incoming: { items: readonly IncomingStep[] } = { items: [] };
  const messageSteps: { items: readonly MessageStep[] } = { items: [] };
  const outgoing: { items: readonly OutgoingStep[] } = { items: [] };
  const handlers: { items: readonly Registered[] } = { items: [] };
  const stepping = new Set<Promise<unknown>>();
  /** The handlers for each stanza name, and whether one of them wants only unclaimed stanzas; made again after a change. */
  const byName = new Map<string, { readonly named: readonly Registered[]; readonly unclaimed: boolean }>();

  function namedFor(name: string) {
    let found = byName.get(name);
    if (!found) {
      const named = handlers.items.filter(({ route }) => route.stanza === '*' || route.stanza === name);
      byName.set(name, (found = { named, unclaimed: named.some(({ route }) => route.unclaimed === true) }));
    }
    return found;
  }

  function handlersFor(stanza: Element): Registered[] {
    const { named, unclaimed } = namedFor(stanza.name);
    const claimed = unclaimed && named.some(({ route }) => route.child !== undefined && carries(stanza, route.child));
    return named.filter(({ route }) => (route.child ? carries(stanza, route.child) : !(route.unclaimed && claimed)));
  }

  /** A failing handler does not keep the others from the stanza; the stanza then counts as not handled. */
  function dispatch(stanza: Element): void | Promise<void> {
    let failure: Error | undefined;
    const failed = (error: unknown) => {
      if (error instanceof StanzaRejected) {
        logger.info('a stanza was refused', { stanza: stanza.name, reason: error.message });
        return;
      }
      logger.error('a stanza handler failed', { stanza: stanza.name, error: error instanceof Error ? error.message : String(error) });
      failure ??= error instanceof Error ? error : new Error(String(error));
    };
    const chosen = handlersFor(stanza);
    // Handlers run one after the other; only one that returns a promise makes the rest wait for it.
    const from = (start: number): void | Promise<void> => {
      for (let index = start; index < chosen.length; index += 1) {
        let result: void | Promise<void>;
        try {
          result = chosen[index].handler(stanza);
        } catch (error) {
          failed(error);
          continue;
        }
        if (isPromise(result)) return result.catch(failed).then(() => from(index + 1));
      }
      if (failure !== undefined) throw failure;
    };
    return from(0);
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
    handle: (route, handler) => registry(handlers, () => byName.clear())({ route, handler }),
    receive(stanza) {
      let passed: StepResult;
      try {
        passed = stepThrough(incoming.items, stanza);
      } catch (error) {
        passed = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      if (!isPromise(passed)) {
        // Every step answered at once: no turn to wait for unless a handler takes one.
        try {
          return Promise.resolve(passed ? dispatch(passed) : undefined);
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
      const steps = passed.catch(unlessRefused('an incoming stanza'));
      stepping.add(steps);
      return steps
        .then((ready) => (ready ? dispatch(ready) : undefined))
        .finally(() => stepping.delete(steps));
    },
    async stepsSettled() {
      await Promise.allSettled([...stepping]);
    },
    // Marks from the network are dropped before any step, so only a step can have left one.
    prepareMessage: (message, context) => runSteps(messageSteps.items, withoutPrivateMarks(message), context).catch(unlessRefused('a message')),
    prepareOutgoing: (stanza) => runSteps(outgoing.items, stanza),
  };
}
