// Who learns that we received or read their messages, or that we are typing (XEP-0184 §8: it tells that we are online).
import { useId, useState } from 'react';
import { ShareChatActivitySchema, type ShareChatActivity } from '../../../shared/model/settings.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useSettings } from '../../stores/settings.ts';

const choices: Readonly<Record<ShareChatActivity, string>> = {
  everyone: 'Everyone who writes to me',
  contacts: 'Only contacts who see my status',
};

export function PrivacySettings() {
  const id = useId();
  const shared = useSettings((state) => state.settings.shareChatActivity);
  const [error, setError] = useState<string>();

  async function choose(value: string) {
    const parsed = ShareChatActivitySchema.safeParse(value);
    if (!parsed.success) return;
    setError(undefined);
    try {
      useSettings.getState().updated(await call('settings.update', { shareChatActivity: parsed.data }));
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <h3 id={`${id}-title`}>Privacy</h3>
      <div className="field">
        <label htmlFor={`${id}-share`}>Send delivery receipts, read markers and typing notifications to</label>
        <select id={`${id}-share`} value={shared} onChange={(event) => void choose(event.target.value)}>
          {ShareChatActivitySchema.options.map((value) => (
            <option key={value} value={value}>
              {choices[value]}
            </option>
          ))}
        </select>
      </div>
      <p className="hint">They tell people that you are online. Your messages still show their own delivery and read state when the other side sends them.</p>
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}
