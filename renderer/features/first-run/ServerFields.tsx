// The "Advanced" disclosure: server host, port and connection security, for servers without SRV records.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TlsModeSchema, type TlsMode } from '../../../shared/model/account.ts';
import type { ServerValues } from './sign-in-plan.ts';


interface ServerFieldsProps {
  readonly values: ServerValues;
  readonly onChange: (values: ServerValues) => void;
  readonly disabled?: boolean;
}

export function ServerFields({ values, onChange, disabled = false }: ServerFieldsProps) {
  const id = useId();
  const { t } = useTranslation();
  const securityLabels: Readonly<Record<TlsMode, string>> = { auto: t('server.auto'), starttls: 'STARTTLS', direct: t('server.direct') };
  // A disclosure button (WAI-ARIA disclosure pattern): opened at first when it holds something, then as the user decides.
  const [open, setOpen] = useState(values.host !== '' || values.port !== '' || values.tls !== 'auto');
  return (
    <div className="advanced" data-open={open}>
      <button type="button" className="disclosure" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>
        {t('server.advanced')}
      </button>
      <div id={`${id}-panel`} className="advanced-panel" hidden={!open}>
        <p className="hint">{t('server.hint')}</p>
        <div className="field-row">
          <div className="field grow">
            <label htmlFor={`${id}-host`}>{t('server.host')}</label>
            <input
              id={`${id}-host`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              placeholder={t('server.hostPlaceholder')}
              value={values.host}
              disabled={disabled}
              onChange={(event) => onChange({ ...values, host: event.target.value })}
            />
          </div>
          <div className="field port">
            <label htmlFor={`${id}-port`}>{t('server.port')}</label>
            <input
              id={`${id}-port`}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              placeholder={t('server.portPlaceholder')}
              value={values.port}
              disabled={disabled}
              onChange={(event) => onChange({ ...values, port: event.target.value })}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-tls`}>{t('server.security')}</label>
          <select
            id={`${id}-tls`}
            value={values.tls}
            disabled={disabled}
            onChange={(event) => onChange({ ...values, tls: TlsModeSchema.parse(event.target.value) })}
          >
            {TlsModeSchema.options.map((mode) => (
              <option key={mode} value={mode}>
                {securityLabels[mode]}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}
