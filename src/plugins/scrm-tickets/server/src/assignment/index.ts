export * from './types';
export { haversineKm, isEligible, rankAgents } from './strategies';
