// OMEMO 2 names (XEP-0384 v0.8 §5.3) and the SCE namespace (XEP-0420 §4).
export const NS_OMEMO2 = 'urn:xmpp:omemo:2';
export const NODE_DEVICES = 'urn:xmpp:omemo:2:devices';
export const NODE_BUNDLES = 'urn:xmpp:omemo:2:bundles';
/** XEP-0163 §4.3: in our caps, asks the server to push contacts' device lists to us. */
export const NS_DEVICES_NOTIFY = `${NODE_DEVICES}+notify`;
export const NS_SCE = 'urn:xmpp:sce:1';
