import { AsyncLocalStorage } from 'node:async_hooks';

// Marks a ticket write as an approval decision, so the ticket-writes middleware lets the ticket
// leave `awaiting_approval` and accepts the approval attributes no other caller may set. Only the
// approvals service runs writes inside it.
const storage = new AsyncLocalStorage<true>();

export const asApprovalDecision = <T>(write: () => Promise<T>): Promise<T> => storage.run(true, write);

export const isApprovalDecision = (): boolean => storage.getStore() === true;
