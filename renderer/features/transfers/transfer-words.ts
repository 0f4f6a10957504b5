// A transfer's figures in words: percent, speed, time left, method and state, in the reader's language.
import type { TFunction } from 'i18next';
import type { Transfer, TransferMethod, TransferState } from '../../../shared/model/transfer.ts';
import { byteSize } from '../../../shared/i18n/byte-size.ts';

export const percentOf = (transfer: Pick<Transfer, 'done' | 'size' | 'state'>): number =>
  transfer.state === 'done' || transfer.size === 0 ? (transfer.state === 'done' ? 100 : 0) : Math.min(100, Math.floor((transfer.done / transfer.size) * 100));

export function speedText(speed: number | undefined, t: TFunction, language: string): string | undefined {
  return speed === undefined ? undefined : t('transfers.speed', { speed: byteSize(Math.round(speed), language) });
}

export function timeLeftText(seconds: number | undefined, t: TFunction, language: string): string | undefined {
  if (seconds === undefined) return undefined;
  const [value, unit] = seconds < 60 ? [seconds, 'second'] : seconds < 3600 ? [Math.ceil(seconds / 60), 'minute'] : [Math.round(seconds / 360) / 10, 'hour'];
  return t('transfers.timeLeft', { time: new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short' }).format(value) });
}

export function methodText(method: TransferMethod, t: TFunction): string {
  const words: Readonly<Record<TransferMethod, string>> = {
    upload: t('transfers.method.upload'),
    'in-band': t('transfers.method.inBand'),
    direct: t('transfers.method.direct'),
    proxy: t('transfers.method.proxy'),
  };
  return words[method];
}

/** Why a Jingle transfer does not go directly, when our addresses are kept from the peer (XEP-0260 §6.1); else undefined. */
export function withheldText(transfer: Pick<Transfer, 'method' | 'directWithheld'>, peerName: string, t: TFunction): string | undefined {
  if (transfer.directWithheld === undefined || transfer.method === 'direct' || transfer.method === 'upload') return undefined;
  return transfer.directWithheld === 'setting' ? t('transfers.withheld.setting') : t('transfers.withheld.notMutual', { name: peerName });
}

export function stateText(transfer: Pick<Transfer, 'state' | 'direction'>, t: TFunction): string {
  const words: Readonly<Record<TransferState, string>> = {
    pending: transfer.direction === 'in' ? t('transfers.state.offered') : t('transfers.state.waiting'),
    active: transfer.direction === 'in' ? t('transfers.state.receiving') : t('transfers.state.sending'),
    done: transfer.direction === 'in' ? t('transfers.state.received') : t('transfers.state.sent'),
    failed: t('transfers.state.failed'),
    cancelled: t('transfers.state.cancelled'),
  };
  return words[transfer.state];
}
