import { factories } from '@strapi/strapi';
import { TEMPLATE_UID } from '../constants';

export default factories.createCoreService(TEMPLATE_UID as any);
