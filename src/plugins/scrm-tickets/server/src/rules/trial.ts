// What trying a rule on a ticket answers (POST /scrm-tickets/rules/try); the rule builder in the
// admin reads the same type. Types only: the admin imports it without the server's services.
import type { RoutedTicket, Routing } from './actions';
import type { Explained } from './explain';
import type { Facts } from './facts';

/** A rule being edited, tried on a stored ticket. */
export interface RuleTrial extends Explained {
  ticket: { documentId: string; number: string; title: string; priority: string; tags: string[]; team: string | null };
  /** What the ticket would become: only when the rule matched and actions were given. */
  outcome?: RoutedTicket & Pick<Routing, 'notify' | 'assignStrategy'>;
  /** What each fact was (an undefined fact is absent). */
  facts: Facts;
}
