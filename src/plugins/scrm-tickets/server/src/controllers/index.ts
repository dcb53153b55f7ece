import adminTicket from './admin-ticket';
import ticket from './ticket';
import ticketTemplate from './ticket-template';

export default {
  'admin-ticket': adminTicket,
  ticket,
  'ticket-template': ticketTemplate,
};
