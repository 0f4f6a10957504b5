// What a joined room's settings mean for what we say there (XEP-0045 §6.4, status codes 170 and 172 of §7.2): logged,
// our address seen by everyone, members only, password, moderated. Each says it in a word, with the sentence for screen readers.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RoomFeatures } from '../../../shared/model/room.ts';

interface Fact {
  readonly feature: keyof RoomFeatures;
  readonly word: (t: TFunction) => string;
  readonly sentence: (t: TFunction) => string;
}

/** Most telling for privacy first. */
const facts: readonly Fact[] = [
  { feature: 'logged', word: (t) => t('roomFacts.logged'), sentence: (t) => t('roomFacts.loggedExplained') },
  { feature: 'nonAnonymous', word: (t) => t('roomFacts.nonAnonymous'), sentence: (t) => t('roomFacts.nonAnonymousExplained') },
  { feature: 'membersOnly', word: (t) => t('roomFacts.membersOnly'), sentence: (t) => t('roomFacts.membersOnlyExplained') },
  { feature: 'passwordProtected', word: (t) => t('roomFacts.passwordProtected'), sentence: (t) => t('roomFacts.passwordProtectedExplained') },
  { feature: 'moderated', word: (t) => t('roomFacts.moderated'), sentence: (t) => t('roomFacts.moderatedExplained') },
];

export function RoomFacts({ features }: { readonly features: RoomFeatures }) {
  const { t } = useTranslation();
  const shown = facts.filter((fact) => features[fact.feature]);
  if (shown.length === 0) return null;
  return (
    <ul className="room-facts" aria-label={t('roomFacts.label')}>
      {shown.map((fact) => (
        <li key={fact.feature} title={fact.sentence(t)}>
          {fact.word(t)}
          <span className="visually-hidden">{` — ${fact.sentence(t)}`}</span>
        </li>
      ))}
    </ul>
  );
}
