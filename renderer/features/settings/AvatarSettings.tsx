// Our avatar: the one published; a file picker whose picture is cropped here (AvatarCropper) before it is published, and
// removing it. The core checks and publishes (XEP-0084, XEP-0153).
import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/model/account.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { setOwnAvatar, useAvatars } from '../../stores/avatars.ts';
import { Avatar } from '../contacts/Avatar.tsx';
import { AvatarCropper } from './AvatarCropper.tsx';
import { avatarPngBase64, decodeImage, type Crop } from './avatar-image.ts';

export function AvatarSettings({ account }: { readonly account: Account }) {
  const id = useId();
  const { t } = useTranslation();
  const accountId = account.id;
  const own = useAvatars((state) => state.own[accountId]);
  const [picked, setPicked] = useState<ImageBitmap>();
  /** Counts the pictures picked, so that each starts its own crop. */
  const [pickCount, setPickCount] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  // Changes come through roster-sync (avatar.ownChanged); an account not online yet is asked here.
  useEffect(() => {
    call('roster.snapshot', { accountId }).then(
      (snapshot) => setOwnAvatar(accountId, snapshot.ownAvatarHash),
      () => undefined,
    );
  }, [accountId]);

  // The decoded picture is released when another replaces it, and when the section goes.
  useEffect(() => () => picked?.close(), [picked]);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setError(undefined);
    try {
      setPicked(await decodeImage(file));
      setPickCount((count) => count + 1);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      // The same file can be picked again after a cancel.
      input.value = '';
    }
  }

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const use = (image: ImageBitmap, crop: Crop) =>
    run(async () => {
      const { hash } = await call('avatar.setOwn', { accountId, pngBase64: await avatarPngBase64(image, crop) });
      setOwnAvatar(accountId, hash);
      setPicked(undefined);
    });
  const remove = () =>
    run(async () => {
      await call('avatar.removeOwn', { accountId });
      setOwnAvatar(accountId, undefined);
    });

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
      {picked && <AvatarCropper key={pickCount} image={picked} busy={busy || !online} onUse={(crop) => void use(picked, crop)} onCancel={() => setPicked(undefined)} />}
      {!picked && own !== undefined && online && (
        <div className="actions start">
          <button type="button" className="danger-quiet" disabled={busy} onClick={() => void remove()}>
            {t('avatar.remove')}
          </button>
        </div>
      )}
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}
