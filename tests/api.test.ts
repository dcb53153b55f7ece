// One Strapi boot for the whole API suite: jest gives each test *file* a fresh module registry,
// so the specs are required from this single entry instead of being test files of their own.
import { bootStrapi, stopStrapi } from './helpers/strapi';

beforeAll(bootStrapi, 180_000);
afterAll(stopStrapi, 60_000);

require('./api/templates.spec');
require('./api/tickets-create.spec');
require('./api/tickets-update.spec');
require('./api/list.spec');
require('./api/numbering.spec');
require('./api/idempotency.spec');
require('./api/batch.spec');
require('./api/bulk-insert.spec');
require('./api/events.spec');
require('./api/comments.spec');
require('./api/customers.spec');
require('./api/graphql.spec');
require('./api/admin-content-manager.spec');
require('./api/malformed-input.spec');
require('./api/workflow.spec');
require('./api/approvals.spec');
require('./api/routing.spec');
require('./api/sla.spec');
require('./api/assignment.spec');
require('./api/sla-timers.spec');
require('./api/sla-queue.spec');
require('./api/notifications.spec');
require('./api/notify-queue.spec');
require('./api/ops-board.spec');
require('./api/sla-restart.spec');
require('./api/settlement.spec');
require('./api/settlement-sql.spec');
require('./api/pricing.spec');
require('./api/libraries.spec');
require('./api/rule-try.spec');
require('./api/intake-webhook.spec');
require('./api/wecom-callback.spec');
require('./api/wecom-kf.spec');
require('./api/h5.spec');
require('./api/workbench.spec');
require('./api/staff-access.spec');
require('./api/ticket-list.spec');
require('./api/ticket-detail.spec');
require('./api/customer-360.spec');
require('./api/pii.spec');
require('./api/reports.spec');
require('./api/demo-seed.spec');
require('./api/operations.spec');
require('./api/rate-limits.spec');
require('./api/uploads.spec');
require('./api/customer-limits.spec');
// Last: random writes that succeed must not disturb the other specs' counts.
require('./api/fuzz.spec');
