// "Attach files": the system's file picker, several at once; what is chosen goes to the conversation (XEP-0363 upload).
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function AttachButton({ onFiles, disabled }: { readonly onFiles: (files: File[]) => void; readonly disabled?: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="quiet attach" disabled={disabled} onClick={() => input.current?.click()}>
        {t('transfers.attach')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          // The same file may be chosen again later.
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
