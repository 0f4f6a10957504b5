// "Configure room" (XEP-0045 §10.2): the room's own configuration form, whatever the server asks, filled in and sent back;
// the room's refusal shown in words. A room just created with custom settings (§10.1.3) comes with its form already.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataForm } from '../../../shared/model/data-form.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { DataFormFields } from '../../components/data-form/DataFormFields.tsx';
import { draftAnswers, initialDraft, validateDraft, type FieldProblem, type FormDraft } from '../../components/data-form/form-draft.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { Modal } from '../../components/Modal.tsx';

interface RoomConfigDialogProps {
  readonly accountId: string;
  readonly room: string;
  /** The form muc.create returned for a custom room; read with muc.getConfig otherwise. */
  readonly form?: DataForm;
  /** A new room stays locked until configured: closing without saving then takes the service's defaults (§10.1.2). */
  readonly creating?: boolean;
  readonly onClose: () => void;
}

export function RoomConfigDialog({ accountId, room, form: given, creating = false, onClose }: RoomConfigDialogProps) {
  const id = useId();
  const { t } = useTranslation();
  const [form, setForm] = useState<DataForm | undefined>(given);
  const [draft, setDraft] = useState<FormDraft>(() => (given ? initialDraft(given) : {}));
  const [problems, setProblems] = useState<readonly FieldProblem[]>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (given) return;
    let current = true;
    call('muc.getConfig', { accountId, room }).then(
      (read) => {
        if (!current) return;
        setForm(read);
        setDraft(initialDraft(read));
      },
      (cause: unknown) => {
        if (current) setError(messageOf(cause));
      },
    );
    return () => {
      current = false;
    };
  }, [accountId, room, given]);

  /** The answers filled in; none: the form's own values, the service's defaults. */
  async function send(filled: FormDraft | undefined) {
    if (!form) return;
    setBusy(true);
    setError(undefined);
    try {
      await call('muc.configure', { accountId, room, answers: filled === undefined ? {} : draftAnswers(form, filled) });
      onClose();
    } catch (cause) {
      setError(messageOf(cause));
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    const found = validateDraft(form, draft);
    setProblems(found);
    if (found.length > 0) {
      // The first field to put right gets the focus.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset:has([aria-invalid="true"]) input')?.focus());
      return;
    }
    void send(draft);
  }

  const cancel = () => (creating && form ? void send(undefined) : onClose());
  return (
    <Modal titleId={`${id}-title`} describedBy={`${id}-intro`} onCancel={cancel} initialFocus={headingRef} className="room-config">
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t('roomConfig.title')}
      </h2>
      <p id={`${id}-intro`} className="hint">
        {creating ? t('roomConfig.introNew', { room }) : t('roomConfig.intro', { room })}
      </p>
      {form === undefined && error === undefined && (
        <p role="status" className="progress working">
          {t('roomConfig.loading')}
        </p>
      )}
      <form ref={formRef} className="stack" noValidate onSubmit={submit}>
        {form && (
          <>
            {form.title !== undefined && <h3>{form.title}</h3>}
            <DataFormFields
              form={form}
              draft={draft}
              problems={problems ?? []}
              disabled={busy}
              onDraft={(next) => {
                setDraft(next);
                // Once shown, the problems follow the edits.
                if (problems) setProblems(validateDraft(form, next));
              }}
            />
          </>
        )}
        {problems !== undefined && problems.length > 0 && (
          <Alert>
            <p>{t('roomConfig.problems', { count: problems.length })}</p>
          </Alert>
        )}
        {error !== undefined && (
          <Alert>
            <p>{error}</p>
          </Alert>
        )}
        {busy && (
          <p role="status" className="progress working">
            {t('roomConfig.saving')}
          </p>
        )}
        <FormActions
          cancelLabel={creating && form ? t('roomConfig.useDefaults') : t('common.cancel')}
          onCancel={cancel}
          submitLabel={t('common.save')}
          busy={busy}
          incomplete={form === undefined}
        />
      </form>
    </Modal>
  );
}
