import register from './register';
import bootstrap from './bootstrap';
import destroy from './destroy';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import policies from './policies';
import unavailable from './http/unavailable';
import nulText from './http/nul-text';
import requestLimit from './http/request-limit';

export default {
  register,
  bootstrap,
  destroy,
  config,
  contentTypes,
  controllers,
  routes,
  services,
  policies,
  // Koa middlewares: `unavailable` and `nul-text` the app lists in config/middlewares.ts; `request-limit` the
  // content-API routes carry (http/route-limits.ts).
  middlewares: { unavailable, 'nul-text': nulText, 'request-limit': requestLimit },
};
