import type { WorkflowDefinition } from './types';

/**
 * The workflow of a template that defines none (DESIGN.md, issue 5): the usual helpdesk path,
 * cancel from anywhere open, reopen after resolution. Customers may cancel a ticket nobody has
 * started, confirm a resolution (close) or reopen it, as they can on Zammad's customer portal.
 */
export const DEFAULT_WORKFLOW: WorkflowDefinition = {
  initial: 'new',
  final: ['closed', 'cancelled'],
  states: [
    { key: 'new', label: { 'zh-Hans': '新建', en: 'New' } },
    { key: 'assigned', label: { 'zh-Hans': '已分派', en: 'Assigned' } },
    { key: 'in_progress', label: { 'zh-Hans': '处理中', en: 'In progress' } },
    { key: 'pending_customer', label: { 'zh-Hans': '待客户反馈', en: 'Pending customer' }, pausesSla: true },
    { key: 'resolved', label: { 'zh-Hans': '已解决', en: 'Resolved' }, resolves: true },
    { key: 'closed', label: { 'zh-Hans': '已关闭', en: 'Closed' } },
    { key: 'cancelled', label: { 'zh-Hans': '已取消', en: 'Cancelled' } },
  ],
  transitions: [
    { from: 'new', to: 'assigned' },
    { from: ['new', 'assigned'], to: 'in_progress' },
    { from: 'in_progress', to: 'pending_customer' },
    { from: 'pending_customer', to: 'in_progress', roles: ['customer', '*'] },
    { from: ['in_progress', 'pending_customer'], to: 'resolved' },
    { from: 'resolved', to: 'closed', roles: ['customer', '*'] },
    { from: 'resolved', to: 'in_progress', roles: ['customer', '*'] },
    { from: 'new', to: 'cancelled', roles: ['customer', '*'] },
    { from: ['assigned', 'in_progress', 'pending_customer', 'resolved'], to: 'cancelled' },
  ],
};
