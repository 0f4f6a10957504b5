// A stanza about a message, as data: what the outbox keeps across a restart until the server acknowledges it.

/** XEP-0308 §3: the corrected text of the message whose id is `replaces`. */
export interface CorrectionArgs {
  readonly to: string;
  readonly id: string;
  readonly body: string;
  readonly replaces: string;
}

/** XEP-0424 §3: retracts the message whose origin-id is `target`. */
export interface RetractionArgs {
  readonly to: string;
  readonly id: string;
  readonly target: string;
}

/** XEP-0444 §3: our whole set of reactions to the message `target` (empty removes them all). */
export interface ReactionsArgs {
  readonly to: string;
  readonly id: string;
  readonly target: string;
  readonly emojis: readonly string[];
}

/** XEP-0333 §4: the user has seen the message `of` (and every earlier one). */
export interface DisplayedArgs {
  readonly to: string;
  readonly id: string;
  readonly of: string;
}

export type Reference =
  | { readonly kind: 'correction'; readonly args: CorrectionArgs }
  | { readonly kind: 'retraction'; readonly args: RetractionArgs }
  | { readonly kind: 'reactions'; readonly args: ReactionsArgs }
  | { readonly kind: 'displayed'; readonly args: DisplayedArgs };
