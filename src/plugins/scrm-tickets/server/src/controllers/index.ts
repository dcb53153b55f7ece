import adminTicket from './admin-ticket';
import adminNotification from './admin-notification';
import ticket from './ticket';
import ticketTemplate from './ticket-template';

export default {
  'admin-ticket': adminTicket,
  'admin-notification': adminNotification,
  ticket,
  'ticket-template': ticketTemplate,
};
