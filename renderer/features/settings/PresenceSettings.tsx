// Auto-away after some idle minutes, and (desktop only: a browser tab has no tray) whether closing the window keeps Causette in the tray.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isDesktop } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useSettings } from '../../stores/settings.ts';
import { useSettingsUpdate } from './use-settings-update.ts';
import { parseMinutes } from './minutes.ts';

export function PresenceSettings() {
  const id = useId();
  const { t } = useTranslation();
  const settings = useSettings((state) => state.settings);
  const { update, error } = useSettingsUpdate();

  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <h3 id={`${id}-title`}>{t('settings.presence')}</h3>
      <MinutesField
        label={t('settings.awayAfter')}
        value={settings.autoAwayMinutes}
        onCommit={(minutes) => void update({ autoAwayMinutes: minutes })}
      />
      <MinutesField
        label={t('settings.xaAfter')}
        value={settings.autoXaMinutes}
        onCommit={(minutes) => void update({ autoXaMinutes: minutes })}
      />
      <p className="hint">{t('settings.idleHint')}</p>
      {isDesktop() && (
        <div className="field check">
          <input
            id={`${id}-tray`}
            type="checkbox"
            checked={settings.closeToTray}
            onChange={(event) => void update({ closeToTray: event.target.checked })}
          />
          <label htmlFor={`${id}-tray`}>{t('settings.tray')}</label>
        </div>
      )}
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}

interface MinutesFieldProps {
  readonly label: string;
  readonly value: number;
  readonly onCommit: (minutes: number) => void;
}

/** A number field applied on Enter or when leaving it, not at each keystroke. */
function MinutesField({ label, value, onCommit }: MinutesFieldProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [problem, setProblem] = useState<string>();

  useEffect(() => setText(String(value)), [value]);

  function commit() {
    const parsed = parseMinutes(text);
    if (typeof parsed === 'string') return setProblem(parsed);
    setProblem(undefined);
    if (parsed !== value) onCommit(parsed);
  }

  return (
    <div className="field">
      <label htmlFor={`${id}-minutes`}>{label}</label>
      <input
        id={`${id}-minutes`}
        type="number"
        inputMode="numeric"
        min={0}
        max={1440}
        step={1}
        className="minutes"
        aria-invalid={problem !== undefined}
        aria-describedby={problem === undefined ? undefined : `${id}-problem`}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
      {problem !== undefined && (
        <p id={`${id}-problem`} role="alert" className="hint warning">
          {problem}
        </p>
      )}
    </div>
  );
}
