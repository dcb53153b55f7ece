import ticket from './ticket';
import ticketTemplate from './ticket-template';

export default {
  ticket,
  'ticket-template': ticketTemplate,
};
