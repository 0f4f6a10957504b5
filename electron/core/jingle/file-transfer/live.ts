// One Jingle file-transfer session as the module keeps it while it lasts: the machine's state, the file and the bytes this
// session carries, the transport under way, and where the bytes come from or go.
import type { Element } from '@xmpp/xml';
import type { Transfer } from '../../../../shared/model/transfer.ts';
import { buildDescription, buildFile, type FileOffer } from '../file-stanzas.ts';
import type { FileSink } from '../file-sink.ts';
import { buildIbbTransport, type IbbTransport } from '../ibb-stanzas.ts';
import type { BuildContent } from '../jingle-stanzas.ts';
import type { S5bNegotiation } from '../s5b-negotiation.ts';
import { buildS5bTransport, type Candidate } from '../s5b-stanzas.ts';
import type { Role, Session } from '../session-machine.ts';
import type { TransportSecret } from '../jet/jet-stanzas.ts';
import { decryptingStream, encryptingStream, type StreamCipher } from '../jet/stream-cipher.ts';
import type { ByteRange } from './range.ts';

export interface Live {
  session: Session;
  readonly peer: string;
  readonly transfer: Transfer;
  readonly content: { readonly name: string; readonly creator: Role };
  /** XEP-0234 §4.1: who sends the file, initiator (a file offer) or responder (a file request, §6.2). */
  readonly senders: Role;
  /** The file, its name sanitised when it comes to us. */
  readonly file: FileOffer;
  /** The file as the sender names it (what a request for it, §6.2, says). */
  readonly offered: FileOffer;
  /** §6.4: the bytes this session carries (the whole file, or the rest of it when resumed). */
  range: ByteRange;
  ibb: IbbTransport;
  /** XEP-0260: the SOCKS5 transport while it is the content's, and the peer's candidates. */
  s5b?: S5bNegotiation;
  theirs?: readonly Candidate[];
  /** The nominated SOCKS5 bytestream carries the bytes: its own end says whether the file got through, not the peer's presence. */
  onSocket?: true;
  /** The file sent. */
  path?: string;
  sink?: FileSink;
  timer?: ReturnType<typeof setTimeout>;
  /** The receiver's wait for the next bytes. */
  stall?: ReturnType<typeof setTimeout>;
  /** Stops the bytes in flight once the session ends. */
  readonly stop: AbortController;
  /** XEP-0260: the sid of the SOCKS5 transport the peer offered. */
  socksSid?: string;
  /** The sender's sha-256 from a checksum (§8.2), and who waits for it. */
  checksumValue?: string;
  checksum?: (sha256: string) => void;
  forgetStream?: () => void;
  /** An offer of a file we hold part of (§6.4): the interrupted transfer it goes on from, once accepted. */
  resumes?: string;
  /** XEP-0391: the transport secret, and our <security/> of the offer. */
  secret?: TransportSecret;
  security?: Element;
  /** The peer's secret being opened: accepting waits for it. */
  opening?: Promise<void>;
  /** The receiver's decryption of the stream under way. */
  opener?: StreamCipher;
}

/** §5: our <content/>: the file with the range this session carries (an empty <range/> says we can resume), and the transport. */
export function contentOf(live: Live): BuildContent {
  const { offset, length } = live.range;
  const range = { offset, ...(offset + length === live.file.size ? {} : { length }) };
  return {
    ...live.content,
    senders: live.senders,
    description: buildDescription(buildFile({ ...live.offered, range })),
    transport: live.s5b ? buildS5bTransport({ sid: live.s5b.sid, candidates: live.s5b.ours }) : buildIbbTransport(live.ibb),
    security: live.session.role === 'initiator' ? live.security : undefined,
  };
}

/** XEP-0391: a fresh encryption of the stream for each attempt to send it (a transport replaced before any byte went). */
export const sealOf = (live: Live): StreamCipher | undefined => (live.secret ? encryptingStream(live.secret) : undefined);

/** XEP-0391: the receiver's decryption, fresh for the stream about to come. */
export function unseal(live: Live): void {
  if (live.secret) live.opener = decryptingStream(live.secret);
}

export const bare = (jid: string): string => jid.split('/')[0] ?? jid;
