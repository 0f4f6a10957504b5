// Our avatar: the one published, and a file picker that publishes a new one (cropped and scaled here, checked by the core).
import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/model/account.ts';
import { call, listen, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { setOwnAvatar, useAvatars } from '../../stores/avatars.ts';
import { Avatar } from '../contacts/Avatar.tsx';
import { avatarPngBase64 } from './avatar-image.ts';

export function AvatarSettings({ account }: { readonly account: Account }) {
  const id = useId();
  const { t } = useTranslation();
  const accountId = account.id;
  const own = useAvatars((state) => state.own[accountId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    const stop = listen('avatar.ownChanged', (change) => change.accountId === accountId && setOwnAvatar(accountId, change.hash));
    call('roster.snapshot', { accountId }).then(
      (snapshot) => setOwnAvatar(accountId, snapshot.ownAvatarHash),
      () => undefined,
    );
    return stop;
  }, [accountId]);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const { hash } = await call('avatar.setOwn', { accountId, pngBase64: await avatarPngBase64(file) });
      setOwnAvatar(accountId, hash);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
      input.value = '';
    }
  }

  const online = account.connection.status === 'online';
  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <h3 id={`${id}-title`}>{t('avatar.title')}</h3>
      <div className="avatar-setting">
        <Avatar jid={account.jid} name={account.jid} size="large" accountId={accountId} hash={own} />
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('avatar.image')}</label>
          <input id={`${id}-file`} type="file" accept="image/*" disabled={busy || !online} aria-describedby={`${id}-hint`} onChange={(event) => void choose(event)} />
          <p id={`${id}-hint`} className="hint">
            {online ? t('avatar.hint') : t('avatar.signIn')}
          </p>
        </div>
      </div>
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}
