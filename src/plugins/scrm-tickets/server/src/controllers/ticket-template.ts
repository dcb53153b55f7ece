import { factories } from '@strapi/strapi';
import { TEMPLATE_UID } from '../constants';

export default factories.createCoreController(TEMPLATE_UID as any);
