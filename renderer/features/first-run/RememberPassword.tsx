// The "Remember password" checkbox, with a note saying where the password would be kept.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { selectPasswordsUnencrypted, useSettings } from '../../stores/settings.ts';

interface RememberPasswordProps {
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly disabled?: boolean;
}

export function RememberPassword({ checked, onChange, disabled = false }: RememberPasswordProps) {
  const id = useId();
  const { t } = useTranslation();
  const unencrypted = useSettings(selectPasswordsUnencrypted);
  return (
    <div className="field check">
      <input
        id={`${id}-remember`}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={`${id}-where`}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={`${id}-remember`}>{t('remember.label')}</label>
      <p id={`${id}-where`} className={unencrypted ? 'hint warning' : 'hint'}>
        {unencrypted
? t('remember.plainFile') : t('remember.keychain')}
      </p>
    </div>
  );
}

/** The default: remember when the keychain keeps the password safe, ask otherwise. */
export function useRememberDefault(): boolean {
  return !useSettings(selectPasswordsUnencrypted);
}
