// "Transfers" in the top bar, with how many are under way or waiting for an answer; opens the transfers panel.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectOpenCount, useTransfers } from '../../stores/transfers.ts';
import { TransfersPanel } from './TransfersPanel.tsx';

export function TransfersButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const count = useTransfers(selectOpenCount);
  return (
    <>
      <button type="button" className="quiet" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {count === 0 ? t('transfers.open') : t('transfers.openCount', { count })}
      </button>
      {open && <TransfersPanel onClose={() => setOpen(false)} />}
    </>
  );
}
