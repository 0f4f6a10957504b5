// The core's errors in the user's language: translated by code and parameters, the core's English sentence as the fallback.
import type { AppError } from '../../shared/ipc/errors.ts';
import { i18n } from './index.ts';

export function errorText(error: Pick<AppError, 'code' | 'message' | 'params'>): string {
  const key = `errors.${error.code}`;
  // A code added on the core side before its words exist here still says something.
  if (!i18n.exists(key)) return error.message;
  const { serverText, ...params } = error.params ?? {};
  // `context` picks the case's own sentence (errors.timeout_signIn), else the code's general one.
  const text = i18n.t(key, params);
  return serverText === undefined ? text : `${text} ${i18n.t('errors.serverSaid', { text: serverText })}`;
}
