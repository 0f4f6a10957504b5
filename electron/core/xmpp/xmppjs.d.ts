// Types for the few parts of xmpp.js 0.14 that Causette composes; its DefinitelyTyped types do not resolve under nodenext.

declare module '@xmpp/xml' {
  export type Node = Element | string;
  export type Child = Node | number | boolean | null | undefined | readonly Child[];

  export class Element {
    constructor(name: string, attrs?: Record<string, string | undefined>);
    name: string;
    attrs: Record<string, string | undefined>;
    children: Node[];
    parent: Element | null;
    is(name: string, xmlns?: string): boolean;
    /** The name without its prefix. */
    getName(): string;
    getNS(): string | undefined;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    text(): string;
    getText(): string;
    append(...nodes: Node[]): Element;
    toString(): string;
  }

  export default function xml(name: string, attrs?: Record<string, string | number | undefined> | null, ...children: Child[]): Element;
}

declare module '@xmpp/connection-tcp' {
  import type { EventEmitter } from 'node:events';

  /** What xmpp.js needs from a socket: it listens for data, close, connect and error. */
  export interface XmppSocket extends EventEmitter {
    readonly secure: boolean;
    connect(parameters: unknown): void;
    write(data: string, callback: (error?: Error | null) => void): void;
    end(): void;
  }

  /** An XML stream over TCP (RFC 6120 §4); a client's transport extends it. */
  export default class ConnectionTCP {
    Socket: new () => XmppSocket;
    NS: string;
    socketParameters(service: string): unknown;
  }
}

declare module '@xmpp/client-core' {
  import { EventEmitter } from 'node:events';
  import type { Element } from '@xmpp/xml';
  import type ConnectionTCP from '@xmpp/connection-tcp';

  export interface Jid {
    readonly local: string;
    readonly domain: string;
    readonly resource: string;
    bare(): Jid;
    toString(): string;
  }

  export function jid(address: string): Jid;

  export class Client extends EventEmitter {
    constructor(options: { readonly domain: string; readonly lang?: string; readonly timeout?: number });
    status: string;
    jid: Jid | null;
    /** Bounds each of xmpp.js's own waits (stream header, closing handshake), read when each starts. */
    timeout: number;
    transports: (typeof ConnectionTCP)[];
    connect(service: string): Promise<void>;
    open(options: { readonly domain: string; readonly lang?: string }): Promise<Element>;
    restart(): Promise<Element>;
    send(element: Element): Promise<void>;
    disconnect(): Promise<Element | undefined>;
    isSecure(): boolean;
    /** Sets the bound address (RFC 6120 §7). */
    _jid(address: string): Jid;
    /** Marks the session ready; `true` after a stream resumption, without an 'online' event. */
    _ready(resumed?: boolean): void;
  }
}

declare module '@xmpp/middleware' {
  import type { Client } from '@xmpp/client-core';
  import type { Element } from '@xmpp/xml';

  export interface Context {
    readonly stanza: Element;
    readonly entity: Client;
    readonly name: string;
    readonly type: string;
  }
  export type Next = () => Promise<unknown>;
  export type Middleware = (context: Context, next: Next) => unknown;
  export interface MiddlewareApi {
    use(middleware: Middleware): Middleware;
    filter(middleware: Middleware): Middleware;
  }
  export default function middleware(deps: { readonly entity: Client }): MiddlewareApi;
}

declare module '@xmpp/stream-features' {
  import type { Context, MiddlewareApi, Next } from '@xmpp/middleware';
  import type { Element } from '@xmpp/xml';

  export type FeatureHandler = (context: Context, next: Next, feature: Element) => unknown;
  export interface StreamFeatures {
    use(name: string, xmlns: string, handler: FeatureHandler): void;
  }
  export default function streamFeatures(deps: { readonly middleware: MiddlewareApi }): StreamFeatures;
}

declare module '@xmpp/stream-management' {
  import type { EventEmitter } from 'node:events';
  import type { Client } from '@xmpp/client-core';
  import type { MiddlewareApi } from '@xmpp/middleware';
  import type { StreamFeatures } from '@xmpp/stream-features';
  import type { Element } from '@xmpp/xml';

  /** XEP-0198 state; emits 'resumed', 'ack' with each acknowledged stanza, and 'fail' with each unacknowledged one when resumption fails. */
  export interface StreamManagement extends EventEmitter {
    enabled: boolean;
    id: string;
    /** Stanzas handled on this stream, the 'h' we report (§4). */
    inbound: number;
    /** Our stanzas the server acknowledged so far on this stream. */
    outbound: number;
    /** Our stanzas not acknowledged yet, oldest first. */
    outbound_q: { readonly stanza: Element; readonly stamp: string }[];
    /** Milliseconds without any answer to an <r/> before the connection is considered dead. */
    timeout: number;
    /** Milliseconds of silence before an <r/> probes the connection. */
    requestAckInterval: number;
    on(event: 'resumed', listener: () => void): this;
    on(event: 'fail', listener: (stanza: Element) => void): this;
    on(event: 'ack', listener: (stanza: Element) => void): this;
    emit(event: 'ack', stanza: Element): boolean;
  }
  export default function streamManagement(deps: {
    readonly streamFeatures: StreamFeatures;
    readonly entity: Client;
    readonly middleware: MiddlewareApi;
  }): StreamManagement;
}

declare module '@xmpp/xml/lib/parse.js' {
  import type { Element } from '@xmpp/xml';

  /** One whole XML document into its root element; throws on malformed XML. */
  export default function parse(data: string): Element;
}
