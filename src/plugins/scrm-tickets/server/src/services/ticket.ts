import { factories } from '@strapi/strapi';
import { TICKET_UID } from '../constants';

// CRUD stays Strapi's own; validation, numbering and the audit trail run in the document-service
// middleware (middlewares/ticket-writes.ts), so every caller of strapi.documents gets them.
export default factories.createCoreService(TICKET_UID as any);
