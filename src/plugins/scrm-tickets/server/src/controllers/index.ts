import adminTicket from './admin-ticket';
import adminNotification from './admin-notification';
import adminSettlement from './admin-settlement';
import ticket from './ticket';
import ticketTemplate from './ticket-template';
import quote from './quote';
import adminLibrary from './admin-library';
import adminRules from './admin-rules';
import intake from './intake';
import wecomCallback from './wecom-callback';
import h5Auth from './h5-auth';
import workbench from './workbench';
import reports from './reports';
import health from './health';

export default {
  'admin-ticket': adminTicket,
  'admin-notification': adminNotification,
  'admin-settlement': adminSettlement,
  ticket,
  'ticket-template': ticketTemplate,
  quote,
  'admin-library': adminLibrary,
  'admin-rules': adminRules,
  intake,
  'wecom-callback': wecomCallback,
  'h5-auth': h5Auth,
  workbench,
  reports,
  health,
};
