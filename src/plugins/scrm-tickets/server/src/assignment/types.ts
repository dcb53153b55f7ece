export const STRATEGIES = ['round_robin', 'least_loaded', 'skill_match', 'same_region', 'nearest', 'vip_senior'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface Agent {
  id: number;
  userId: number;
  skills: string[];
  regions: string[];
  capacity: number;
  openCount: number;
  location: GeoPoint | null;
  onDuty: boolean;
  awayUntil: Date | null;
  senior: boolean;
}

/** What the strategies look at on a ticket. */
export interface AssignmentNeeds {
  /** Skills that help: the template key, the ticket's tags, its select field values. */
  skills: string[];
  /** The ticket's region and its ancestors. */
  regionCodes: string[];
  location: GeoPoint | null;
  vip: boolean;
}
