import bootstrap from './bootstrap';
import config from './config';
import controllers from './controllers';
import routes from './routes';
import contentTypes from './content-types';
import destroy from './destroy';
import register from './register';
import services from './services';
import policies from './policies';

const plugin = {
  register,
  bootstrap,
  destroy,
  config,
  contentTypes,
  services,
  controllers,
  routes,
  policies,
  middlewares: {},
};

export default plugin;
