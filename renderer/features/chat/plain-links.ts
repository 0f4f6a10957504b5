// Whether links in the messages below are shown as plain text: in a message request, until the user accepts it.
import { createContext, useContext } from 'react';

const PlainLinks = createContext(false);

export const PlainLinksProvider = PlainLinks.Provider;
export const usePlainLinks = (): boolean => useContext(PlainLinks);
