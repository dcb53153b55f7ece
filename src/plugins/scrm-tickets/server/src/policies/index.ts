import ticketInScope from './ticket-in-scope';

export default {
  'ticket-in-scope': ticketInScope,
};
