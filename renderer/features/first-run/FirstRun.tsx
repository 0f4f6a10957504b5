// The welcome screen: sign in or create an account; also used to add another account.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { selectAccount, useAccounts } from '../../stores/accounts.ts';
import { useUi } from '../../stores/ui.ts';
import { CreateAccountForm } from './CreateAccountForm.tsx';
import { SignInForm, type SignInPrefill } from './SignInForm.tsx';

type Tab = 'sign-in' | 'register';
const tabs: readonly Tab[] = ['sign-in', 'register'];

export function FirstRun() {
  const id = useId();
  const { t } = useTranslation();
  const tabLabel = (key: Tab) => (key === 'sign-in' ? t('welcome.signInTab') : t('welcome.registerTab'));
  const [tab, setTab] = useState<Tab>('sign-in');
  const [prefill, setPrefill] = useState<SignInPrefill>();
  // Only as the screen opens: after that, the focus stays where the user put it (on a tab, for instance).
  const opened = useRef(false);
  useEffect(() => {
    opened.current = true;
  }, []);
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const signingIn = useUi((state) => state.signingIn);
  const adding = useUi((state) => state.addingAccount);
  const pending = useAccounts((state) => selectAccount(state, signingIn));
  const hasOthers = useAccounts((state) => state.accounts.some((account) => account.id !== signingIn));

  // Online at last: on to the main window, showing this account.
  const online = pending?.connection.status === 'online';
  useEffect(() => {
    if (!online || !pending) return;
    useAccounts.getState().select(pending.id);
    useUi.getState().finishSignIn();
  }, [online, pending]);

  function choose(next: Tab) {
    setTab(next);
    tabRefs.current[next]?.focus();
  }

  function onTabKey(event: KeyboardEvent) {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      choose(tab === 'sign-in' ? 'register' : 'sign-in');
    }
  }

  return (
    <main className="welcome">
      <section className="card" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{adding ? t('welcome.addTitle') : t('welcome.title')}</h1>
        <p className="lead">{t('welcome.lead')}</p>
        <div role="tablist" aria-label={t('welcome.how')} className="tabs" onKeyDown={onTabKey}>
          {tabs.map((key) => (
            <button
              key={key}
              ref={(element) => {
                tabRefs.current[key] = element;
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${key}`}
              aria-selected={tab === key}
              aria-controls={`${id}-panel`}
              tabIndex={tab === key ? 0 : -1}
              onClick={() => choose(key)}
            >
              {tabLabel(key)}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`} className="tabpanel">
          {tab === 'sign-in' ? (
            <SignInForm key={prefill?.jid ?? 'sign-in'} prefill={prefill} focusFirst={!opened.current} />
          ) : (
            <CreateAccountForm
              onCreated={(created) => {
                setPrefill(created);
                setTab('sign-in');
              }}
            />
          )}
        </div>
        {adding && hasOthers && (
          <div className="actions">
            <button type="button" onClick={() => useUi.getState().finishSignIn()}>
              {t('welcome.back')}
            </button>
          </div>
        )}
      </section>
    </main>
  );
}
