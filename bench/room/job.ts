// What the room bench parent tells each side's process, and what each reports back.

export interface RoomJob {
  readonly host: string;
  /** XEP-0368 direct TLS port, as in the roster bench. */
  readonly port: number;
  readonly caPem: string;
  readonly jid: string;
  readonly password: string;
  /** A room of the bench component (prosody/mod_bench_room.lua). */
  readonly room: string;
  readonly occupants: number;
  /** How many messages the room says after the join. */
  readonly messages: number;
  readonly timeoutMs: number;
}

/** Milliseconds from the join (the presence sent; Causette: muc.join called), lags in ms, memory once done. */
export interface RoomResult {
  /** The room confirmed us (110) and every occupant is known (Causette: emitted to the renderer). */
  readonly ready: number;
  /** Every message of the stream handled (Causette: stored and emitted as chat.message). */
  readonly streamDone: number;
  readonly messages: number;
  /** From the room's sending a message to its handling, over the stream: median and worst. */
  readonly lagMedian: number;
  readonly lagMax: number;
  /** CPU time the process spent from the join to the end of the stream. */
  readonly cpuMs: number;
  /** Causette only: how many muc.occupants events the join took. */
  readonly occupantEvents?: number;
  readonly heapUsedMiB: number;
  readonly rssMiB: number;
}

/** The room's body "bench <seq> <epoch seconds>": when it was sent, or undefined for another message. */
export function sentAt(body: string | undefined): number | undefined {
  const match = body === undefined ? null : /^bench \d+ (\d+(?:\.\d+)?)$/.exec(body);
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1000;
}

/** Lags collected as messages come, summed up once the stream is over. */
export function lags(): { add(sent: number | undefined): void; readonly count: number; summary(): { lagMedian: number; lagMax: number } } {
  const values: number[] = [];
  return {
    add(sent) {
      if (sent !== undefined) values.push(Date.now() - sent);
    },
    get count() {
      return values.length;
    },
    summary() {
      const sorted = [...values].sort((a, b) => a - b);
      return { lagMedian: Math.round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN), lagMax: Math.round(sorted.at(-1) ?? Number.NaN) };
    },
  };
}
