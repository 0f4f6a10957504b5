// Types for the part of @xmpp/client 0.14 the baseline uses (the package ships none).

declare module '@xmpp/client' {
  import type { Element } from '@xmpp/xml';

  export interface ClientOptions {
    service: string;
    domain: string;
    username: string;
    password: string;
    resource?: string;
  }

  export interface XmppClient {
    start(): Promise<unknown>;
    stop(): Promise<unknown>;
    send(element: Element): Promise<void>;
    on(event: 'stanza', listener: (stanza: Element) => void): void;
    on(event: 'online', listener: () => void): void;
    on(event: 'error', listener: (error: Error) => void): void;
    /** Called by the transport for each connection; the baseline wraps it to add TLS options. */
    socketParameters(service: string): Record<string, unknown> | undefined;
    /** Resolves with the result's child element of the same name (the <query/>), not the <iq/>. */
    readonly iqCaller: {
      get(query: Element, to?: string, timeout?: number): Promise<Element>;
      /** Sends a whole <iq/> and resolves with the whole answer. */
      request(iq: Element, timeout?: number): Promise<Element>;
    };
    readonly reconnect: { stop(): void };
  }

  export function client(options: ClientOptions): XmppClient;
  export { default as xml } from '@xmpp/xml';
}
