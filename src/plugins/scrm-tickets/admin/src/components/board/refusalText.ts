import { messagesOf } from './types';
import type { Translate } from '../tickets/useT';

/**
 * A refused move in the user's language. The server's words are English and name states by key;
 * its status and the field it points at say which rule refused, and the board knows the move, so
 * the sentence can name both states by their labels. Anything else is shown as the server said it.
 */
export const refusalText = (error: any, move: { from: string; to: string }, name: (state: string) => string, t: Translate): string[] => {
  const status: number | undefined = error?.status ?? error?.response?.status;
  const path: string[] = error?.response?.data?.error?.details?.errors?.[0]?.path ?? [];
  const values = { from: name(move.from), to: name(move.to) };
  if (status === 409) return [t('board.refusal.conflict')];
  if (status === 403 && path[0] === 'to') return [t('board.refusal.role', values)];
  if (status === 400 && path[0] === 'to') return [t('board.refusal.unreachable', values)];
  if (status === 400 && path[0] === 'checklist') return [t('board.refusal.checklist', values)];
  if (status === 400 && path[0] === 'state') return [t('board.refusal.awaitingApproval')];
  return messagesOf(error);
};
