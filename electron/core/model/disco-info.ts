// An entity's XEP-0030 §3.1 disco#info as plain data (identities, features, XEP-0128 forms): what disco parses and caps keeps.

export interface Identity {
  readonly category: string;
  readonly type: string;
  readonly lang?: string;
  readonly name?: string;
}

export interface DiscoForm {
  /** XEP-0068: the hidden FORM_TYPE field's value. */
  readonly formType: string;
  readonly fields: readonly { readonly var: string; readonly values: readonly string[] }[];
}

export interface DiscoInfo {
  readonly identities: readonly Identity[];
  readonly features: readonly string[];
  readonly forms: readonly DiscoForm[];
}
