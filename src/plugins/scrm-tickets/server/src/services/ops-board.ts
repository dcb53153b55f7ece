import type { Core } from '@strapi/strapi';
import { createOpsBoard } from '../queues/ops-board';

/** The one bull-board of this Strapi process: mounted in register, shown the queues in bootstrap. */
const createOpsBoardService = ({ strapi }: { strapi: Core.Strapi }) => {
  let board: ReturnType<typeof createOpsBoard> | null = null;
  return {
    get: () => (board ??= createOpsBoard(strapi)),
  };
};

export type OpsBoardService = ReturnType<typeof createOpsBoardService>;
export default createOpsBoardService;
